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

package locations

import (
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestUpToDate(t *testing.T) {
	spec := ptero.PanelLocationSpec{Short: "us-east", Long: "US East"}
	for _, tc := range []struct {
		name string
		loc  panel.Location
		want bool
	}{
		{"same", panel.Location{Short: "us-east", Long: "US East"}, true},
		{"short drifted", panel.Location{Short: "us-west", Long: "US East"}, false},
		{"long drifted", panel.Location{Short: "us-east", Long: "elsewhere"}, false},
		{"long cleared", panel.Location{Short: "us-east"}, false},
	} {
		if got := upToDate(spec, &tc.loc); got != tc.want {
			t.Errorf("%s: upToDate = %v, want %v", tc.name, got, tc.want)
		}
	}
	if !upToDate(ptero.PanelLocationSpec{Short: "eu"}, &panel.Location{Short: "eu"}) {
		t.Error("an unset long matches the panel's null")
	}
	if req := request(spec); req.Short != "us-east" || req.Long != "US East" {
		t.Errorf("request = %+v; the PATCH replaces, so both fields go", req)
	}
}

func TestByShortIsExact(t *testing.T) {
	// filter[short] is LIKE %short%, case-insensitive.
	all := []panel.Location{{ID: 1, Short: "us-east-2"}, {ID: 2, Short: "US-EAST"}, {ID: 3, Short: "us-east"}}
	if got := byShort(all, "us-east"); got == nil || got.ID != 3 {
		t.Fatalf("byShort = %+v, want location 3", got)
	}
	if got := byShort(all[:2], "us-east"); got != nil {
		t.Fatalf("partial matches must not count, got %+v", got)
	}
}
