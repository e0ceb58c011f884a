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
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// One test per item of panel-api.md §9, "Ten things a naive client or simulator gets wrong":
// each asserts the simulator behaves as the real panel does on that point.

// 1. Without Accept: application/json errors become 302s or HTML; without a JSON Content-Type
// the body is ignored.
func TestPitfall01Headers(t *testing.T) {
	e := newEnv(t)
	r := e.get("/users", withKey("bad"), withHeader("Accept", ""))
	wantStatus(t, r, http.StatusFound)
	if !strings.HasSuffix(r.header.Get("Location"), "/auth/login") {
		t.Errorf("401 without Accept: Location %q", r.header.Get("Location"))
	}
	wantStatus(t, e.post("/users", map[string]any{}, withHeader("Accept", "")), http.StatusFound)
	r = e.get("/users/99", withHeader("Accept", "*/*"))
	if r.status != http.StatusNotFound || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("404 without a JSON Accept: %d %s", r.status, r.header.Get("Content-Type"))
	}
	r = e.post("/locations", map[string]any{"short": "ignored"}, withHeader("Content-Type", "text/plain"))
	wantValidation(t, r, "short", "required", "The Location Identifier field is required.")
}

// 2. PATCH replaces, it does not merge.
func TestPitfall02PatchReplaces(t *testing.T) {
	e := newEnv(t)
	b := serverBody("replace", 1)
	b["external_id"] = "ext"
	b["description"] = "desc"
	id := e.createServer(b)

	r := e.patch("/users/2", map[string]any{"first_name": "x"})
	if got := strings.Join(validationFields(r), ","); got != "email,username,last_name" {
		t.Errorf("user PATCH without the core fields: %s", got)
	}

	nb := nodeBody("node-1", loc1)
	nb["daemon_base"] = "/srv/data"
	wantStatus(t, e.patch("/nodes/1", nb), http.StatusOK)
	if got := e.patch("/nodes/1", nodeBody("node-1", loc1)).at("attributes.daemon_base"); got != "/var/lib/pterodactyl/volumes" {
		t.Errorf("daemon_base after a PATCH without it: %v", got)
	}

	r = e.patch(fmt.Sprintf("/servers/%d/details", id), map[string]any{"name": "replace", "user": adminID})
	if r.at("attributes.external_id") != nil || r.at("attributes.description") != "" {
		t.Errorf("details: external_id %v description %q", r.at("attributes.external_id"), r.at("attributes.description"))
	}

	r = e.patch(fmt.Sprintf("/servers/%d/build", id), map[string]any{"limits": map[string]any{"memory": 1}})
	for _, f := range []string{"allocation", "limits.swap", "limits.disk", "limits.io", "limits.cpu", "feature_limits"} {
		if !containsString(validationFields(r), f) {
			t.Errorf("build without %s accepted (%v)", f, validationFields(r))
		}
	}

	r = e.patch(fmt.Sprintf("/servers/%d/startup", id), map[string]any{"startup": "x"})
	for _, f := range []string{"environment", "egg", "image", "skip_scripts"} {
		if !containsString(validationFields(r), f) {
			t.Errorf("startup without %s accepted (%v)", f, validationFields(r))
		}
	}
}

// 3. Egg variables left out are stored as "", not as the default.
func TestPitfall03OmittedVariablesAreEmpty(t *testing.T) {
	e := newEnv(t)
	b := serverBody("vars", 1)
	b["environment"] = map[string]any{"SERVER_JARFILE": "server.jar", "BUILD_NUMBER": "5", "MINECRAFT_VERSION": nil}
	r := e.post("/servers", b)
	wantStatus(t, r, http.StatusCreated)
	if got := r.at("attributes.container.environment.MINECRAFT_VERSION"); got != "" {
		t.Errorf("null MINECRAFT_VERSION on create: %#v, want \"\" (default is latest)", got)
	}
	id := num(r.at("attributes.id"))
	r = e.patch(fmt.Sprintf("/servers/%d/startup", id), startupBody(map[string]any{"SERVER_JARFILE": "server.jar"}))
	wantValidation(t, r, "environment.BUILD_NUMBER", "required", "The Build Number variable field is required.")
	r = e.patch(fmt.Sprintf("/servers/%d/startup", id), startupBody(map[string]any{"SERVER_JARFILE": "server.jar", "BUILD_NUMBER": "6"}))
	wantStatus(t, r, http.StatusOK)
	if got := r.at("attributes.container.environment.DL_PATH"); got != "" {
		t.Errorf("DL_PATH after startup: %#v", got)
	}
}

