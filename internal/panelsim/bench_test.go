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
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// BenchmarkListServers measures GET /servers?per_page=100 over loopback HTTP against a panel
// holding 1,000 servers, the size of a large operator-managed fleet.
func BenchmarkListServers(b *testing.B) {
	const servers = 1000
	e := newEnv(b, func(o *panelsim.Options) {
		// One node with exactly one allocation per server (1,000 ports is the most one range may hold).
		o.Seed.Nodes = append(o.Seed.Nodes, panelsim.SeedNode{ID: 3, Name: "bench", LocationID: loc1,
			FQDN: "bench.example.com", Memory: 1 << 20, Disk: 1 << 24,
			Allocations: []panelsim.SeedAllocation{{IP: "10.0.9.1", Ports: []string{"30000-30999"}}}})
	})
	first := 16 // allocations 1-15 belong to the test seed's nodes
	for i := 0; i < servers; i++ {
		e.createServer(serverBody("bench-"+strconv.Itoa(i), first+i))
	}
	if got := num(e.get("/servers?per_page=1").at("meta.pagination.total")); got != servers {
		b.Fatalf("seeded %d servers, want %d", got, servers)
	}

	transport := &http.Transport{MaxIdleConns: 128, MaxIdleConnsPerHost: 128}
	b.Cleanup(transport.CloseIdleConnections)
	client := &http.Client{Transport: transport}
	url := e.srv.URL + appBase + "/servers?per_page=100"

	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodGet, url, http.NoBody)
			req.Header.Set("Authorization", "Bearer "+e.appKey)
			req.Header.Set("Accept", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
