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

package panelsim

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// sameAsMarshal fails unless appendJSON writes json.Marshal's bytes for v.
func sameAsMarshal(t *testing.T, v any) {
	t.Helper()
	want, wantErr := json.Marshal(v)
	got, err := appendJSON(nil, v)
	if (err != nil) != (wantErr != nil) {
		t.Fatalf("error %v, json.Marshal's %v", err, wantErr)
	}
	if err == nil && !bytes.Equal(got, want) {
		t.Fatalf("appendJSON\n%s\njson.Marshal\n%s", got, want)
	}
}

func TestAppendJSONIsMarshal(t *testing.T) {
	s, n := "text", 7
	cases := []any{
		nil, true, false, 0, -12, 1 << 62, 1.5, 1e21, float32(0.1), json.Number("12.50"),
		"", "plain", `quote " backslash \ slash /`, "<script>&amp;</script>", "tab\tnew\nline\rret\bbs\fff",
		"\x00\x01\x1f\x7f", "ünïcödé ✓ 𝄞", "\u2028\u2029", "bad \xff utf8 \xc3", "\xed\xa0\x80",
		&s, (*string)(nil), &n, (*int)(nil),
		obj{}, obj(nil), []obj{}, []obj(nil), []any{}, []any(nil),
		obj{"b": 1, "a": obj{"z": []any{nil, "x", 2, obj{"k<": "v>"}}, "y": []obj{{"q": &s}}}, "": "empty key"},
		obj{"images": orderedImages{{Label: "Java <17>", Image: "ghcr.io/x:17"}}, "t": time.Unix(0, 0).UTC()},
		obj{"strings": []string{"a", "<b>"}, "ints": []int{1, 2}, "map": map[string]string{"b": "2", "a": "1"}},
	}
	for _, v := range cases {
		sameAsMarshal(t, v)
	}
	// Every byte, alone and inside text, and random strings of awkward runes and bytes.
	for b := 0; b < 256; b++ {
		sameAsMarshal(t, string([]byte{byte(b)}))
		sameAsMarshal(t, obj{"k" + string([]byte{byte(b)}): "a" + string([]byte{byte(b)}) + "z"})
	}
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "Z", " ", "\"", "\\", "<", ">", "&", "\n", "\x00", "\x7f", "é", "✓", "\u2028",
		"\u2029", "\U0001F600", "\xff", "\xc3", "\xe2\x80", "\ufffd"}
	for i := 0; i < 2000; i++ {
		var sb strings.Builder
		for j := rng.Intn(12); j > 0; j-- {
			sb.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		sameAsMarshal(t, sb.String())
	}
}

func TestTimestampsAreFormat(t *testing.T) {
	times := []time.Time{
		time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(2024, 6, 30, 12, 0, 0, 123456789, time.FixedZone("x", -7*3600)),
		time.Date(5, 1, 1, 0, 0, 0, 1000, time.UTC),
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		{},
	}
	for _, tm := range times {
		if got, want := timestamp(tm), tm.UTC().Format("2006-01-02T15:04:05+00:00"); got != want {
			t.Errorf("timestamp(%v) = %q, want %q", tm, got, want)
		}
		if got, want := microTimestamp(tm), tm.UTC().Format("2006-01-02T15:04:05.000000Z"); got != want {
			t.Errorf("microTimestamp(%v) = %q, want %q", tm, got, want)
		}
	}
}

