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
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-logr/logr"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// Against the simulator, by its request counts: reading three locations costs one list (two pages
// of two) with the snapshot, three GETs without, and the metrics say what the copy holds.
func TestObservationModesCostWhatTheySay(t *testing.T) {
	ctx := context.Background()
	sim := panelsim.New(panelsim.Options{RateLimitPerMinute: -1})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	c, err := panel.NewClient(srv.URL, sim.ApplicationKey())
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, short := range []string{"eu", "us", "ap"} {
		l, err := c.Locations.Create(ctx, panel.LocationRequest{Short: short})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ID)
	}
	counts := func() (lists, gets int) {
		n := sim.Counts()
		return n["GET /api/application/locations 200"], n["GET /api/application/locations/{location} 200"]
	}

	for _, tc := range []struct {
		mode                Observation
		wantLists, wantGets int
	}{{PerObject, 0, 3}, {Snapshot, 2, 0}} {
		t.Run(string(tc.mode), func(t *testing.T) {
			conn := &Conn{Client: c, PanelName: "default", syncInterval: time.Hour}
			conn.Observed = newObserved(c, observing{mode: tc.mode, syncInterval: conn.syncInterval, pageSize: 2}) // pages of 2: the list reads two
			lists0, gets0 := counts()
			for _, id := range ids {
				l, err := conn.Locations.Read(ctx, id)
				if err != nil || l.ID != id {
					t.Fatalf("Read(%d) = %+v, %v", id, l, err)
				}
			}
			lists, gets := counts()
			if lists-lists0 != tc.wantLists || gets-gets0 != tc.wantGets {
				t.Fatalf("%d lists and %d gets; want %d and %d", lists-lists0, gets-gets0, tc.wantLists, tc.wantGets)
			}

			reg := NewRegistry(nil, logr.Discard(), nil)
			reg.conns["default"] = cached{conn: conn}
			want := map[Observation]string{PerObject: "0", Snapshot: "3"}[tc.mode]
			expected := `
# HELP pterodactyl_snapshot_objects Objects the shared copy of a panel collection holds.
# TYPE pterodactyl_snapshot_objects gauge
pterodactyl_snapshot_objects{collection="locations",panel="default"} ` + want + `
pterodactyl_snapshot_objects{collection="nodes",panel="default"} 0
pterodactyl_snapshot_objects{collection="servers",panel="default"} 0
pterodactyl_snapshot_objects{collection="users",panel="default"} 0
`
			if err := testutil.CollectAndCompare(reg.SnapshotCollector(), strings.NewReader(expected), "pterodactyl_snapshot_objects"); err != nil {
				t.Fatal(err)
			}
		})
	}
}
