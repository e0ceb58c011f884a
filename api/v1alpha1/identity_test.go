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

package v1alpha1

import "testing"

func TestPanelIdentity(t *testing.T) {
	const id = "9f0c5d3e-8d1b-4b52-a2a5-6f7f2c3a1b4d"
	for _, tc := range []struct {
		in     PanelIdentity
		want   string
		isZero bool
	}{
		{PanelIdentity{}, "", true},
		{PanelIdentity{ID: 12}, "12", false},
		{PanelIdentity{UUID: id}, id, false},
		{PanelIdentity{UUID: id, Server: "78165af0"}, id + " of server 78165af0", false},
	} {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.in, got, tc.want)
		}
		if got := tc.in.IsZero(); got != tc.isZero {
			t.Errorf("%+v.IsZero() = %v", tc.in, got)
		}
	}
}

func TestParsePanelID(t *testing.T) {
	const id = "9f0c5d3e-8d1b-4b52-a2a5-6f7f2c3a1b4d"
	for _, tc := range []struct {
		in   string
		want PanelIdentity
		ok   bool
	}{
		{"12", PanelIdentity{ID: 12}, true},
		{id, PanelIdentity{UUID: id}, true},
		{"0", PanelIdentity{ID: 0}, false},
		{"-4", PanelIdentity{ID: -4}, false},
		{"abc", PanelIdentity{}, false},
		{"{" + id + "}", PanelIdentity{}, false}, // only the canonical form the panel writes
		{"urn:uuid:" + id, PanelIdentity{}, false},
	} {
		got, ok := ParsePanelID(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("ParsePanelID(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
