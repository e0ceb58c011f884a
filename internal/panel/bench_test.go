package panel

import (
	"encoding/json"
	"testing"
)

// BenchmarkDecodeServerListPage decodes a 100-server page with every include (allocations, user,
// node, location, egg, nest, variables, databases): the largest answer a resync asks for.
func BenchmarkDecodeServerListPage(b *testing.B) {
	attrs := make([]string, 100)
	for i := range attrs {
		attrs[i] = serverAttrs(i + 1)
	}
	page := []byte(listJSON("server", attrs, 1, 100, 250))
	b.SetBytes(int64(len(page)))
	b.ReportAllocs()
	for b.Loop() {
		var l list[Server]
		if err := json.Unmarshal(page, &l); err != nil {
			b.Fatal(err)
		}
		if s := l.items(); len(s) != 100 || s[99].Relationships.Egg == nil {
			b.Fatal("bad decode")
		}
	}
}
