/*
Copyright 2026 The pterodactyl-operator Authors.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
*/

package connection

import (
	"context"
	"fmt"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/snapshot"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// Observation says how the controllers read the panel.
type Observation string

const (
	// Snapshot reads servers, nodes, users and locations from one shared copy of each of the
	// panel's lists (see package snapshot), refreshed at most twice per sync interval. The
	// default ("" too).
	Snapshot Observation = "snapshot"
	// PerObject reads every object with a GET of its own each time it is observed: the old way,
	// kept as the benchmarks' baseline.
	PerObject Observation = "per-object"
)

// ParseObservation reads the --observation flag.
func ParseObservation(s string) (Observation, error) {
	switch o := Observation(s); o {
	case PerObject, Snapshot:
		return o, nil
	}
	return "", fmt.Errorf("--observation must be %s or %s, not %q", PerObject, Snapshot, s)
}

// ServerIncludes are read with every look at a server: its allocations and variables to diff
// ports and environment, its node for status.node, its owner to match owner.email without a
// lookup. The snapshot's list carries the same, so an object read from it and one read alone
// compare alike.
var ServerIncludes = []string{"allocations", "variables", "node", "user"}

// NodeIncludes are read with every look at a node: its allocations to diff them, its location
// for status.location.
var NodeIncludes = []string{"allocations", "location"}

// Observed holds what the controllers observe of one panel: each collection read through a
// shared copy (Snapshot) or object by object (PerObject).
type Observed struct {
	Servers   *snapshot.Collection[panel.Server]
	Nodes     *snapshot.Collection[panel.Node]
	Users     *snapshot.Collection[panel.User]
	Locations *snapshot.Collection[panel.Location]
}

// newObserved builds the collections of a connection. A copy may be half a syncInterval old: an
// object re-queued after one interval then sees drift at most half an interval late, and the
// copy costs at most two lists of each collection per interval.
func newObserved(c *panel.Client, mode Observation, syncInterval time.Duration, pageSize int) Observed {
	maxAge := syncInterval / 2
	// The panel pages with LIMIT/OFFSET and no default order: sorting by id keeps a create
	// during the walk from shifting the pages read after it (the new object comes last).
	page := func(include ...string) *panel.ListOptions {
		return &panel.ListOptions{PerPage: pageSize, Include: include, Sort: "id"}
	}
	o := Observed{
		Servers: &snapshot.Collection[panel.Server]{
			List: func(ctx context.Context) ([]panel.Server, error) {
				return c.Servers.ListAll(ctx, page(ServerIncludes...))
			},
			Get: func(ctx context.Context, id int) (*panel.Server, error) {
				return c.Servers.Get(ctx, id, ServerIncludes...)
			},
			ID:     func(s *panel.Server) int { return s.ID },
			MaxAge: maxAge,
		},
		Nodes: &snapshot.Collection[panel.Node]{
			List:   func(ctx context.Context) ([]panel.Node, error) { return c.Nodes.ListAll(ctx, page(NodeIncludes...)) },
			Get:    func(ctx context.Context, id int) (*panel.Node, error) { return c.Nodes.Get(ctx, id, NodeIncludes...) },
			ID:     func(n *panel.Node) int { return n.ID },
			MaxAge: maxAge,
		},
		Users: &snapshot.Collection[panel.User]{
			List:   func(ctx context.Context) ([]panel.User, error) { return c.Users.ListAll(ctx, page()) },
			Get:    func(ctx context.Context, id int) (*panel.User, error) { return c.Users.Get(ctx, id) },
			ID:     func(u *panel.User) int { return u.ID },
			MaxAge: maxAge,
		},
		Locations: &snapshot.Collection[panel.Location]{
			List:   func(ctx context.Context) ([]panel.Location, error) { return c.Locations.ListAll(ctx, page()) },
			Get:    func(ctx context.Context, id int) (*panel.Location, error) { return c.Locations.Get(ctx, id) },
			ID:     func(l *panel.Location) int { return l.ID },
			MaxAge: maxAge,
		},
	}
	if mode == PerObject {
		o.Servers.List, o.Nodes.List, o.Users.List, o.Locations.List = nil, nil, nil, nil
	}
	return o
}
