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
	"hash/maphash"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// appendJSON appends v encoded exactly as json.Marshal would encode it (map keys sorted, HTML
// characters escaped), but walks the shapes the handlers build (obj, lists, strings, numbers,
// nullable columns) itself: encoding/json reflects over and sorts every map, which made it the
// slowest part of a 500-server page (about 35 MB/s). Any other type is handed to json.Marshal;
// encode_test.go checks the bytes are json.Marshal's.
func appendJSON(buf []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case string:
		return appendJSONString(buf, t)
	case bool:
		return strconv.AppendBool(buf, t), nil
	case int:
		return strconv.AppendInt(buf, int64(t), 10), nil
	case *string:
		if t == nil {
			return append(buf, "null"...), nil
		}
		return appendJSONString(buf, *t)
	case *int:
		if t == nil {
			return append(buf, "null"...), nil
		}
		return strconv.AppendInt(buf, int64(*t), 10), nil
	case obj:
		if t == nil {
			return append(buf, "null"...), nil
		}
		return appendJSONObject(buf, t)
	case []obj:
		return appendJSONArray(buf, t)
	case []any:
		return appendJSONArray(buf, t)
	}
	data, err := json.Marshal(v)
	return append(buf, data...), err
}

// appendJSONArray appends a list of the handlers' values; a nil list is null, as json.Marshal has it.
func appendJSONArray[T any](buf []byte, items []T) ([]byte, error) {
	if items == nil {
		return append(buf, "null"...), nil
	}
	buf = append(buf, '[')
	for i, item := range items {
		if i > 0 {
			buf = append(buf, ',')
		}
		var err error
		if buf, err = appendJSON(buf, item); err != nil {
			return buf, err
		}
	}
	return append(buf, ']'), nil
}

func appendJSONObject(buf []byte, m obj) ([]byte, error) {
	// The handlers build maps of a few fixed shapes: their sorted keys are looked up by an
	// order-free signature of the key set rather than sorted again. A cached list is only used
	// if every key in it is in m (with len(m) keys, that is m's key set), else the map is sorted.
	sig := uint64(len(m))
	for k := range m {
		sig += maphash.String(keySeed, k)
	}
	if cached, ok := keyOrders.Load(sig); ok {
		if keys := cached.([]string); len(keys) == len(m) {
			start := len(buf)
			out, complete, err := appendJSONFields(buf, m, keys)
			if complete || err != nil {
				return out, err
			}
			buf = out[:start]
		}
	}
	var small [32]string
	keys := small[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if keyOrderCount.Load() < maxKeyOrders {
		keyOrderCount.Add(1)
		keyOrders.Store(sig, slices.Clone(keys))
	}
	out, _, err := appendJSONFields(buf, m, keys)
	return out, err
}

// appendJSONFields writes m's fields in the order of keys; complete is false if one is missing.
func appendJSONFields(buf []byte, m obj, keys []string) (out []byte, complete bool, err error) {
	buf = append(buf, '{')
	for i, k := range keys {
		v, ok := m[k]
		if !ok {
			return buf, false, nil
		}
		if i > 0 {
			buf = append(buf, ',')
		}
		if buf, err = appendJSONString(buf, k); err != nil {
			return buf, true, err
		}
		buf = append(buf, ':')
		if buf, err = appendJSON(buf, v); err != nil {
			return buf, true, err
		}
	}
	return append(buf, '}'), true, nil
}

// keyOrders maps a key-set signature to its sorted keys; shared by every simulator, so safe for
// concurrent use, and bounded (maps of other shapes are simply sorted).
var (
	keyOrders     sync.Map // uint64 → []string
	keyOrderCount atomic.Int64
	keySeed       = maphash.MakeSeed()
)

const maxKeyOrders = 4096

// appendJSONString is encoding/json's string encoder with HTML escaping (what json.Marshal
// does): printable ASCII is copied except the quote, the backslash, < > and &, which are escaped,
// as control characters are (\n \r \t \b \f, else \u00XX); invalid UTF-8 becomes \ufffd and
// U+2028, U+2029 are escaped.
func appendJSONString(buf []byte, s string) ([]byte, error) {
	buf = append(buf, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if jsonSafe[b] {
				i++
				continue
			}
			buf = append(buf, s[start:i]...)
			switch b {
			case '\\', '"':
				buf = append(buf, '\\', b)
			case '\b':
				buf = append(buf, '\\', 'b')
			case '\f':
				buf = append(buf, '\\', 'f')
			case '\n':
				buf = append(buf, '\\', 'n')
			case '\r':
				buf = append(buf, '\\', 'r')
			case '\t':
				buf = append(buf, '\\', 't')
			default:
				buf = append(buf, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			buf = append(buf, s[start:i]...)
			buf = append(buf, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			buf = append(buf, s[start:i]...)
			buf = append(buf, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	buf = append(buf, s[start:]...)
	return append(buf, '"'), nil
}

const hexDigits = "0123456789abcdef"

// jsonSafe is encoding/json's htmlSafeSet: the ASCII bytes copied as they are.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		t[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	return t
}()
