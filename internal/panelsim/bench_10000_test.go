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

package panelsim_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// The 10,000-server panel of issue 11: the operator reads its collections as whole paginated
// lists, so the simulator must answer those lists, filters and pages fast at that size.
const (
	bigServers      = 10000
	bigNodes        = 10
	bigUsers        = 1000
	bigAllocPerNode = 2500 // 25,000 allocations; each server holds two
	bigPerPage      = 500
	bigIncludes     = "allocations,variables,user,node,databases"
	firstBigAlloc   = 16 // allocations 1-15 belong to the test seed's nodes
	firstBigNode    = 3
)

// bigPanel is a simulator holding 10,000 servers (each with two allocations, its egg's
// variables, an owner among 1,000 users and one database) on 10 nodes of 2,500 allocations.
type bigPanel struct {
	*env
	client  *http.Client
	uuids   []string // by server index
	extIDs  []string
	created time.Duration
}

func bigExternalID(i int) string { return fmt.Sprintf("big-%05d", i) }

func newBigPanel(b *testing.B) *bigPanel {
	b.Helper()
	start := time.Now()
	e := newEnv(b, func(o *panelsim.Options) {
		for i := 0; i < bigUsers; i++ {
			id := playerID + 1 + i
			o.Seed.Users = append(o.Seed.Users, panelsim.SeedUser{ID: id, ExternalID: fmt.Sprintf("owner-%04d", i),
				Username: fmt.Sprintf("owner%04d", i), Email: fmt.Sprintf("owner%04d@example.com", i),
				FirstName: "Big", LastName: "Owner"})
		}
		for j := 0; j < bigNodes; j++ {
			o.Seed.Nodes = append(o.Seed.Nodes, panelsim.SeedNode{ID: firstBigNode + j, Name: fmt.Sprintf("big-%02d", j),
				LocationID: loc1, FQDN: fmt.Sprintf("big-%02d.example.com", j), Memory: 1 << 24, Disk: 1 << 28,
				Allocations: []panelsim.SeedAllocation{{IP: fmt.Sprintf("10.1.%d.1", j),
					Ports: []string{"30000-30999", "31000-31999", "32000-32499"}}}})
		}
	})
	transport := &http.Transport{MaxIdleConns: 64, MaxIdleConnsPerHost: 64}
	b.Cleanup(transport.CloseIdleConnections)
	p := &bigPanel{env: e, client: &http.Client{Transport: transport},
		uuids: make([]string, bigServers), extIDs: make([]string, bigServers)}

	// Created through the API, as an operator would, four at a time.
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	work := make(chan int)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				if err := p.createBig(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := 0; i < bigServers; i++ {
		work <- i
	}
	close(work)
	wg.Wait()
	if firstErr != nil {
		b.Fatal(firstErr)
	}
	p.created = time.Since(start)
	return p
}

// createBig creates server i and its database.
func (p *bigPanel) createBig(i int) error {
	node, slot := i%bigNodes, i/bigNodes
	alloc := firstBigAlloc + node*bigAllocPerNode + 2*slot
	body := serverBody(fmt.Sprintf("big-server-%05d", i), alloc)
	body["external_id"] = bigExternalID(i)
	body["user"] = playerID + 1 + i%bigUsers
	body["allocation"] = map[string]any{"default": alloc, "additional": []int{alloc + 1}}
	r, err := p.send(http.MethodPost, appBase+"/servers", body)
	if err != nil {
		return err
	}
	if r.status != http.StatusCreated {
		return fmt.Errorf("create server %d: %s", i, r)
	}
	id := num(r.at("attributes.id"))
	p.uuids[i], _ = r.at("attributes.uuid").(string)
	p.extIDs[i] = bigExternalID(i)
	r, err = p.send(http.MethodPost, fmt.Sprintf("%s/servers/%d/databases", appBase, id),
		map[string]any{"database": "main", "remote": "%", "host": dbHostID})
	if err != nil {
		return err
	}
	if r.status != http.StatusCreated {
		return fmt.Errorf("create database of server %d: %s", i, r)
	}
	return nil
}

// fetch GETs an Application API path and returns the raw body, failing on anything but a 200.
func (p *bigPanel) fetch(b *testing.B, path string) []byte {
	req, _ := http.NewRequest(http.MethodGet, p.srv.URL+appBase+path, http.NoBody)
	req.Header.Set("Authorization", "Bearer "+p.appKey)
	req.Header.Set("Accept", "application/json")
	resp, err := p.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %s", path, resp.StatusCode, data)
	}
	return data
}

