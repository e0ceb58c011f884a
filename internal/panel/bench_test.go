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

package panel

import (
	"testing"
	"time"
)

// BenchmarkDecodeServerListPage decodes a 100-server page with every include (allocations, user,
// node, location, egg, nest, variables, databases) as the client decodes a response: the largest
// answer a resync asks for, through the same target ServersService.List gives the client (its wire
// shape, wire.go). ms/page is issue 11's decode_page_100_ms, which hack/bench.sh prints.
func BenchmarkDecodeServerListPage(b *testing.B) {
	attrs := make([]string, 100)
	for i := range attrs {
		attrs[i] = serverAttrs(i + 1)
	}
	page := []byte(listJSON("server", attrs, 1, 100, 250))
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	query := (&ListOptions{PerPage: 100}).values()
	for b.Loop() {
		p := &wirePage[serverWire, Server]{query: query}
		if err := decodeBody(page, p); err != nil {
			b.Fatal(err)
		}
		if s := p.items; len(s) != 100 || s[99].Relationships.Egg == nil || len(s[99].Relationships.Databases) != 1 ||
			s[99].Container.Environment["P_SERVER_ALLOCATION_LIMIT"] != "3" || s[99].CreatedAt.Time().IsZero() {
			b.Fatal("bad decode")
		}
	}
	b.ReportMetric(float64(b.Elapsed())/float64(b.N)/float64(time.Millisecond), "ms/page")
}
