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
	"slices"
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

func perms(keys ...string) []ptero.SubuserPermission {
	out := make([]ptero.SubuserPermission, len(keys))
	for i, k := range keys {
		out[i] = ptero.SubuserPermission(k)
	}
	return out
}

func TestPermissionsInLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		spec []ptero.SubuserPermission
		held []string
		want bool
	}{
		{"websocket.connect is implied", perms("control.console", "file.read"), []string{"file.read", "control.console", "websocket.connect"}, true},
		{"websocket.connect in the spec too", perms("websocket.connect", "file.read"), []string{"websocket.connect", "file.read"}, true},
		{"only websocket.connect", perms("websocket.connect"), []string{"websocket.connect"}, true},
		{"duplicates in the panel", perms("file.read"), []string{"file.read", "file.read", "websocket.connect"}, true},
		{"a key missing in the panel", perms("control.console", "file.read"), []string{"control.console", "websocket.connect"}, false},
		{"a key added in the panel", perms("file.read"), []string{"file.read", "file.delete", "websocket.connect"}, false},
		{"websocket.connect taken away", perms("file.read"), []string{"file.read"}, false},
		{"nothing in the panel", perms("file.read"), nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := permissionsInLine(tc.spec, tc.held); got != tc.want {
				t.Errorf("permissionsInLine(%v, %v) = %v, want %v", tc.spec, tc.held, got, tc.want)
			}
		})
	}
}

func TestRequestedPermissions(t *testing.T) {
	got := requestedPermissions(perms("file.read", "control.console", "file.read"))
	if want := []string{"control.console", "file.read"}; !slices.Equal(got, want) {
		t.Errorf("requestedPermissions = %v, want %v", got, want)
	}
}

func TestDroppedPermissions(t *testing.T) {
	got := droppedPermissions(perms("control.console", "file.read"), []string{"control.console", "websocket.connect"})
	if want := []string{"file.read"}; !slices.Equal(got, want) {
		t.Errorf("droppedPermissions = %v, want %v", got, want)
	}
	if got := droppedPermissions(perms("file.read"), []string{"websocket.connect", "file.read"}); got != nil {
		t.Errorf("nothing dropped, got %v", got)
	}
}
