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

	"golang.org/x/time/rate"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/snapshot"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// Observation says how the controllers read the panel.
type Observation string

const (
	// Snapshot reads servers, nodes, users and locations from one shared copy of each of the
	// panel's lists (see package snapshot), listed once per sync interval, and wakes the objects
	// whose panel object a list found changed. The default ("" too).
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

// Names of the observed collections, as the snapshot metrics and the drift sources give them.
const (
	ServersCollection   = "servers"
	NodesCollection     = "nodes"
	UsersCollection     = "users"
	LocationsCollection = "locations"
)

// Observed holds what the controllers observe of one panel: each collection read through a
// shared copy (Snapshot) or object by object (PerObject).
type Observed struct {
	Servers   *snapshot.Collection[panel.Server]
	Nodes     *snapshot.Collection[panel.Node]
	Users     *snapshot.Collection[panel.User]
	Locations *snapshot.Collection[panel.Location]
}

// ListedSince reports whether a list of one of the collections began after t and was answered:
// the panel then accepted the application key, and let it read.
func (o Observed) ListedSince(t time.Time) bool {
	for _, at := range []time.Time{o.Servers.RefreshedAt(), o.Nodes.RefreshedAt(), o.Users.RefreshedAt(), o.Locations.RefreshedAt()} {
		if at.After(t) {
			return true
		}
	}
	return false
}

// awaitShare is the share of a Panel's budget that lists for awaited objects (installing
// servers) may take over time: at 200 requests a minute and 1,000 servers (two pages), one
// list every 12 s while servers keep installing.
const awaitShare = 0.05

// observing is how a connection's collections are read.
type observing struct {
	mode         Observation
	syncInterval time.Duration
	pageSize     int
	// requestsPerMinute is the Panel's budget, which paces the lists for awaited objects.
	requestsPerMinute int
	// background is the connection's lifetime: the collections' listing loops run in it. nil
	// lists only when a read finds a copy too old.
	background context.Context
	// changed returns what a collection's loop tells of the objects a list found changed.
	changed func(collection string) func(ids []int)
}

// newObserved builds the collections of a connection. With a background, each collection is
// listed once per syncInterval by its loop, which reports what changed; a read lists only if
// the loop fell two intervals behind. Without one, a copy may be half a syncInterval old: an
// object re-queued after one interval then sees drift at most half an interval late, and the
// copy costs at most two lists of each collection per interval.
func newObserved(c *panel.Client, o observing) Observed {
	page := func(include ...string) *panel.ListOptions {
		// The panel pages with LIMIT/OFFSET and no default order: sorting by id keeps a create
		// during the walk from shifting the pages read after it (the new object comes last).
		return &panel.ListOptions{PerPage: o.pageSize, Include: include, Sort: "id"}
	}
	// One await budget for the connection: awaitShare is of the Panel's whole budget, whichever
	// collection's lists spend it.
	awaitBudget := o.awaitBudget()
	settings := func(name string) snapshot.Settings {
		if o.mode == PerObject {
			return snapshot.Settings{}
		}
		if o.background == nil {
			return snapshot.Settings{MaxAge: o.syncInterval / 2}
		}
		// The loop lists every interval; a read lists itself only if the loop fell two behind.
		st := snapshot.Settings{MaxAge: 2 * o.syncInterval, Background: o.background, Every: o.syncInterval,
			AwaitBudget: awaitBudget, ListCost: o.listCost}
		if o.changed != nil {
			st.Changed = o.changed(name)
		}
		return st
	}
	obs := Observed{
		Servers: &snapshot.Collection[panel.Server]{
			List: func(ctx context.Context) ([]panel.Server, error) {
				return c.Servers.ListAll(ctx, page(ServerIncludes...))
			},
			Get: func(ctx context.Context, id int) (*panel.Server, error) {
				return c.Servers.Get(ctx, id, ServerIncludes...)
			},
			ID:       func(s *panel.Server) int { return s.ID },
			Settings: settings(ServersCollection),
		},
		Nodes: &snapshot.Collection[panel.Node]{
			List:     func(ctx context.Context) ([]panel.Node, error) { return c.Nodes.ListAll(ctx, page(NodeIncludes...)) },
			Get:      func(ctx context.Context, id int) (*panel.Node, error) { return c.Nodes.Get(ctx, id, NodeIncludes...) },
			ID:       func(n *panel.Node) int { return n.ID },
			Settings: settings(NodesCollection),
		},
		Users: &snapshot.Collection[panel.User]{
			List:     func(ctx context.Context) ([]panel.User, error) { return c.Users.ListAll(ctx, page()) },
			Get:      func(ctx context.Context, id int) (*panel.User, error) { return c.Users.Get(ctx, id) },
			ID:       func(u *panel.User) int { return u.ID },
			Settings: settings(UsersCollection),
		},
		Locations: &snapshot.Collection[panel.Location]{
			List:     func(ctx context.Context) ([]panel.Location, error) { return c.Locations.ListAll(ctx, page()) },
			Get:      func(ctx context.Context, id int) (*panel.Location, error) { return c.Locations.Get(ctx, id) },
			ID:       func(l *panel.Location) int { return l.ID },
			Settings: settings(LocationsCollection),
		},
	}
	if o.mode == PerObject {
		obs.Servers.List, obs.Nodes.List, obs.Users.List, obs.Locations.List = nil, nil, nil, nil
	}
	return obs
}

// awaitBudget is the token bucket the lists for awaited objects spend: awaitShare of the
// Panel's budget, with the client's own burst, so one server applied on its own is seen
// installed at once and a thousand installing share a list every few seconds.
func (o observing) awaitBudget() *rate.Limiter {
	return rate.NewLimiter(rate.Limit(float64(o.requestsPerMinute)*awaitShare/60), panel.Burst(o.requestsPerMinute))
}

// listCost is the pages a list of size objects reads.
func (o observing) listCost(size int) int { return size/o.pageSize + 1 }
