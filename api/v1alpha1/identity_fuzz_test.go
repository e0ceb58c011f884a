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

package v1alpha1_test

import (
	"strconv"
	"testing"

	v1 "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// FuzzParsePanelID: the panel-id annotation is a positive number or a canonical UUID, and
// nothing else is accepted; what is accepted prints back as it was written.
func FuzzParsePanelID(f *testing.F) {
	for _, seed := range []string{"7", "0", "-3", "seven", "0x10", "1e3", " 7", "7 ", "1f0a93c2-58a4-4c3e-9b0e-3cb2d8c1a111", "1F0A93C2-58A4-4C3E-9B0E-3CB2D8C1A111", "{1f0a93c2-58a4-4c3e-9b0e-3cb2d8c1a111}"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, v string) {
		id, ok := v1.ParsePanelID(v)
		if !ok {
			return
		}
		switch {
		case id.ID > 0:
			if strconv.FormatInt(id.ID, 10) != v && "+"+strconv.FormatInt(id.ID, 10) != v && !leadingZeros(v, id.ID) {
				t.Fatalf("%q read as id %d", v, id.ID)
			}
		case id.UUID != "":
			if id.UUID != v || len(v) != 36 {
				t.Fatalf("%q read as uuid %q", v, id.UUID)
			}
		default:
			t.Fatalf("%q accepted as %+v", v, id)
		}
	})
}

// leadingZeros reports whether v is n written with leading zeros (strconv accepts them).
func leadingZeros(v string, n int64) bool {
	for len(v) > 1 && v[0] == '0' {
		v = v[1:]
	}
	return v == strconv.FormatInt(n, 10)
}
