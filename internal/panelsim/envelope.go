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
	"strings"
	"time"
)

// obj is an attribute map of one transformed object.
type obj = map[string]any

// item wraps attributes in the panel's envelope.
func item(object string, attrs obj) obj { return obj{"object": object, "attributes": attrs} }

// nullResource is what an include shows when the key may not read it.
func nullResource() obj { return obj{"object": "null_resource", "attributes": nil} }

// plainList is a list without pagination meta (eggs, server databases, included collections).
func plainList(object string, attrs []obj) obj {
	data := make([]obj, len(attrs))
	for i, a := range attrs {
		data[i] = item(object, a)
	}
	return obj{"object": "list", "data": data}
}

// timestamp is the panel's ISO-8601 form for most models.
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05+00:00") }

// microTimestamp is the form egg and server variables use.
func microTimestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// includes is the parsed ?include= tree: "allocations.node" → {allocations: {node: {}}}. The
// panel allows two levels and ignores names it does not know.
type includes map[string]includes

func parseIncludes(raw []string) includes {
	inc := includes{}
	for _, r := range raw {
		for _, name := range strings.Split(r, ",") {
			parts := strings.Split(strings.TrimSpace(name), ".")
			if len(parts) > 2 || parts[0] == "" {
				parts = parts[:min(len(parts), 2)]
			}
			cur := inc
			for _, p := range parts {
				if p == "" {
					break
				}
				if cur[p] == nil {
					cur[p] = includes{}
				}
				cur = cur[p]
			}
		}
	}
	return inc
}

// requestIncludes reads ?include=a,b and ?include[]=a.
func (c *call) requestIncludes() includes {
	return parseIncludes(append(c.query["include"], c.query["include[]"]...))
}
