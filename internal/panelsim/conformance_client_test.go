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
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// panel-api.md §8: the client API routes the operator uses.

// identifierOf returns a server's 8-character identifier.
func (e *env) identifierOf(id int) string {
	e.tb.Helper()
	ident, _ := e.get(fmt.Sprintf("/servers/%d", id)).at("attributes.identifier").(string)
	return ident
}

func TestClientServer(t *testing.T) {
	e := newEnv(t, installDelay(time.Minute))
	id := e.createServer(serverBody("client", 1))
	ident := e.identifierOf(id)

	r := e.clientAPI(http.MethodGet, "/servers/"+ident, nil)
	wantStatus(t, r, http.StatusOK)
	want := map[string]any{"object": "server", "attributes.identifier": ident, "attributes.internal_id": float64(id),
		"attributes.status": "installing", "attributes.is_installing": true, "attributes.is_suspended": false,
		"attributes.is_transferring": false, "attributes.node": "node-1"}
	for k, v := range want {
		if got := r.at(k); got != v {
			t.Errorf("%s = %#v, want %#v", k, got, v)
		}
	}
	// The full uuid works too; the numeric id does not.
	uuid, _ := r.at("attributes.uuid").(string)
	wantStatus(t, e.clientAPI(http.MethodGet, "/servers/"+uuid, nil), http.StatusOK)
	wantStatus(t, e.clientAPI(http.MethodGet, fmt.Sprintf("/servers/%d", id), nil), http.StatusNotFound)
}

func TestClientPowerIsAsyncAndResourcesAreCached(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("power", 1))
	ident := e.identifierOf(id) // also lets the instant install finish
	resources := func() any {
		r := e.clientAPI(http.MethodGet, "/servers/"+ident+"/resources", nil)
		wantStatus(t, r, http.StatusOK)
		return r.at("attributes.current_state")
	}

	r := e.clientAPI(http.MethodGet, "/servers/"+ident+"/resources", nil)
	if r.at("object") != "stats" || r.at("attributes.current_state") != "offline" || r.at("attributes.is_suspended") != false {
		t.Fatalf("resources: %s", r.raw)
	}
	for _, k := range []string{"memory_bytes", "cpu_absolute", "disk_bytes", "network_rx_bytes", "network_tx_bytes", "uptime"} {
		if !has(r.body, "attributes.resources."+k) {
			t.Errorf("resources.%s missing", k)
		}
	}

	r = e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "start"})
	wantStatus(t, r, http.StatusNoContent)
	if len(r.raw) != 0 {
		t.Errorf("204 with a body: %s", r.raw)
	}
	// Cached for 20 s: the start does not show yet.
	e.clock.Advance(5 * time.Second)
	if got := resources(); got != "offline" {
		t.Errorf("5 s after start (cached): %v, want offline", got)
	}
	e.clock.Advance(15 * time.Second)
	if got := resources(); got != "running" {
		t.Errorf("20 s after start: %v, want running", got)
	}

	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "stop"}), http.StatusNoContent)
	e.clock.Advance(10 * time.Second)
	if got := resources(); got != "running" {
		t.Errorf("10 s after stop (cached): %v, want running", got)
	}
	e.clock.Advance(10 * time.Second)
	if got := resources(); got != "offline" {
		t.Errorf("20 s after stop: %v, want offline", got)
	}

	r = e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "explode"})
	wantValidation(t, r, "signal", "in", "The selected signal is invalid.")
	r = e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{})
	wantValidation(t, r, "signal", "required", "The signal field is required.")
}

func TestClientStateConflicts(t *testing.T) {
	e := newEnv(t, installDelay(time.Minute))
	id := e.createServer(serverBody("conflicted", 1))
	ident := e.identifierOf(id)
	power := func() *response {
		return e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "start"})
	}
	const notInstalled = "This server has not yet completed its installation process, please try again later."

	wantError(t, power(), http.StatusConflict, "ServerStateConflictException", notInstalled)
	wantError(t, e.clientAPI(http.MethodGet, "/servers/"+ident+"/resources", nil), http.StatusConflict, "ServerStateConflictException", notInstalled)

	e.sim.CompleteInstall(id, false) // install_failed is not installed either
	wantError(t, power(), http.StatusConflict, "ServerStateConflictException", notInstalled)

	wantStatus(t, e.post(fmt.Sprintf("/servers/%d/reinstall", id), nil), http.StatusNoContent)
	e.sim.CompleteInstall(id, true)
	wantStatus(t, power(), http.StatusNoContent)

	wantStatus(t, e.post(fmt.Sprintf("/servers/%d/suspend", id), nil), http.StatusNoContent)
	wantError(t, power(), http.StatusConflict, "ServerStateConflictException",
		"This server is currently suspended and the functionality requested is unavailable.")
	// The server itself still answers.
	r := e.clientAPI(http.MethodGet, "/servers/"+ident, nil)
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.is_suspended") != true {
		t.Errorf("is_suspended %v", r.at("attributes.is_suspended"))
	}
	wantStatus(t, e.post(fmt.Sprintf("/servers/%d/unsuspend", id), nil), http.StatusNoContent)

	nb := nodeBody("node-1", loc1)
	nb["maintenance_mode"] = true
	wantStatus(t, e.patch("/nodes/1", nb), http.StatusOK)
	wantError(t, power(), http.StatusConflict, "ServerStateConflictException",
		"The node of this server is currently under maintenance and the functionality requested is unavailable.")
}

func TestClientWebsocket(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("ws", 1))
	ident := e.identifierOf(id)
	r := e.clientAPI(http.MethodGet, "/servers/"+ident+"/websocket", nil)
	wantStatus(t, r, http.StatusOK)
	uuid, _ := e.get(fmt.Sprintf("/servers/%d", id)).at("attributes.uuid").(string)
	if got := r.at("data.socket"); got != "wss://node1.example.com:8080/api/servers/"+uuid+"/ws" {
		t.Errorf("socket %v", got)
	}
	token, _ := r.at("data.token").(string)
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("token %q is not a JWT", token)
	}
	claims, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(claims, &c); err != nil {
		t.Fatal(err)
	}
	if c["server_uuid"] != uuid || num(c["exp"])-num(c["iat"]) != 600 {
		t.Errorf("claims %v", c)
	}
}

func TestClientAccessAndWings(t *testing.T) {
	playerKey := panelsim.Key{Token: "ptlc_player" + strings.Repeat("p", 37), UserID: playerID}
	e := newEnv(t, withKeys(playerKey))
	id := e.createServer(serverBody("admins", 1))
	ident := e.identifierOf(id)

	// Someone else's server does not exist for a plain user.
	wantStatus(t, e.clientAPI(http.MethodGet, "/servers/"+ident, nil, withKey(playerKey.Token)), http.StatusNotFound)
	b := serverBody("players", 2)
	b["user"] = playerID
	own := e.identifierOf(e.createServer(b))
	r := e.clientAPI(http.MethodGet, "/servers/"+own, nil, withKey(playerKey.Token))
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.server_owner") != true {
		t.Errorf("server_owner %v", r.at("attributes.server_owner"))
	}

	e.sim.SetWingsReachable(0, false)
	wantError(t, e.clientAPI(http.MethodGet, "/servers/"+ident+"/resources", nil), http.StatusGatewayTimeout, "DaemonConnectionException",
		"Could not establish a connection to the machine running this server. Please try again.")
}
