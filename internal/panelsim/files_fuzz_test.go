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
	"net/http"
	"strings"
	"testing"
)

// FuzzFilePath: whatever file path a client sends to files/write, the simulator answers without a
// server error, refuses a path that climbs out of the server's root (as Wings' SafePath does), and
// what it wrote reads back under the same path. make chaos runs it; a crasher becomes a seed in
// testdata/fuzz.
func FuzzFilePath(f *testing.F) {
	for _, seed := range []string{"/server.properties", "server.properties", "/plugins/../a.yml", "../etc/passwd",
		"/a/./b//c", "/", "", " ", "/..", "/a/..", "%2e%2e/x", "/\x00", "/a b/c"} {
		f.Add(seed)
	}
	e := newEnv(f)
	ident := e.identifierOf(e.createServer(serverBody("fuzz", 1)))
	f.Fuzz(func(t *testing.T, path string) {
		e := *e // the same simulator, failing this input's test
		e.tb = t
		w := e.clientAPI(http.MethodPost, fileRoute(ident, "write", path), "x", textPlain)
		if w.status >= 500 {
			t.Fatalf("write %q: %d %s", path, w.status, w.raw)
		}
		if escapes(path) && w.status == http.StatusNoContent {
			t.Fatalf("write %q outside the root was accepted", path)
		}
		if w.status != http.StatusNoContent {
			return
		}
		r := e.clientAPI(http.MethodGet, fileRoute(ident, "contents", path), nil)
		if r.status != http.StatusOK || string(r.raw) != "x" {
			t.Fatalf("read back %q: %d %q", path, r.status, r.raw)
		}
	})
}

// escapes says whether a path, taken from the server's root, climbs above it.
func escapes(p string) bool {
	depth := 0
	for _, seg := range strings.Split(strings.TrimSpace(p), "/") {
		switch seg {
		case "", ".":
		case "..":
			if depth == 0 {
				return true
			}
			depth--
		default:
			depth++
		}
	}
	return false
}