// 4. feature_limits.databases and .backups must be present; null becomes 0 on create; 0 blocks
// database creation; on build null stays null for databases and allocations, 0 for backups.
func TestPitfall04FeatureLimits(t *testing.T) {
	e := newEnv(t)
	b := serverBody("limits", 1)
	b["feature_limits"] = map[string]any{"allocations": 1}
	r := e.post("/servers", b)
	wantValidation(t, r, "feature_limits.databases", "present", "The feature limits.databases field must be present.")
	wantValidation(t, r, "feature_limits.backups", "present", "The feature limits.backups field must be present.")

	b["feature_limits"] = map[string]any{"databases": nil, "backups": nil}
	r = e.post("/servers", b)
	wantStatus(t, r, http.StatusCreated)
	if r.at("attributes.feature_limits.databases") != float64(0) || r.at("attributes.feature_limits.backups") != float64(0) {
		t.Errorf("create with nulls: %v", r.at("attributes.feature_limits"))
	}
	id := num(r.at("attributes.id"))
	wantError(t, e.post(fmt.Sprintf("/servers/%d/databases", id), dbBody("x")), http.StatusBadRequest, "TooManyDatabasesException",
		"Cannot create additional databases on this server: the database limit has been reached.")

	build := buildBody(1, 1024)
	build["feature_limits"] = map[string]any{"databases": nil, "backups": nil, "allocations": nil}
	r = e.patch(fmt.Sprintf("/servers/%d/build", id), build)
	wantStatus(t, r, http.StatusOK)
	fl := r.at("attributes.feature_limits")
	if at(fl, "databases") != nil || at(fl, "allocations") != nil || at(fl, "backups") != float64(0) {
		t.Errorf("build with nulls: %v", fl)
	}
}

// 5. oom_disabled is a top-level input with default true; limits.io (10-1000) is required.
func TestPitfall05OOMAndIO(t *testing.T) {
	e := newEnv(t)
	b := serverBody("oom", 1)
	set(b, "limits.oom_disabled", false)
	r := e.post("/servers", b)
	wantStatus(t, r, http.StatusCreated)
	if r.at("attributes.limits.oom_disabled") != true {
		t.Errorf("oom_disabled inside limits was used: %v", r.at("attributes.limits"))
	}
	b = serverBody("oom2", 2)
	b["oom_disabled"] = false
	if got := e.post("/servers", b).at("attributes.limits.oom_disabled"); got != false {
		t.Errorf("top-level oom_disabled false: %v", got)
	}
	b = serverBody("io", 3)
	unset(b, "limits.io")
	wantValidation(t, e.post("/servers", b), "limits.io", "required", "The limits.io field is required.")
	set(b, "limits.io", 1001)
	wantValidation(t, e.post("/servers", b), "limits.io", "between", "The limits.io must be between 10 and 1000.")
}

// 6. Allocations: 204 without body; ports are strings; 1024 is rejected; a non-digit
// server_id filter means unassigned; build add_allocations skips what it cannot take.
func TestPitfall06Allocations(t *testing.T) {
	e := newEnv(t)
	r := e.post("/nodes/1/allocations", map[string]any{"ip": "10.0.0.1", "ports": []string{"30000"}})
	if r.status != http.StatusNoContent || len(r.raw) != 0 {
		t.Errorf("allocation create: %s", r)
	}
	wantValidation(t, e.post("/nodes/1/allocations", map[string]any{"ip": "10.0.0.1", "ports": []int{30001}}),
		"ports.0", "string", "The ports.0 must be a string.")
	wantError(t, e.post("/nodes/1/allocations", map[string]any{"ip": "10.0.0.1", "ports": []string{"1024"}}),
		http.StatusBadRequest, "PortOutOfRangeException", "Ports in an allocation must be greater than 1024 and less than or equal to 65535.")

	id := e.createServer(serverBody("holder", 1))
	if got := dataIDs(e.get("/nodes/1/allocations?filter[server_id]=none")); containsInt(got, 1) || len(got) != 10 {
		t.Errorf("unassigned filter: %v", got)
	}
	other := e.createServer(serverBody("other", 2))
	build := buildBody(1, 1024)
	build["add_allocations"] = []int{2, 11} // 2 is taken by the other server, 11 is on node 2
	wantStatus(t, e.patch(fmt.Sprintf("/servers/%d/build", id), build), http.StatusOK)
	if got := dataIDs(e.get(fmt.Sprintf("/nodes/1/allocations?filter[server_id]=%d", id))); fmt.Sprint(got) != "[1]" {
		t.Errorf("server allocations after skipped adds: %v", got)
	}
	if s := e.allocationState(2).ServerID; s == nil || *s != other {
		t.Error("the other server lost allocation 2")
	}
}