// TestListBodiesEncodeAsMarshal encodes whole answers the handlers build, with every include.
func TestListBodiesEncodeAsMarshal(t *testing.T) {
	s := New(Options{RandSeed: 1, RateLimitPerMinute: -1})
	s.mu.Lock()
	defer s.mu.Unlock()
	desc := "multi-line\n<description> & \"quotes\" ✓"
	s.st.locations.put(1, &location{ID: 1, Short: "eu", Long: &desc})
	s.st.nodes.put(1, &node{ID: 1, Name: "n1", LocationID: 1, Description: &desc})
	s.st.addAllocations(1, "10.0.0.1", "alias<1>", 25565, 25570)
	ext := "ext & <id>"
	srv := &server{ID: 1, ExternalID: &ext, UUID: "uuid-1", UUIDShort: "uuid", NodeID: 1, Name: "srv\u2028",
		Description: desc, OwnerID: 1, AllocationID: 1, NestID: 1, EggID: 5}
	s.st.servers.put(1, srv)
	a, _ := s.st.allocations.get(1)
	a.ServerID = &srv.ID
	s.st.databases.put(1, &database{ID: 1, ServerID: 1, HostID: 1, Database: "s1_db", Remote: "%"})
	for _, target := range []string{
		"/api/application/servers?include=allocations,variables,user,node,databases,egg,nest,location,subusers",
		"/api/application/nodes?include=allocations.server,location,servers",
		"/api/application/users?include=servers",
		"/api/application/locations?include=nodes,servers",
		"/api/application/nests?include=eggs.variables,servers",
	} {
		u, _ := url.Parse(target)
		c := &call{sim: s, st: s.st, r: httptest.NewRequest(http.MethodGet, target, http.NoBody), query: u.Query(),
			baseURL: "http://panel", key: &Key{Token: s.appKey}}
		var handle handler
		for _, rt := range s.router.routes {
			if rt.method == "GET" && rt.pattern == u.Path {
				handle = rt.handle
			}
		}
		_, body, aerr := handle(c)
		if aerr != nil {
			t.Fatalf("%s: %v", target, aerr)
		}
		sameAsMarshal(t, body)
		if data, _ := appendJSON(nil, body); !utf8.Valid(data) || len(data) < 500 {
			t.Errorf("%s: %d bytes", target, len(data))
		}
	}
}

// BenchmarkServerPage splits the cost of a page of 500 servers with every include among 10,000
// (no HTTP): building the answer under the lock, and encoding it.
func BenchmarkServerPage(b *testing.B) {
	const paperEgg = 5
	s := New(Options{RandSeed: 1, RateLimitPerMinute: -1})
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	s.st.locations.put(1, &location{ID: 1, Short: "eu", CreatedAt: now, UpdatedAt: now})
	for j := 1; j <= 10; j++ {
		s.st.nodes.put(j, &node{ID: j, Name: "node", LocationID: 1, CreatedAt: now, UpdatedAt: now})
		s.st.addAllocations(j, "10.0.0.1", "", 30000, 32499)
	}
	for i := 1; i <= 10000; i++ {
		ext := "ext"
		srv := &server{ID: i, ExternalID: &ext, UUID: "uuid", NodeID: 1 + i%10, OwnerID: 1, EggID: paperEgg,
			NestID: 1, Name: "server", CreatedAt: now, UpdatedAt: now}
		for _, v := range s.st.variablesOf(paperEgg) {
			srv.setVariable(v.ID, ptr("value"))
		}
		s.st.servers.put(i, srv)
		s.st.databases.put(i, &database{ID: i, ServerID: i, Database: "db", CreatedAt: now, UpdatedAt: now})
	}
	// Two allocations for each server, from its node's.
	byNode, next := map[int][]*allocation{}, map[int]int{}
	for _, a := range s.st.allocations.ordered {
		byNode[a.NodeID] = append(byNode[a.NodeID], a)
	}
	for _, srv := range s.st.servers.ordered {
		for range 2 {
			byNode[srv.NodeID][next[srv.NodeID]].ServerID = ptr(srv.ID)
			next[srv.NodeID]++
		}
	}
	target := "/api/application/servers?per_page=500&page=7&include=allocations,variables,user,node,databases"
	u, _ := url.Parse(target)
	newCall := func() *call {
		return &call{sim: s, st: s.st, r: httptest.NewRequest(http.MethodGet, target, http.NoBody), query: u.Query(),
			baseURL: "http://panel", key: &Key{Token: s.appKey}}
	}
	s.st.readOnly = true
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := listServers(newCall()); err != nil {
				b.Fatal(err)
			}
		}
	})
	_, body, _ := listServers(newCall())
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf, _ = appendJSON(buf[:0], body)
		}
		b.SetBytes(int64(len(buf)))
	})
}
