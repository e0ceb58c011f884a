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

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/snapshot"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// Observation says how the controllers read the panel.
type Observation string

const (
	// PerObject reads every object with a GET of its own each time it is observed.
	PerObject Observation = "per-object"
	// Snapshot reads the servers from one shared copy of the panel's server list (see package
	// snapshot), refreshed at most twice per sync interval.
	Snapshot Observation = "snapshot"
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

// DefaultListPageSize is how many objects one page of a snapshot's list holds. The panel does
// not cap per_page; 500 servers with their includes is about 1 MB.
const DefaultListPageSize = 500

// serverSnapshot is the copy of the panel's servers a connection observes through.
func serverSnapshot(c *panel.Client, conn *Conn) *snapshot.Collection[panel.Server] {
	return &snapshot.Collection[panel.Server]{
		List: func(ctx context.Context) ([]panel.Server, error) {
			return c.Servers.ListAll(ctx, &panel.ListOptions{PerPage: DefaultListPageSize, Include: ServerIncludes})
		},
		ID: func(s *panel.Server) int { return s.ID },
		// Half an interval: an object re-queued after one interval reads a copy at most half
		// an interval old, so drift is found within one and a half.
		MaxAge: conn.syncInterval / 2,
	}
}