// 7. Lists: partial LIKE filters, unknown filter 400, unpaginated eggs and server databases,
// empty links {}, includes inside attributes.relationships, null_resource without permission.
func TestPitfall07ListsAndIncludes(t *testing.T) {
	noNodes := appKeyWith("nonodes", map[string]int{panelsim.ResLocations: panelsim.PermRead})
	e := newEnv(t, withKeys(noNodes))
	wantStatus(t, e.post("/users", map[string]any{"email": "xa@b.com", "username": "xab", "first_name": "x", "last_name": "y"}), http.StatusCreated)
	if got := dataIDs(e.get("/users?filter[email]=a@b.c")); fmt.Sprint(got) != "[3]" {
		t.Errorf("filter[email]=a@b.c: %v", got)
	}
	wantStatus(t, e.get("/users?filter[first_name]=x"), http.StatusBadRequest)
	if has(e.get("/nests/1/eggs").body, "meta") {
		t.Error("eggs list is paginated")
	}
	id := e.createServer(serverBody("dbs", 1))
	if has(e.get(fmt.Sprintf("/servers/%d/databases", id)).body, "meta") {
		t.Error("server databases list is paginated")
	}
	if !strings.Contains(string(e.get("/locations").raw), `"links":{}`) {
		t.Error("empty links is not {}")
	}
	r := e.get("/locations/1?include=nodes", withKey(noNodes.Token))
	if r.at("attributes.relationships.nodes.object") != "null_resource" || r.at("relationships") != nil {
		t.Errorf("include without permission: %s", r.raw)
	}
	r = e.get("/locations/1?include=nodes")
	if r.at("attributes.relationships.nodes.data.0.object") != "node" {
		t.Errorf("include: %s", r.raw)
	}
}

// 8. Status codes: status is a string, one 422 entry per failed rule, business errors 400, 409
// only for state conflicts, 404 before 403, permissions are bitmasks.
func TestPitfall08StatusCodes(t *testing.T) {
	readOnly := appKeyWith("ro", map[string]int{panelsim.ResLocations: panelsim.PermRead})
	writeOnly := appKeyWith("wo", map[string]int{panelsim.ResLocations: panelsim.PermWrite})
	e := newEnv(t, withKeys(readOnly, writeOnly))
	r := e.post("/users", map[string]any{"email": "bad", "first_name": 1})
	if got := strings.Join(validationFields(r), ","); got != "email,username,first_name,last_name" {
		t.Errorf("422 entries %s", got)
	}
	if s, ok := r.at("errors.0.status").(string); !ok || s != "422" {
		t.Errorf("status %#v, want the string 422", r.at("errors.0.status"))
	}
	wantError(t, e.del("/locations/1"), http.StatusBadRequest, "HasActiveNodesException",
		"Cannot delete a location that has active nodes attached to it.")
	wantStatus(t, e.get("/locations/99", withKey(readOnly.Token)), http.StatusNotFound)
	wantStatus(t, e.del("/locations/99", withKey(readOnly.Token)), http.StatusNotFound)
	wantStatus(t, e.del("/locations/2", withKey(readOnly.Token)), http.StatusForbidden)
	wantStatus(t, e.get("/locations/2", withKey(writeOnly.Token)), http.StatusForbidden)
	wantStatus(t, e.del("/locations/2", withKey(writeOnly.Token)), http.StatusBadRequest) // has a node: allowed, then refused
	id := e.createServer(serverBody("suspended", 1))
	wantStatus(t, e.post(fmt.Sprintf("/servers/%d/suspend", id), nil), http.StatusNoContent)
	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+e.identifierOf(id)+"/power", map[string]any{"signal": "start"}), http.StatusConflict)
}

