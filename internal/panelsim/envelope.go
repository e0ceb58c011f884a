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

// relatedItem is item(object, build()) for an included row, built once per request when it
// includes nothing further: a page of servers includes the same few nodes, eggs and locations
// hundreds of times. The item is then shared, so nothing may change it once built.
func (c *call) relatedItem(object string, id int, sub includes, build func() obj) obj {
	if len(sub) > 0 {
		return item(object, build())
	}
	k := relatedKey{object, id}
	if it, ok := c.related[k]; ok {
		return it
	}
	if c.related == nil {
		c.related = map[relatedKey]obj{}
	}
	it := item(object, build())
	c.related[k] = it
	return it
}

type relatedKey struct {
	object string
	id     int
}

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
func timestamp(t time.Time) string { return formatUTC(t, "2006-01-02T15:04:05+00:00", false) }

// microTimestamp is the form egg and server variables use.
func microTimestamp(t time.Time) string { return formatUTC(t, "2006-01-02T15:04:05.000000Z", true) }

// formatUTC is t.UTC().Format(layout) for the two layouts above, written out by hand: a page of
// 500 servers formats some 8,000 timestamps.
func formatUTC(t time.Time, layout string, micro bool) string {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.Format(layout)
	}
	hour, minute, sec := t.Clock()
	b := make([]byte, 0, len(layout))
	b = appendDigits(b, year, 4)
	b = append(b, '-')
	b = appendDigits(b, int(month), 2)
	b = append(b, '-')
	b = appendDigits(b, day, 2)
	b = append(b, 'T')
	b = appendDigits(b, hour, 2)
	b = append(b, ':')
	b = appendDigits(b, minute, 2)
	b = append(b, ':')
	b = appendDigits(b, sec, 2)
	if micro {
		b = append(b, '.')
		return string(append(appendDigits(b, t.Nanosecond()/1000, 6), 'Z'))
	}
	return string(append(b, "+00:00"...))
}

// appendDigits writes n zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	for d := width - 1; d >= 0; d-- {
		p := 1
		for range d {
			p *= 10
		}
		b = append(b, byte('0'+n/p%10))
	}
	return b
}

// includes is the parsed ?include= tree: "allocations.node" → {allocations: {node: {}}}. The
// panel allows two levels and ignores names it does not know.
type includes map[string]includes

// parseIncludes splits each raw value on commas, as the panel does with a string ?include=.
func parseIncludes(raw []string) includes {
	var names []string
	for _, r := range raw {
		names = append(names, strings.Split(r, ",")...)
	}
	return includeTree(names)
}

// includeTree builds the tree of include names, each trimmed; empty ones are dropped.
func includeTree(names []string) includes {
	inc := includes{}
	for _, name := range names {
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
	return inc
}

// requestIncludes is what ApplicationApiController's constructor parses for every method:
// $request->input('include', []). For a JSON request, input() reads the body merged over the
// query string, so a body with an include key decides alone (even null or "", which include
// nothing); otherwise ?include=a,b and ?include[]=a.
func (c *call) requestIncludes() includes {
	if v, ok := c.body.lookup("include"); ok {
		return includeTree(bodyIncludeNames(v))
	}
	return parseIncludes(append(c.query["include"], c.query["include[]"]...))
}

// bodyIncludeNames is the constructor's reading of a body include: a list (or object) is taken
// element by element, each trimmed but not split, and anything else is exploded on commas
// (a number or boolean as PHP prints it). The body was normalized already ("" is null).
// An element that is itself a list or object makes the panel's trim() throw a TypeError, a
// 500 before anything else runs; the simulator skips it instead.
func bodyIncludeNames(v any) []string {
	var elems []any
	switch t := v.(type) {
	case []any:
		elems = t
	case map[string]any:
		for _, e := range t {
			elems = append(elems, e)
		}
	default:
		return strings.Split(scalarText(v), ",")
	}
	names := make([]string, 0, len(elems))
	for _, e := range elems {
		switch e.(type) {
		case []any, map[string]any:
			continue
		}
		names = append(names, scalarText(e))
	}
	return names
}
