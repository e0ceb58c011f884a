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
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// The request counts are the assertion: the catalogue is worth having only if it saves reads.
func TestEggCatalogueIsReadOncePerConnection(t *testing.T) {
	ctx := context.Background()
	sim := panelsim.New(panelsim.Options{RateLimitPerMinute: -1})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	connect := func() *Conn {
		c, err := panel.NewClient(srv.URL, sim.ApplicationKey())
		if err != nil {
			t.Fatal(err)
		}
		return &Conn{Client: c, PanelName: "default", syncInterval: time.Hour}
	}
	reads := func(route string) int { return sim.Counts()["GET /api/application"+route+" 200"] }

	conn := connect()
	var nests []panel.Nest
	for range 2 {
		var err error
		if nests, err = conn.Nests(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := reads("/nests"); n != 1 {
		t.Fatalf("nests read %d times within a sync interval, want once", n)
	}
	if len(nests) == 0 || len(nests[0].Relationships.Eggs) == 0 {
		t.Fatalf("nests without their eggs: %+v", nests)
	}

	// Servers created at once all want the egg at once: one read serves them.
	nest, egg := nests[0].ID, nests[0].Relationships.Eggs[0].ID
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			e, err := conn.Egg(ctx, nest, egg)
			if err == nil && (e.ID != egg || len(e.Relationships.Variables) == 0) {
				err = fmt.Errorf("egg %d without its variables: %+v", egg, e)
			}
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if n := reads("/nests/{nest}/eggs/{egg}"); n != 1 {
		t.Fatalf("egg read %d times by 20 servers within a sync interval, want once", n)
	}

	// A Panel whose URL or key changes gets a new Conn, which must not answer from the old one.
	fresh := connect()
	if _, err := fresh.Nests(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.Egg(ctx, nest, egg); err != nil {
		t.Fatal(err)
	}
	if n, e := reads("/nests"), reads("/nests/{nest}/eggs/{egg}"); n != 2 || e != 2 {
		t.Fatalf("a new connection read nests %d and the egg %d times in all, want 2 each", n, e)
	}
}

func TestEggCatalogueRefreshesAfterTheSyncInterval(t *testing.T) {
	ctx := context.Background()
	sim := panelsim.New(panelsim.Options{RateLimitPerMinute: -1})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	c, err := panel.NewClient(srv.URL, sim.ApplicationKey())
	if err != nil {
		t.Fatal(err)
	}
	// An interval this short has always passed by the next call.
	conn := &Conn{Client: c, PanelName: "default", syncInterval: time.Nanosecond}
	for range 2 {
		if _, err := conn.Nests(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := sim.Counts()["GET /api/application/nests 200"]; n != 2 {
		t.Fatalf("nests read %d times across two sync intervals, want twice", n)
	}
}
