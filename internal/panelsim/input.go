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
	"encoding/json"
	"strconv"
	"strings"
)

// input is a decoded, normalized request body (or query) with dotted-path access.
type input map[string]any

// lookup returns the value at a dotted path and whether the key is present (null counts). A
// numeric part indexes a list, as Laravel's "ports.0" does.
func (in input) lookup(path string) (any, bool) {
	var cur any = map[string]any(in)
	for _, part := range strings.Split(path, ".") {
		switch t := cur.(type) {
		case map[string]any:
			v, ok := t[part]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(t) {
				return nil, false
			}
			cur = t[i]
		default:
			return nil, false
		}
	}
	return cur, true
}

// has reports a present, non-null value.
func (in input) has(path string) bool {
	v, ok := in.lookup(path)
	return ok && v != nil
}

// str returns a string value (numbers are turned into their text, as PHP would), nil if absent.
func (in input) str(path string) *string {
	v, _ := in.lookup(path)
	switch t := v.(type) {
	case string:
		return &t
	case json.Number:
		s := t.String()
		return &s
	case bool:
		s := "0"
		if t {
			s = "1"
		}
		return &s
	}
	return nil
}

// strOr returns the string at path or def.
func (in input) strOr(path, def string) string {
	if p := in.str(path); p != nil {
		return *p
	}
	return def
}

// integer returns an integer value (validated input: numbers or numeric strings).
func (in input) integer(path string) (int, bool) {
	v, _ := in.lookup(path)
	return toInt(v)
}

// intOr returns the integer at path or def.
func (in input) intOr(path string, def int) int {
	if n, ok := in.integer(path); ok {
		return n
	}
	return def
}

// intPtr returns the integer at path or nil.
func (in input) intPtr(path string) *int {
	if n, ok := in.integer(path); ok {
		return &n
	}
	return nil
}

// boolean returns a boolean value (true, false, 1, 0, "1", "0").
func (in input) boolean(path string) (bool, bool) {
	v, _ := in.lookup(path)
	return toBool(v)
}

// boolOr returns the boolean at path or def.
func (in input) boolOr(path string, def bool) bool {
	if b, ok := in.boolean(path); ok {
		return b
	}
	return def
}

// ints returns a list of integers at path (non-integers are skipped).
func (in input) ints(path string) []int {
	v, _ := in.lookup(path)
	list, _ := v.([]any)
	var out []int
	for _, item := range list {
		if n, ok := toInt(item); ok {
			out = append(out, n)
		}
	}
	return out
}

func toInt(v any) (int, bool) {
	switch t := v.(type) {
	case json.Number:
		n, err := strconv.Atoi(t.String())
		if err != nil {
			f, ferr := t.Float64()
			if ferr != nil || f != float64(int(f)) {
				return 0, false
			}
			return int(f), true
		}
		return n, true
	case string:
		n, err := strconv.Atoi(strings.TrimSpace(t))
		return n, err == nil
	case float64:
		return int(t), t == float64(int(t))
	case int:
		return t, true
	}
	return 0, false
}

func toBool(v any) (bool, bool) {
	switch t := v.(type) {
	case bool:
		return t, true
	case json.Number:
		switch t.String() {
		case "1":
			return true, true
		case "0":
			return false, true
		}
	case string:
		switch t {
		case "1":
			return true, true
		case "0":
			return false, true
		}
	}
	return false, false
}
