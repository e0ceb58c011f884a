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

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// wantedPermissions is what the panel should hold for the spec: its keys, sorted and without
// duplicates, plus websocket.connect, which the panel gives every subuser whatever is asked (a
// spec without it would otherwise never be in line).
func wantedPermissions(spec []ptero.SubuserPermission) []string {
	out := make([]string, 0, len(spec)+1)
	for _, p := range spec {
		out = append(out, string(p))
	}
	out = append(out, panel.PermissionWebsocketConnect)
	slices.Sort(out)
	return slices.Compact(out)
}

// requestedPermissions is the list sent to the panel: the spec's keys, sorted. websocket.connect
// is left to the panel, which adds it.
func requestedPermissions(spec []ptero.SubuserPermission) []string {
	out := make([]string, 0, len(spec))
	for _, p := range spec {
		out = append(out, string(p))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// permissionsInLine reports whether the panel's permissions are the spec's, compared as sets
// (the panel keeps its own order and may hold duplicates).
func permissionsInLine(spec []ptero.SubuserPermission, held []string) bool {
	have := slices.Clone(held)
	slices.Sort(have)
	return slices.Equal(wantedPermissions(spec), slices.Compact(have))
}

// droppedPermissions are the spec's keys the panel did not store: a panel that does not know a
// key drops it without an error, and asking again would get the same answer.
func droppedPermissions(spec []ptero.SubuserPermission, stored []string) []string {
	var dropped []string
	for _, p := range wantedPermissions(spec) {
		if !slices.Contains(stored, p) {
			dropped = append(dropped, p)
		}
	}
	return dropped
}
