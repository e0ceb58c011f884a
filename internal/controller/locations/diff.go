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
	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// request is the complete location the spec asks for; the panel's PATCH replaces, so create and
// update send the same thing.
func request(spec ptero.PanelLocationSpec) panel.LocationRequest {
	return panel.LocationRequest{Short: spec.Short, Long: spec.Long}
}

// upToDate compares the fields the spec owns. The panel stores an empty long as null, which the
// client reads back as "", so an unset long matches.
func upToDate(spec ptero.PanelLocationSpec, loc *panel.Location) bool {
	return loc.Short == spec.Short && loc.Long == spec.Long
}
