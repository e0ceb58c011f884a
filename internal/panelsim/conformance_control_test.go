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
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// The /_sim/ control API (control.go) and fault injection (faults.go). Control routes need no
// key.

func (e *env) control(method, path string, body any) *response {
	e.tb.Helper()
	return e.do(method, "/_sim/"+path, body, withKey(""))
}

func TestControlResetStateAndCounts(t *testing.T) {
	e := newEnv(t)
	wantStatus(t, e.post("/users", userBody("temporary")), http.StatusCreated)
	e.get("/users/1")
	e.get("/users/999")
	e.get("/nope")

	r := e.control(http.MethodGet, "counts", nil)
	wantStatus(t, r, http.StatusOK)
	for key, want := range map[string]int{
		"POST /api/application/users 201":       1,
		"GET /api/application/users/{user} 200": 1,
		"GET /api/application/users/{user} 404": 1,
		"GET (unmatched) 404":                   1,
	} {
		if got := num(r.at(key)); got != want {
			t.Errorf("counts[%q] = %d, want %d (counts %s)", key, got, want, r.raw)
		}
	}
	if c := e.sim.Counts(); c["GET /api/application/users/{user} 200"] != 1 {
		t.Errorf("Sim.Counts %v", c)
	}

	r = e.control(http.MethodGet, "state", nil)
	wantStatus(t, r, http.StatusOK)
	users, _ := r.at("users").([]any)
	if len(users) != 3 || at(users[2], "username") != "temporary" {
		t.Errorf("state users: %v", r.at("users"))
	}
	for _, k := range []string{"locations", "nodes", "allocations", "nests", "eggs", "servers", "databases", "database_hosts"} {
		if !has(r.body, k) {
			t.Errorf("state lacks %s", k)
		}
	}
	// Secrets stay out of the dump.
	if token, _ := e.get("/nodes/1/configuration").at("token").(string); token == "" || strings.Contains(string(r.raw), token) {
		t.Error("state leaks the daemon token")
	}

	wantStatus(t, e.control(http.MethodPost, "reset", nil), http.StatusNoContent)
	if got := num(e.get("/users").at("meta.pagination.total")); got != 2 {
		t.Errorf("users after reset: %d", got)
	}
	// Keys survive a reset; counters do not.
	if c := e.sim.Counts(); c["POST /api/application/users 201"] != 0 {
		t.Errorf("counts after reset: %v", c)
	}
	wantStatus(t, e.control(http.MethodGet, "nope", nil), http.StatusNotFound)
}

func TestControlResetRestoresIDsAndRandomness(t *testing.T) {
	e := newEnv(t)
	first := e.post("/servers", serverBody("again", 1))
	e.sim.Reset()
	second := e.post("/servers", serverBody("again", 1))
	if first.at("attributes.id") != second.at("attributes.id") || first.at("attributes.uuid") != second.at("attributes.uuid") {
		t.Errorf("after reset: id %v/%v uuid %v/%v", first.at("attributes.id"), second.at("attributes.id"),
			first.at("attributes.uuid"), second.at("attributes.uuid"))
	}
}