// page is what the benchmarks check of a list answer.
type page struct {
	Data []struct {
		Attributes struct {
			ID            int                        `json:"id"`
			Relationships map[string]json.RawMessage `json:"relationships"`
		} `json:"attributes"`
	} `json:"data"`
	Meta struct {
		Pagination struct {
			Total       int `json:"total"`
			Count       int `json:"count"`
			PerPage     int `json:"per_page"`
			CurrentPage int `json:"current_page"`
			TotalPages  int `json:"total_pages"`
		} `json:"pagination"`
	} `json:"meta"`
}

func decodePage(b *testing.B, data []byte) page {
	var pg page
	if err := json.Unmarshal(data, &pg); err != nil {
		b.Fatal(err)
	}
	return pg
}

// BenchmarkSim10000 measures the reads a list-based operator makes of a 10,000-server panel,
// over loopback HTTP: every server in pages of 500 with every include (list_ms: one whole walk),
// one server found by filter[external_id] and by filter[uuid] (filter_ms), the nodes with their
// 25,000 allocations (nodes_ms), and one server by id with every include (get_ms).
func BenchmarkSim10000(b *testing.B) {
	p := newBigPanel(b)
	b.Logf("seeded %d servers, %d databases and %d allocations through the API in %v",
		bigServers, bigServers, bigNodes*bigAllocPerNode, p.created.Round(time.Millisecond))
	perOp := func(b *testing.B, unit string) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N), unit)
	}

	b.Run("list_servers", func(b *testing.B) {
		pages := bigServers / bigPerPage
		path := func(pg int) string {
			return fmt.Sprintf("/servers?per_page=%d&page=%d&include=%s", bigPerPage, pg, bigIncludes)
		}
		// One walk checked, outside what is measured.
		seen := 0
		for pg := 1; pg <= pages; pg++ {
			got := decodePage(b, p.fetch(b, path(pg)))
			m := got.Meta.Pagination
			if m.Total != bigServers || m.Count != bigPerPage || m.PerPage != bigPerPage || m.CurrentPage != pg || m.TotalPages != pages {
				b.Fatalf("page %d: pagination %+v", pg, m)
			}
			for _, d := range got.Data {
				if len(d.Attributes.Relationships) != 5 {
					b.Fatalf("server %d has relationships %v", d.Attributes.ID, d.Attributes.Relationships)
				}
			}
			seen += len(got.Data)
		}
		if seen != bigServers {
			b.Fatalf("walk saw %d servers", seen)
		}
		b.ResetTimer()
		for n := 0; n < b.N; n++ {
			for pg := 1; pg <= pages; pg++ {
				p.fetch(b, path(pg))
			}
		}
		perOp(b, "list_ms")
	})

	filter := func(name string, values []string) func(b *testing.B) {
		return func(b *testing.B) {
			path := func(n int) string {
				return "/servers?filter[" + name + "]=" + url.QueryEscape(values[(n*7919)%bigServers])
			}
			for n := 0; n < 10; n++ {
				if got := decodePage(b, p.fetch(b, path(n))); got.Meta.Pagination.Total != 1 || got.Data[0].Attributes.ID == 0 {
					b.Fatalf("%s: %+v", path(n), got.Meta.Pagination)
				}
			}
			b.ResetTimer()
			for n := 0; n < b.N; n++ {
				p.fetch(b, path(n))
			}
			perOp(b, "filter_ms")
		}
	}
	b.Run("filter_external_id", filter("external_id", p.extIDs))
	b.Run("filter_uuid", filter("uuid", p.uuids))

	b.Run("nodes_allocations", func(b *testing.B) {
		if got := decodePage(b, p.fetch(b, "/nodes?include=allocations")); got.Meta.Pagination.Total != bigNodes+2 {
			b.Fatalf("nodes: %+v", got.Meta.Pagination)
		}
		b.ResetTimer()
		for n := 0; n < b.N; n++ {
			p.fetch(b, "/nodes?include=allocations")
		}
		perOp(b, "nodes_ms")
	})

	b.Run("get_server", func(b *testing.B) {
		for n := 0; n < b.N; n++ {
			p.fetch(b, fmt.Sprintf("/servers/%d?include=%s", 1+(n*7919)%bigServers, bigIncludes))
		}
		perOp(b, "get_ms")
	})
}
