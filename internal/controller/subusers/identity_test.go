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

package subusers

import (
	"errors"
	"strings"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestUserIs(t *testing.T) {
	friend := &panel.ClientSubuser{UUID: "5f1e9a8c-0d3b-4c6e-9a1f-2b7c8d9e0f1a", Email: "Friend@Example.com"}
	for _, tc := range []struct {
		name string
		who  user
		want bool
	}{
		{"the email, ignoring case as the panel does", user{email: "friend@example.com"}, true},
		{"another email", user{email: "foe@example.com"}, false},
		{"a PanelUser by UUID", user{email: "old@example.com", uuid: friend.UUID}, true},
		{"a PanelUser with the email but another UUID", user{email: "friend@example.com", uuid: "0a0b0c0d-0000-4000-8000-000000000000"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.who.is(friend); got != tc.want {
				t.Errorf("is = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCheckAdoptedNamesTheField(t *testing.T) {
	s := &panel.ClientSubuser{UUID: "5f1e9a8c-0d3b-4c6e-9a1f-2b7c8d9e0f1a", Email: "someone@example.com"}
	if err := checkAdopted(s, user{field: "email", name: "someone@example.com", email: "someone@example.com"}); err != nil {
		t.Errorf("the spec's user: %v", err)
	}
	err := checkAdopted(s, user{field: "userRef", name: `PanelUser "bob" (bob@example.com)`, email: "bob@example.com", uuid: "0a0b0c0d-0000-4000-8000-000000000000"})
	var invalid *managed.InvalidSpecError
	if !errors.As(err, &invalid) || invalid.Field != "userRef" {
		t.Fatalf("another user: %v, want an invalid spec.userRef", err)
	}
	if !strings.Contains(err.Error(), "someone@example.com") || !strings.Contains(err.Error(), `PanelUser "bob"`) {
		t.Errorf("the message names neither user: %v", err)
	}
}
