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
	"strings"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// GET /api/client/account answers the key's own user (AccountTransformer), and refuses an
// application key like every client route: the Panel's check of its clientKey relies on both.
func TestClientAccount(t *testing.T) {
	playerKey := panelsim.Key{Token: "ptlc_player" + strings.Repeat("p", 37), UserID: playerID}
	e := newEnv(t, withKeys(playerKey))

	r := e.clientAPI(http.MethodGet, "/account", nil)
	wantStatus(t, r, http.StatusOK)
	if r.at("object") != "user" || r.at("attributes.admin") != true || r.at("attributes.username") == nil {
		t.Errorf("admin's account: %s", r.body)
	}
	for _, absent := range []string{"attributes.root_admin", "attributes.uuid", "attributes.password"} {
		if v := r.at(absent); v != nil {
			t.Errorf("%s = %v: the client transformer does not send it", absent, v)
		}
	}

	r = e.do(http.MethodGet, "/api/client/account", nil, withKey(playerKey.Token))
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.admin") != false || r.at("attributes.id") != float64(playerID) {
		t.Errorf("player's account: %s", r.body)
	}

	wantError(t, e.do(http.MethodGet, "/api/client/account", nil), http.StatusForbidden, "AccessDeniedHttpException",
		"You are attempting to use an application API key on an endpoint that requires a client API key.")
}