// 9. Wings side effects: create rolls back (504), suspend and reinstall roll back, delete aborts
// unless forced, build succeeds anyway, node PATCH saves then 400; power is async and
// /resources is cached 20 s.
func TestPitfall09WingsSideEffects(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("wings", 1))
	ident := e.identifierOf(id)
	path := fmt.Sprintf("/servers/%d", id)
	e.sim.SetWingsReachable(0, false)

	wantStatus(t, e.post("/servers", serverBody("rollback", 2)), http.StatusGatewayTimeout)
	if e.allocationState(2).ServerID != nil || len(e.sim.State().Servers) != 1 {
		t.Error("create did not roll back")
	}
	wantStatus(t, e.post(path+"/suspend", nil), http.StatusGatewayTimeout)
	wantStatus(t, e.post(path+"/reinstall", nil), http.StatusGatewayTimeout)
	if got := e.get(path).at("attributes.status"); got != nil {
		t.Errorf("status after failed suspend/reinstall: %v", got)
	}
	wantStatus(t, e.patch(path+"/build", buildBody(1, 512)), http.StatusOK)
	wantStatus(t, e.patch("/nodes/1", nodeBody("renamed", loc1)), http.StatusBadRequest)
	if e.get("/nodes/1").at("attributes.name") != "renamed" {
		t.Error("node PATCH not saved")
	}
	wantStatus(t, e.del(path), http.StatusGatewayTimeout)

	e.sim.SetWingsReachable(0, true)
	wantStatus(t, e.clientAPI(http.MethodGet, "/servers/"+ident+"/resources", nil), http.StatusOK)
	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "start"}), http.StatusNoContent)
	e.clock.Advance(19 * time.Second)
	if got := e.clientAPI(http.MethodGet, "/servers/"+ident+"/resources", nil).at("attributes.current_state"); got != "offline" {
		t.Errorf("resources within 20 s: %v", got)
	}
	e.clock.Advance(time.Second)
	if got := e.clientAPI(http.MethodGet, "/servers/"+ident+"/resources", nil).at("attributes.current_state"); got != "running" {
		t.Errorf("resources after 20 s: %v", got)
	}
	e.sim.SetWingsReachable(0, false)
	wantStatus(t, e.del(path+"/force"), http.StatusNoContent)
}

// 10. Status rules: installing first with installed an int; unsuspend writes null even over
// installing; reinstall clears a suspension; reinstall_failed counts as installed; an admin's
// keys share the 240/min bucket; a root admin's ptlc_ key works on the Application API.
func TestPitfall10StatusRules(t *testing.T) {
	e := newEnv(t, installDelay(time.Minute), rateLimited(0))
	r := e.post("/servers", serverBody("rules", 1))
	if r.at("attributes.status") != "installing" || r.at("attributes.container.installed") != float64(0) {
		t.Errorf("new server: status %v installed %#v", r.at("attributes.status"), r.at("attributes.container.installed"))
	}
	path := fmt.Sprintf("/servers/%d", num(r.at("attributes.id")))
	wantStatus(t, e.post(path+"/suspend", nil), http.StatusNoContent)
	wantStatus(t, e.post(path+"/unsuspend", nil), http.StatusNoContent)
	if got := e.get(path).at("attributes.status"); got != nil {
		t.Errorf("unsuspend over installing: %v", got)
	}
	wantStatus(t, e.post(path+"/suspend", nil), http.StatusNoContent)
	wantStatus(t, e.post(path+"/reinstall", nil), http.StatusNoContent)
	if got := e.get(path).at("attributes.status"); got != "installing" {
		t.Errorf("reinstall over a suspension: %v", got)
	}
	e.sim.CompleteInstall(num(r.at("attributes.id")), false)
	if got := e.get(path); got.at("attributes.status") != "reinstall_failed" || got.at("attributes.container.installed") != float64(1) {
		t.Errorf("reinstall_failed: installed %v", got.at("attributes.container.installed"))
	}

	// The application key and the ptlc_ key draw on one bucket of 240.
	a := e.get("/users")
	c := e.get("/users", withKey(e.clientKey))
	wantStatus(t, c, http.StatusOK)
	ra, _ := strconv.Atoi(a.header.Get("X-RateLimit-Remaining"))
	rc, _ := strconv.Atoi(c.header.Get("X-RateLimit-Remaining"))
	if a.header.Get("X-RateLimit-Limit") != "240" || c.header.Get("X-RateLimit-Limit") != "240" || rc != ra-1 {
		t.Errorf("shared bucket: limit %s, remaining %d then %d with the client key",
			a.header.Get("X-RateLimit-Limit"), ra, rc)
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsInt(list []int, n int) bool {
	for _, v := range list {
		if v == n {
			return true
		}
	}
	return false
}