func TestFaultStatusTimes(t *testing.T) {
	e := newEnv(t)
	e.sim.InjectFault(panelsim.Fault{Method: http.MethodGet, Route: appBase + "/users/{user}", Status: http.StatusServiceUnavailable, Times: 2})
	for i := 0; i < 2; i++ {
		wantError(t, e.get("/users/1"), http.StatusServiceUnavailable, "HttpException",
			"An unexpected error was encountered while processing this request, please try again.")
	}
	wantStatus(t, e.get("/users/1"), http.StatusOK)
	// Other routes and methods are untouched.
	wantStatus(t, e.get("/users"), http.StatusOK)
	if c := e.sim.Counts(); c["GET /api/application/users/{user} 503"] != 2 {
		t.Errorf("counts %v", c)
	}

	// A status fault changes nothing.
	e.sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Status: http.StatusInternalServerError, Times: 1})
	wantStatus(t, e.post("/users", userBody("never")), http.StatusInternalServerError)
	if len(e.sim.State().Users) != 2 {
		t.Error("a faulted create was applied")
	}

	// Until cleared (Times 0); 429 and 504 take the panel's shapes.
	e.sim.InjectFault(panelsim.Fault{Route: appBase + "/locations", Status: http.StatusTooManyRequests})
	for i := 0; i < 3; i++ {
		wantError(t, e.get("/locations"), http.StatusTooManyRequests, "ThrottleRequestsException", "Too Many Attempts.")
	}
	e.sim.ClearFaults()
	wantStatus(t, e.get("/locations"), http.StatusOK)
	e.sim.InjectFault(panelsim.Fault{Status: http.StatusGatewayTimeout, Times: 1})
	wantError(t, e.get("/locations"), http.StatusGatewayTimeout, "DaemonConnectionException",
		"Could not establish a connection to the machine running this server. Please try again.")
}

func TestFaultRateIsDeterministic(t *testing.T) {
	pattern := func() string {
		e := newEnv(t, func(o *panelsim.Options) { o.RandSeed = 42 })
		e.sim.InjectFault(panelsim.Fault{Route: appBase + "/users", Status: http.StatusBadGateway, Rate: 0.5})
		var b strings.Builder
		for i := 0; i < 40; i++ {
			switch e.get("/users").status {
			case http.StatusOK:
				b.WriteByte('.')
			case http.StatusBadGateway:
				b.WriteByte('x')
			default:
				b.WriteByte('?')
			}
		}
		return b.String()
	}
	a, b := pattern(), pattern()
	if a != b {
		t.Errorf("same seed, different faults:\n%s\n%s", a, b)
	}
	if !strings.Contains(a, ".") || !strings.Contains(a, "x") || strings.Contains(a, "?") {
		t.Errorf("rate 0.5 gave %s", a)
	}
}

func TestFaultLatency(t *testing.T) {
	e := newEnv(t)
	const delay = 50 * time.Millisecond
	e.sim.InjectFault(panelsim.Fault{Route: appBase + "/users", Latency: delay, Times: 1})
	start := time.Now()
	r := e.get("/users")
	if elapsed := time.Since(start); elapsed < delay {
		t.Errorf("answered after %v, want at least %v", elapsed, delay)
	}
	wantStatus(t, r, http.StatusOK) // the request is still served
}

func TestFaultDropAfterCommit(t *testing.T) {
	e := newEnv(t)
	e.sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: appBase + "/servers", DropAfterCommit: true, Times: 1})
	b := serverBody("lost-answer", 1)
	b["external_id"] = "lost-1"
	_, err := e.send(http.MethodPost, appBase+"/servers", b)
	if err == nil {
		t.Fatal("the client got an answer to a dropped request")
	}
	r := e.get("/servers?filter[external_id]=lost-1")
	wantStatus(t, r, http.StatusOK)
	if got := num(r.at("meta.pagination.total")); got != 1 {
		t.Fatalf("servers after a dropped create: %d, want exactly 1", got)
	}
	wantStatus(t, e.get("/servers/external/lost-1"), http.StatusOK)
	if c := e.sim.Counts(); c["POST /api/application/servers 0"] != 1 {
		t.Errorf("counts %v, want one POST answered with 0", c)
	}
	// The fault is used up: a retry is answered (and is a new server here, as on a real panel).
	wantValidation(t, e.post("/servers", b), "external_id", "unique", "The external id has already been taken.")
}

