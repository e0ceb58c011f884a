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

package panelsim_test

import (
	"net/http"
	"testing"
)

// The panel's database compares strings under utf8mb4_unicode_ci (config/database.php), so the
// external-id routes (ExternalUserController, ExternalServerController: a where on external_id)
// and the exact filters find a row whatever the case of the value asked for, as the uniqueness
// rules already refuse two ids that differ only in case.
func TestExternalIDLookupsIgnoreCase(t *testing.T) {
	e := newEnv(t)
	body := userBody("casey")
	body["external_id"] = "Team.Alpha"
	wantStatus(t, e.post("/users", body), http.StatusCreated)

	r := e.get("/users/external/team.ALPHA")
	wantStatus(t, r, http.StatusOK)
	if got := r.at("attributes.external_id"); got != "Team.Alpha" {
		t.Errorf("external_id %v: the row keeps the case it was stored with", got)
	}
	r = e.get("/users?filter[external_id]=TEAM.ALPHA")
	wantStatus(t, r, http.StatusOK)
	if n := len(r.at("data").([]any)); n != 1 {
		t.Errorf("filter[external_id] in another case found %d users, want 1", n)
	}
	wantStatus(t, e.get("/users/external/team.alph"), http.StatusNotFound)
}