func TestControlFaultsOverHTTP(t *testing.T) {
	e := newEnv(t)
	r := e.control(http.MethodPost, "faults", map[string]any{"method": "GET", "route": appBase + "/users/{user}", "status": 500, "times": 1})
	wantStatus(t, r, http.StatusNoContent)
	wantStatus(t, e.get("/users/1"), http.StatusInternalServerError)
	wantStatus(t, e.get("/users/1"), http.StatusOK)

	wantStatus(t, e.control(http.MethodPost, "faults", map[string]any{"route": appBase + "/users", "latency": "10ms", "times": 1}), http.StatusNoContent)
	start := time.Now()
	wantStatus(t, e.get("/users"), http.StatusOK)
	if time.Since(start) < 10*time.Millisecond {
		t.Error("latency fault did not delay")
	}

	for name, body := range map[string]any{
		"nothing to do":  map[string]any{"route": appBase + "/users"},
		"bad status":     map[string]any{"status": 200},
		"bad rate":       map[string]any{"status": 500, "rate": 2},
		"bad latency":    map[string]any{"latency": "soon"},
		"malformed JSON": "{",
	} {
		r := e.control(http.MethodPost, "faults", body)
		if r.status != http.StatusBadRequest || r.at("error") == nil {
			t.Errorf("%s: %s", name, r)
		}
	}

	wantStatus(t, e.control(http.MethodPost, "faults", map[string]any{"status": 503}), http.StatusNoContent)
	wantStatus(t, e.get("/users"), http.StatusServiceUnavailable)
	wantStatus(t, e.control(http.MethodDelete, "faults", nil), http.StatusNoContent)
	wantStatus(t, e.get("/users"), http.StatusOK)
}

func TestControlWingsAndInstalls(t *testing.T) {
	e := newEnv(t, installDelay(time.Hour))
	wantStatus(t, e.control(http.MethodPost, "wings", map[string]any{"node": node1, "reachable": false}), http.StatusNoContent)
	wantStatus(t, e.post("/servers", serverBody("down", 1)), http.StatusGatewayTimeout)
	wantStatus(t, e.post("/servers", serverBody("up", 11)), http.StatusCreated)
	wantStatus(t, e.control(http.MethodPost, "wings", map[string]any{"node": node1, "reachable": true}), http.StatusNoContent)
	id := e.createServer(serverBody("up-again", 1))

	// Delete faults also brings Wings back.
	e.sim.SetWingsReachable(0, false)
	wantStatus(t, e.post("/servers", serverBody("all-down", 2)), http.StatusGatewayTimeout)
	wantStatus(t, e.control(http.MethodDelete, "faults", nil), http.StatusNoContent)

	wantStatus(t, e.control(http.MethodPost, fmt.Sprintf("servers/%d/install", id), map[string]any{"success": false}), http.StatusNoContent)
	if got := e.get(fmt.Sprintf("/servers/%d", id)).at("attributes.status"); got != "install_failed" {
		t.Errorf("after a failed install callback: %v", got)
	}
	wantStatus(t, e.control(http.MethodPost, "servers/999/install", map[string]any{"success": true}), http.StatusNotFound)
	wantStatus(t, e.control(http.MethodPost, "servers/x/install", map[string]any{"success": true}), http.StatusBadRequest)

	wantStatus(t, e.control(http.MethodPost, "install-failures", map[string]any{"match": "will-fail"}), http.StatusNoContent)
	failing := e.createServer(serverBody("will-fail", 2))
	e.clock.Advance(time.Hour)
	if got := e.get(fmt.Sprintf("/servers/%d", failing)).at("attributes.status"); got != "install_failed" {
		t.Errorf("install-failures match: %v", got)
	}
	wantStatus(t, e.control(http.MethodPost, "install-failures", map[string]any{"match": ""}), http.StatusNoContent)
	wantStatus(t, e.post(fmt.Sprintf("/servers/%d/reinstall", failing), nil), http.StatusNoContent)
	e.clock.Advance(time.Hour)
	if got := e.get(fmt.Sprintf("/servers/%d", failing)).at("attributes.status"); got != nil {
		t.Errorf("after clearing install failures: %v", got)
	}
}
