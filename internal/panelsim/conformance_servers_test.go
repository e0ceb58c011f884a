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
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// panel-api.md §4 Servers, §6 Wings failures.

func installDelay(d time.Duration) option {
	return func(o *panelsim.Options) { o.InstallDelay = d }
}

func TestServersCreate(t *testing.T) {
	e := newEnv(t, installDelay(time.Minute))
	b := serverBody("Survival", 1)
	b["external_id"] = "game-1"
	set(b, "limits.threads", "0-3")
	set(b, "allocation.additional", []int{2, 3})
	r := e.post("/servers", b)
	wantStatus(t, r, http.StatusCreated)
	if r.at("object") != "server" {
		t.Errorf("object %v", r.at("object"))
	}
	if has(r.body, "meta") {
		t.Errorf("server create has meta: %v", r.at("meta"))
	}
	a := r.at("attributes")
	var keys []string
	for k := range a.(map[string]any) {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if got := strings.Join(keys, ","); got != "allocation,container,created_at,description,egg,external_id,feature_limits,id,identifier,limits,name,nest,node,status,suspended,updated_at,user,uuid" {
		t.Errorf("attribute keys %s", got)
	}
	uuid, _ := at(a, "uuid").(string)
	if len(uuid) != 36 || at(a, "identifier") != uuid[:8] {
		t.Errorf("uuid %q identifier %v", uuid, at(a, "identifier"))
	}
	want := map[string]any{
		"status": "installing", "suspended": false, "description": "", "external_id": "game-1",
		"user": float64(adminID), "node": float64(node1), "allocation": float64(1), "nest": float64(minecraftNest), "egg": float64(paperEggID),
		"limits.memory": float64(1024), "limits.io": float64(500), "limits.threads": "0-3", "limits.oom_disabled": true,
		"feature_limits.databases": float64(2), "feature_limits.allocations": float64(1), "feature_limits.backups": float64(1),
		"container.startup_command": paperStartup, "container.image": paperImage,
		"container.environment.SERVER_JARFILE": "server.jar", "container.environment.STARTUP": paperStartup,
		"container.environment.P_SERVER_LOCATION": "eu-west", "container.environment.P_SERVER_UUID": uuid,
		"container.environment.P_SERVER_ALLOCATION_LIMIT": float64(1),
		// Omitted variables are stored as "", not as their default ("latest" for MINECRAFT_VERSION).
		"container.environment.MINECRAFT_VERSION": "", "container.environment.DL_PATH": "",
	}
	for k, v := range want {
		if got := at(a, k); got != v {
			t.Errorf("%s = %#v, want %#v", k, got, v)
		}
	}
	// installed is the integer 0, not false.
	if inst, ok := at(a, "container.installed").(float64); !ok || inst != 0 {
		t.Errorf("container.installed %#v, want the number 0", at(a, "container.installed"))
	}
	if !strings.Contains(string(r.raw), `"installed":0`) {
		t.Error(`body lacks "installed":0`)
	}
	for _, id := range []int{1, 2, 3} {
		if s := e.allocationState(id).ServerID; s == nil || *s != num(at(a, "id")) {
			t.Errorf("allocation %d not assigned", id)
		}
	}
}

func TestServersInstallLifecycle(t *testing.T) {
	e := newEnv(t, installDelay(30*time.Second))
	id := e.createServer(serverBody("lifecycle", 1))
	path := fmt.Sprintf("/servers/%d", id)

	e.clock.Advance(29 * time.Second)
	if r := e.get(path); r.at("attributes.status") != "installing" || r.at("attributes.container.installed") != float64(0) {
		t.Fatalf("before the delay: status %v installed %v", r.at("attributes.status"), r.at("attributes.container.installed"))
	}
	e.clock.Advance(time.Second)
	r := e.get(path)
	if !has(r.body, "attributes.status") || r.at("attributes.status") != nil || r.at("attributes.container.installed") != float64(1) {
		t.Fatalf("after the delay: status %#v installed %v", r.at("attributes.status"), r.at("attributes.container.installed"))
	}

	// A reinstall that fails is reinstall_failed, which still counts as installed.
	wantStatus(t, e.post(path+"/reinstall", nil), http.StatusNoContent)
	if r := e.get(path); r.at("attributes.status") != "installing" {
		t.Errorf("after reinstall: %v", r.at("attributes.status"))
	}
	e.sim.CompleteInstall(id, false)
	r = e.get(path)
	if r.at("attributes.status") != "reinstall_failed" || r.at("attributes.container.installed") != float64(1) {
		t.Errorf("failed reinstall: status %v installed %v", r.at("attributes.status"), r.at("attributes.container.installed"))
	}
}

func TestServersInstallFailure(t *testing.T) {
	e := newEnv(t)
	e.sim.FailInstalls("doomed")
	id := e.createServer(serverBody("doomed", 1))
	r := e.get(fmt.Sprintf("/servers/%d", id))
	if r.at("attributes.status") != "install_failed" || r.at("attributes.container.installed") != float64(0) {
		t.Errorf("status %v installed %v", r.at("attributes.status"), r.at("attributes.container.installed"))
	}
	// By external id too; other servers install fine.
	e.sim.FailInstalls("ext-doomed")
	b := serverBody("fine-name", 2)
	b["external_id"] = "ext-doomed"
	id2 := e.createServer(b)
	id3 := e.createServer(serverBody("fine", 3))
	if got := e.get(fmt.Sprintf("/servers/%d", id2)).at("attributes.status"); got != "install_failed" {
		t.Errorf("by external id: %v", got)
	}
	if got := e.get(fmt.Sprintf("/servers/%d", id3)).at("attributes.status"); got != nil {
		t.Errorf("unrelated server: %v", got)
	}
}

func TestServersCreateValidation(t *testing.T) {
	e := newEnv(t)
	e.createServer(func() map[string]any { b := serverBody("taken", 10); b["external_id"] = "taken-ext"; return b }())
	cases := []struct {
		name   string
		change func(map[string]any)
		field  string
		rule   string
		detail string
	}{
		{"name missing", func(b map[string]any) { delete(b, "name") }, "name", "required", "The name field is required."},
		{"name a number", func(b map[string]any) { b["name"] = 5 }, "name", "string", "The name must be a string."},
		{"name too long", func(b map[string]any) { b["name"] = strings.Repeat("n", 192) }, "name", "max", "The name may not be greater than 191 characters."},
		{"user missing", func(b map[string]any) { delete(b, "user") }, "user", "required", "The user field is required."},
		{"user unknown", func(b map[string]any) { b["user"] = 99 }, "user", "exists", "The selected user is invalid."},
		{"egg missing", func(b map[string]any) { delete(b, "egg") }, "egg", "required", "The egg field is required."},
		{"egg unknown", func(b map[string]any) { b["egg"] = 99 }, "egg", "exists", "The selected egg is invalid."},
		{"image missing", func(b map[string]any) { delete(b, "docker_image") }, "docker_image", "required", "The docker image field is required."},
		{"image with a bang", func(b map[string]any) { b["docker_image"] = "bad!image" }, "docker_image", "regex", "The docker image format is invalid."},
		{"startup missing", func(b map[string]any) { delete(b, "startup") }, "startup", "required", "The startup field is required."},
		{"environment missing", func(b map[string]any) { delete(b, "environment") }, "environment", "present", "The environment field must be present."},
		{"external id taken", func(b map[string]any) { b["external_id"] = "taken-ext" }, "external_id", "unique", "The external id has already been taken."},
		{"limits missing", func(b map[string]any) { delete(b, "limits") }, "limits", "required", "The limits field is required."},
		{"io missing", func(b map[string]any) { unset(b, "limits.io") }, "limits.io", "required", "The limits.io field is required."},
		{"io too low", func(b map[string]any) { set(b, "limits.io", 5) }, "limits.io", "between", "The limits.io must be between 10 and 1000."},
		{"io too high", func(b map[string]any) { set(b, "limits.io", 1001) }, "limits.io", "between", "The limits.io must be between 10 and 1000."},
		{"memory negative", func(b map[string]any) { set(b, "limits.memory", -1) }, "limits.memory", "min", "The limits.memory must be at least 0."},
		{"memory missing", func(b map[string]any) { unset(b, "limits.memory") }, "limits.memory", "required", "The limits.memory field is required."},
		{"swap below -1", func(b map[string]any) { set(b, "limits.swap", -2) }, "limits.swap", "min", "The limits.swap must be at least -1."},
		{"disk text", func(b map[string]any) { set(b, "limits.disk", "big") }, "limits.disk", "numeric", "The limits.disk must be a number."},
		{"cpu missing", func(b map[string]any) { unset(b, "limits.cpu") }, "limits.cpu", "required", "The limits.cpu field is required."},
		{"threads bad", func(b map[string]any) { set(b, "limits.threads", "0-3;x") }, "limits.threads", "regex", "The limits.threads format is invalid."},
		{"feature limits missing", func(b map[string]any) { delete(b, "feature_limits") }, "feature_limits", "required", "The feature limits field is required."},
		{"databases absent", func(b map[string]any) { unset(b, "feature_limits.databases") }, "feature_limits.databases", "present",
			"The feature limits.databases field must be present."},
		{"backups absent", func(b map[string]any) { unset(b, "feature_limits.backups") }, "feature_limits.backups", "present",
			"The feature limits.backups field must be present."},
		{"databases negative", func(b map[string]any) { set(b, "feature_limits.databases", -1) }, "feature_limits.databases", "min",
			"The feature limits.databases must be at least 0."},
		{"oom_disabled text", func(b map[string]any) { b["oom_disabled"] = "yes" }, "oom_disabled", "boolean", "The oom disabled field must be true or false."},
		{"skip_scripts text", func(b map[string]any) { b["skip_scripts"] = "true" }, "skip_scripts", "boolean", "The skip scripts field must be true or false."},
		{"allocation missing", func(b map[string]any) { delete(b, "allocation") }, "allocation.default", "required", "The allocation.default field is required."},
		{"allocation unknown", func(b map[string]any) { set(b, "allocation.default", 999) }, "allocation.default", "exists", "The selected allocation.default is invalid."},
		{"allocation taken", func(b map[string]any) { set(b, "allocation.default", 10) }, "allocation.default", "exists", "The selected allocation.default is invalid."},
		{"additional taken", func(b map[string]any) { set(b, "allocation.additional", []int{2, 10}) }, "allocation.additional.1", "exists",
			"The selected allocation.additional.1 is invalid."},
		{"jar variable missing", func(b map[string]any) { unset(b, "environment.SERVER_JARFILE") }, "environment.SERVER_JARFILE", "required",
			"The Server Jar File variable field is required."},
		{"jar variable blank", func(b map[string]any) { set(b, "environment.SERVER_JARFILE", "") }, "environment.SERVER_JARFILE", "required",
			"The Server Jar File variable field is required."},
		{"jar variable not a jar", func(b map[string]any) { set(b, "environment.SERVER_JARFILE", "server.zip") }, "environment.SERVER_JARFILE", "regex",
			"The Server Jar File variable format is invalid."},
		{"build number too long", func(b map[string]any) { set(b, "environment.BUILD_NUMBER", strings.Repeat("9", 21)) }, "environment.BUILD_NUMBER", "max",
			"The Build Number variable may not be greater than 20 characters."},
		{"environment empty", func(b map[string]any) { b["environment"] = map[string]any{} }, "environment.SERVER_JARFILE", "required",
			"The Server Jar File variable field is required."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := serverBody("valid", 1)
			tc.change(b)
			r := e.post("/servers", b)
			wantValidation(t, r, tc.field, tc.rule, tc.detail)
		})
	}
	if n := len(e.sim.State().Servers); n != 1 {
		t.Errorf("servers after failed creates: %d, want 1", n)
	}
	if e.allocationState(1).ServerID != nil || e.allocationState(2).ServerID != nil {
		t.Error("a failed create assigned an allocation")
	}
}

func TestServersCreateDefaults(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		change func(map[string]any)
		want   map[string]any
	}{
		{"feature limits null become 0", func(b map[string]any) {
			b["feature_limits"] = map[string]any{"databases": nil, "backups": nil}
		}, map[string]any{"feature_limits.databases": float64(0), "feature_limits.backups": float64(0), "feature_limits.allocations": float64(0)}},
		{"oom_disabled defaults to true", func(map[string]any) {}, map[string]any{"limits.oom_disabled": true}},
		{"oom_disabled is top-level", func(b map[string]any) { b["oom_disabled"] = false }, map[string]any{"limits.oom_disabled": false}},
		{"oom_disabled inside limits is ignored", func(b map[string]any) { set(b, "limits.oom_disabled", false) }, map[string]any{"limits.oom_disabled": true}},
		{"oom_disabled as 0", func(b map[string]any) { b["oom_disabled"] = 0 }, map[string]any{"limits.oom_disabled": false}},
		{"description null is empty", func(b map[string]any) { b["description"] = nil }, map[string]any{"description": ""}},
		{"numeric strings are numbers", func(b map[string]any) { set(b, "limits.memory", "2048"); b["user"] = "2" },
			map[string]any{"limits.memory": float64(2048), "user": float64(2)}},
		{"unknown variables are ignored", func(b map[string]any) { set(b, "environment.NOPE", "x") },
			map[string]any{"container.environment.NOPE": nil}},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := serverBody(fmt.Sprintf("defaults-%d", i), i+1)
			tc.change(b)
			r := e.post("/servers", b)
			wantStatus(t, r, http.StatusCreated)
			for k, v := range tc.want {
				if got := r.at("attributes." + k); got != v {
					t.Errorf("%s = %#v, want %#v", k, got, v)
				}
			}
		})
	}
}

func TestServersGetListAndExternalID(t *testing.T) {
	e := newEnv(t)
	b := serverBody("Lobby", 1)
	b["external_id"] = "game-lobby"
	b["description"] = "The lobby"
	id := e.createServer(b)
	e.createServer(serverBody("Survival", 2))

	r := e.get("/servers/external/game-lobby")
	wantStatus(t, r, http.StatusOK)
	if num(r.at("attributes.id")) != id {
		t.Errorf("by external id: %s", r.raw)
	}
	wantStatus(t, e.get("/servers/external/game"), http.StatusNotFound) // exact, unlike the filter
	wantStatus(t, e.get("/servers/999"), http.StatusNotFound)

	for q, want := range map[string]string{
		"filter[external_id]=game":  fmt.Sprint([]int{id}),
		"filter[name]=SURV":         "[2]",
		"filter[description]=lobby": fmt.Sprint([]int{id}),
		"filter[image]=java_21":     "[1 2]",
		"search=ignored":            "[1 2]",
		"sort=-id":                  "[2 1]",
	} {
		if got := fmt.Sprint(dataIDs(e.get("/servers?" + q))); got != want {
			t.Errorf("%s: %s, want %s", q, got, want)
		}
	}
	wantValidation(t, e.get("/servers?search="+strings.Repeat("s", 101)), "search", "max", "The search may not be greater than 100 characters.")
	wantError(t, e.get("/servers?filter[node]=1"), http.StatusBadRequest, "InvalidFilterQuery",
		"Requested filter(s) `node` are not allowed. Allowed filter(s) are `uuid, uuidShort, name, description, image, external_id`.")
	// transfer is declared but not implemented.
	wantStatus(t, e.get(fmt.Sprintf("/servers/%d?include=transfer", id)), http.StatusInternalServerError)
}

// The egg include goes through the same EggTransformer as /nests/{nest}/eggs: an egg's empty logs
// block is [] there too.
func TestServersEggIncludeConfigLogs(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("Lobby", 1))
	for _, path := range []string{fmt.Sprintf("/servers/%d?include=egg", id), "/servers?include=egg"} {
		r := e.get(path)
		wantStatus(t, r, http.StatusOK)
		if !strings.Contains(string(r.raw), `"object":"egg"`) {
			t.Fatalf("%s: no egg include in %s", path, r.raw)
		}
		if raw := string(r.raw); !strings.Contains(raw, `"logs":[]`) || strings.Contains(raw, `"logs":{}`) {
			t.Errorf("%s: the egg's config.logs is not []", path)
		}
	}
}

func TestServersDeploy(t *testing.T) {
	deployBody := func(name string, ports ...string) map[string]any {
		b := serverBody(name, 0)
		delete(b, "allocation")
		b["deploy"] = map[string]any{"locations": []int{loc1}, "dedicated_ip": false, "port_range": append([]string{}, ports...)}
		return b
	}
	pick := func(seed int64) (int, int) {
		e := newEnv(t, func(o *panelsim.Options) { o.RandSeed = seed })
		r := e.post("/servers", deployBody("deployed", "25567-25570"))
		wantStatus(t, r, http.StatusCreated)
		alloc := num(r.at("attributes.allocation"))
		return num(r.at("attributes.node")), e.allocationState(alloc).Port
	}
	n1, p1 := pick(7)
	n2, p2 := pick(7)
	if n1 != node1 || p1 < 25567 || p1 > 25570 {
		t.Errorf("deploy picked node %d port %d, want node 1 and a port in 25567-25570", n1, p1)
	}
	if n1 != n2 || p1 != p2 {
		t.Errorf("same RandSeed, different picks: %d/%d and %d/%d", n1, p1, n2, p2)
	}

	e := newEnv(t)
	// The allocation field is ignored with deploy.
	b := deployBody("ignores-allocation")
	set(b, "allocation.default", 999)
	wantStatus(t, e.post("/servers", b), http.StatusCreated)
	// A location filter picks that location's node; malformed ranges are dropped.
	b = deployBody("in-us", "junk", "25565")
	b["deploy"].(map[string]any)["locations"] = []int{loc2}
	r := e.post("/servers", b)
	wantStatus(t, r, http.StatusCreated)
	if num(r.at("attributes.node")) != node2 || num(r.at("attributes.allocation")) != 11 {
		t.Errorf("deploy into location 2: node %v allocation %v", r.at("attributes.node"), r.at("attributes.allocation"))
	}

	b = deployBody("huge")
	set(b, "limits.memory", 1_000_000)
	wantError(t, e.post("/servers", b), http.StatusBadRequest, "NoViableNodeException",
		"No nodes satisfying the requirements specified for automatic deployment could be found.")
	wantError(t, e.post("/servers", deployBody("no-ports", "30000-30005")), http.StatusBadRequest, "NoViableAllocationException",
		"No allocations satisfying the requirements for automatic deployment on this node were found.")
	// dedicated_ip skips IPs with an assigned port: node 1 has only 10.0.0.1, already in use.
	b = deployBody("dedicated")
	b["deploy"].(map[string]any)["dedicated_ip"] = true
	wantError(t, e.post("/servers", b), http.StatusBadRequest, "NoViableAllocationException",
		"No allocations satisfying the requirements for automatic deployment on this node were found.")

	b = deployBody("bad-deploy")
	b["deploy"] = map[string]any{"port_range": []string{}}
	r = e.post("/servers", b)
	wantValidation(t, r, "deploy.locations", "present", "The deploy.locations field must be present.")
	wantValidation(t, r, "deploy.dedicated_ip", "required", "The deploy.dedicated ip field is required.")
}

func TestServersWingsDown(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("existing", 1))
	path := fmt.Sprintf("/servers/%d", id)
	e.sim.SetWingsReachable(node1, false)
	const noConnect = "Could not establish a connection to the machine running this server. Please try again."

	t.Run("create rolls back", func(t *testing.T) {
		r := e.post("/servers", serverBody("rolled-back", 2))
		wantError(t, r, http.StatusGatewayTimeout, "DaemonConnectionException", noConnect)
		if n := len(e.sim.State().Servers); n != 1 {
			t.Errorf("servers after a rolled-back create: %d", n)
		}
		if e.allocationState(2).ServerID != nil {
			t.Error("allocation 2 still assigned after the rollback")
		}
		if num(e.get("/servers").at("meta.pagination.total")) != 1 {
			t.Error("the rolled-back server is listed")
		}
		// Another node's Wings is fine.
		wantStatus(t, e.post("/servers", serverBody("on-node-2", 11)), http.StatusCreated)
	})
	t.Run("suspend fails and changes nothing", func(t *testing.T) {
		wantError(t, e.post(path+"/suspend", nil), http.StatusGatewayTimeout, "DaemonConnectionException", noConnect)
		if r := e.get(path); r.at("attributes.status") != nil || r.at("attributes.suspended") != false {
			t.Errorf("status after a failed suspend: %v", r.at("attributes.status"))
		}
	})
	t.Run("reinstall fails and changes nothing", func(t *testing.T) {
		wantError(t, e.post(path+"/reinstall", nil), http.StatusGatewayTimeout, "DaemonConnectionException", noConnect)
		if r := e.get(path); r.at("attributes.status") != nil {
			t.Errorf("status after a failed reinstall: %v", r.at("attributes.status"))
		}
	})
	t.Run("build succeeds anyway", func(t *testing.T) {
		r := e.patch(path+"/build", buildBody(1, 2048))
		wantStatus(t, r, http.StatusOK)
		if r.at("attributes.limits.memory") != float64(2048) {
			t.Errorf("memory %v", r.at("attributes.limits.memory"))
		}
	})
	t.Run("delete fails unless forced", func(t *testing.T) {
		wantError(t, e.del(path), http.StatusGatewayTimeout, "DaemonConnectionException", noConnect)
		wantError(t, e.del(path+"/other"), http.StatusGatewayTimeout, "DaemonConnectionException", noConnect)
		wantStatus(t, e.get(path), http.StatusOK)
		wantStatus(t, e.del(path+"/force"), http.StatusNoContent)
		wantStatus(t, e.get(path), http.StatusNotFound)
		if e.allocationState(1).ServerID != nil {
			t.Error("a force delete left allocation 1 assigned")
		}
	})
}

func TestServersDelete(t *testing.T) {
	e := newEnv(t)
	b := serverBody("doomed", 1)
	set(b, "allocation.additional", []int{2})
	id := e.createServer(b)
	path := fmt.Sprintf("/servers/%d", id)
	wantStatus(t, e.post(path+"/databases", map[string]any{"database": "main", "remote": "%", "host": dbHostID}), http.StatusCreated)
	r := e.del(path)
	wantStatus(t, r, http.StatusNoContent)
	if len(r.raw) != 0 {
		t.Errorf("204 with a body: %s", r.raw)
	}
	st := e.sim.State()
	if len(st.Servers) != 0 || len(st.Databases) != 0 {
		t.Errorf("left behind: %d servers %d databases", len(st.Servers), len(st.Databases))
	}
	if e.allocationState(1).ServerID != nil || e.allocationState(2).ServerID != nil {
		t.Error("allocations not freed")
	}
	// Any other last segment is a normal delete.
	id = e.createServer(serverBody("other-segment", 1))
	wantStatus(t, e.del(fmt.Sprintf("/servers/%d/x", id)), http.StatusNoContent)
	wantStatus(t, e.get(fmt.Sprintf("/servers/%d", id)), http.StatusNotFound)
}

func TestServersUpdateDetails(t *testing.T) {
	e := newEnv(t)
	b := serverBody("details", 1)
	b["external_id"] = "ext-1"
	b["description"] = "described"
	id := e.createServer(b)
	other := serverBody("other", 2)
	other["external_id"] = "ext-2"
	e.createServer(other)
	path := fmt.Sprintf("/servers/%d/details", id)

	r := e.patch(path, map[string]any{})
	wantValidation(t, r, "name", "required", "The name field is required.")
	wantValidation(t, r, "user", "required", "The user field is required.")
	wantValidation(t, e.patch(path, map[string]any{"name": "x", "user": 99}), "user", "exists", "The selected user is invalid.")
	wantValidation(t, e.patch(path, map[string]any{"name": "x", "user": 1, "external_id": "ext-2"}), "external_id", "unique",
		"The external id has already been taken.")
	// Its own external id is not taken.
	wantStatus(t, e.patch(path, map[string]any{"name": "x", "user": 1, "external_id": "ext-1", "description": "kept"}), http.StatusOK)

	// Leaving external_id and description out clears them.
	r = e.patch(path, map[string]any{"name": "renamed", "user": playerID})
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.external_id") != nil || r.at("attributes.description") != "" || r.at("attributes.name") != "renamed" ||
		r.at("attributes.user") != float64(playerID) {
		t.Errorf("after details without external_id and description: %s", r.raw)
	}
	wantStatus(t, e.get("/servers/external/ext-1"), http.StatusNotFound)
}

// buildBody is a full build PATCH.
func buildBody(allocation, memory int) map[string]any {
	return map[string]any{
		"allocation":     allocation,
		"limits":         map[string]any{"memory": memory, "swap": 0, "disk": 4096, "io": 500, "cpu": 100},
		"feature_limits": map[string]any{"databases": 2, "allocations": 3, "backups": 1},
	}
}

func TestServersUpdateBuild(t *testing.T) {
	e := newEnv(t)
	b := serverBody("build", 1)
	set(b, "limits.threads", "0-1")
	b["oom_disabled"] = false
	id := e.createServer(b)
	e.createServer(serverBody("neighbour", 5))
	path := fmt.Sprintf("/servers/%d/build", id)

	cases := []struct {
		name   string
		change func(map[string]any)
		field  string
		rule   string
		detail string
	}{
		{"allocation missing", func(b map[string]any) { delete(b, "allocation") }, "allocation", "required", "The allocation field is required."},
		{"allocation another server's default", func(b map[string]any) { b["allocation"] = 5 }, "allocation", "unique", "The allocation has already been taken."},
		{"feature limits missing", func(b map[string]any) { delete(b, "feature_limits") }, "feature_limits", "required", "The feature limits field is required."},
		{"backups absent", func(b map[string]any) { unset(b, "feature_limits.backups") }, "feature_limits.backups", "present",
			"The feature limits.backups field must be present."},
		{"databases absent", func(b map[string]any) { unset(b, "feature_limits.databases") }, "feature_limits.databases", "present",
			"The feature limits.databases field must be present."},
		{"no limits at all", func(b map[string]any) { delete(b, "limits") }, "memory", "required_without", "The memory field is required when limits is not present."},
		{"limits without io", func(b map[string]any) { unset(b, "limits.io") }, "limits.io", "required_with", "The limits.io field is required when limits is present."},
		{"io out of range", func(b map[string]any) { set(b, "limits.io", 9) }, "limits.io", "between", "The limits.io must be between 10 and 1000."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := buildBody(1, 2048)
			tc.change(b)
			wantValidation(t, e.patch(path, b), tc.field, tc.rule, tc.detail)
		})
	}

	t.Run("feature limit nulls", func(t *testing.T) {
		b := buildBody(1, 2048)
		b["feature_limits"] = map[string]any{"databases": nil, "backups": nil}
		r := e.patch(path, b)
		wantStatus(t, r, http.StatusOK)
		for k, v := range map[string]any{"databases": nil, "allocations": nil, "backups": float64(0)} {
			if !has(r.body, "attributes.feature_limits."+k) || r.at("attributes.feature_limits."+k) != v {
				t.Errorf("feature_limits.%s = %#v, want %#v", k, r.at("attributes.feature_limits."+k), v)
			}
		}
		// threads and oom_disabled stay when left out.
		if r.at("attributes.limits.threads") != "0-1" || r.at("attributes.limits.oom_disabled") != false {
			t.Errorf("limits %v", r.at("attributes.limits"))
		}
	})
	t.Run("legacy top-level limits", func(t *testing.T) {
		b := buildBody(1, 0)
		delete(b, "limits")
		for k, v := range map[string]any{"memory": 3072, "swap": -1, "disk": 1000, "io": 100, "cpu": 0} {
			b[k] = v
		}
		r := e.patch(path, b)
		wantStatus(t, r, http.StatusOK)
		if r.at("attributes.limits.memory") != float64(3072) || r.at("attributes.limits.swap") != float64(-1) {
			t.Errorf("limits %v", r.at("attributes.limits"))
		}
	})
	t.Run("allocations", func(t *testing.T) {
		// Not assigned to this server: 400.
		wantError(t, e.patch(path, buildBody(2, 1024)), http.StatusBadRequest, "DisplayException",
			"The requested default allocation is not currently assigned to this server.")
		// Adds that are taken or on another node are skipped silently.
		b := buildBody(1, 1024)
		b["add_allocations"] = []int{2, 5, 11}
		wantStatus(t, e.patch(path, b), http.StatusOK)
		if got := fmt.Sprint(dataIDs(e.get(fmt.Sprintf("/nodes/1/allocations?filter[server_id]=%d", id)))); got != "[1 2]" {
			t.Errorf("allocations after add: %s", got)
		}
		// Removing the default with nothing added has no fallback.
		b = buildBody(1, 1024)
		b["remove_allocations"] = []int{1}
		wantError(t, e.patch(path, b), http.StatusBadRequest, "DisplayException",
			"You are attempting to delete the default allocation for this server but there is no fallback allocation to use.")
		// With an add, the first added allocation becomes the default.
		b["add_allocations"] = []int{3, 4}
		r := e.patch(path, b)
		wantStatus(t, r, http.StatusOK)
		if r.at("attributes.allocation") != float64(3) {
			t.Errorf("default allocation %v, want 3", r.at("attributes.allocation"))
		}
		if e.allocationState(1).ServerID != nil {
			t.Error("the removed allocation is still assigned")
		}
		// A newly added allocation can be the default in the same call.
		b = buildBody(6, 1024)
		b["add_allocations"] = []int{6}
		r = e.patch(path, b)
		wantStatus(t, r, http.StatusOK)
		if r.at("attributes.allocation") != float64(6) {
			t.Errorf("default allocation %v, want 6", r.at("attributes.allocation"))
		}
	})
}

// startupBody is a full startup PATCH for Paper.
func startupBody(env map[string]any) map[string]any {
	return map[string]any{"startup": paperStartup, "egg": paperEggID, "image": paperImage, "skip_scripts": false, "environment": env}
}

func TestServersUpdateStartup(t *testing.T) {
	e := newEnv(t)
	b := serverBody("startup", 1)
	set(b, "environment.MINECRAFT_VERSION", "1.20.4")
	set(b, "environment.DL_PATH", "https://example.com/paper.jar")
	id := e.createServer(b)
	path := fmt.Sprintf("/servers/%d/startup", id)
	env := func() map[string]any {
		return e.get(fmt.Sprintf("/servers/%d", id)).at("attributes.container.environment").(map[string]any)
	}

	r := e.patch(path, map[string]any{})
	wantValidation(t, r, "startup", "required", "The startup field is required.")
	wantValidation(t, r, "environment", "present", "The environment field must be present.")
	wantValidation(t, r, "egg", "required", "The egg field is required.")
	wantValidation(t, r, "image", "required", "The image field is required.")
	wantValidation(t, r, "skip_scripts", "present", "The skip scripts field must be present.")
	nonBool := startupBody(map[string]any{})
	nonBool["skip_scripts"] = "no"
	wantValidation(t, e.patch(path, nonBool), "skip_scripts", "boolean", "The skip scripts field must be true or false.")

	// {} leaves the variables alone.
	r = e.patch(path, startupBody(map[string]any{}))
	wantStatus(t, r, http.StatusOK)
	if got := env(); got["MINECRAFT_VERSION"] != "1.20.4" || got["DL_PATH"] != "https://example.com/paper.jar" {
		t.Errorf("after {}: %v", got)
	}

	// A non-empty environment is validated in full and writes "" for what it leaves out.
	wantValidation(t, e.patch(path, startupBody(map[string]any{"BUILD_NUMBER": "100"})), "environment.SERVER_JARFILE", "required",
		"The Server Jar File variable field is required.")
	r = e.patch(path, startupBody(map[string]any{"SERVER_JARFILE": "paper.jar", "BUILD_NUMBER": "100"}))
	wantStatus(t, r, http.StatusOK)
	got := env()
	if got["SERVER_JARFILE"] != "paper.jar" || got["BUILD_NUMBER"] != "100" || got["MINECRAFT_VERSION"] != "" || got["DL_PATH"] != "" {
		t.Errorf("after a partial environment: %v", got)
	}

	// Changing the egg changes the nest; no reinstall.
	vanilla := startupBody(map[string]any{"SERVER_JARFILE": "server.jar", "VANILLA_VERSION": "1.21"})
	vanilla["egg"] = vanillaEggID
	r = e.patch(path, vanilla)
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.egg") != float64(vanillaEggID) || r.at("attributes.nest") != float64(minecraftNest) || r.at("attributes.status") != nil {
		t.Errorf("egg change: egg %v nest %v status %v", r.at("attributes.egg"), r.at("attributes.nest"), r.at("attributes.status"))
	}
	if r.at("attributes.container.environment.VANILLA_VERSION") != "1.21" {
		t.Errorf("environment after the egg change: %v", r.at("attributes.container.environment"))
	}
	vanilla["egg"] = 99
	wantValidation(t, e.patch(path, vanilla), "egg", "exists", "The selected egg is invalid.")

	// An egg of another nest moves the server to that nest; its variables are validated.
	mumble := map[string]any{"startup": "mumble-server", "egg": 13, "image": "ghcr.io/parkervcp/yolks:voice_mumble",
		"skip_scripts": true, "environment": map[string]any{"MAX_USERS": "many"}}
	wantValidation(t, e.patch(path, mumble), "environment.MAX_USERS", "numeric", "The Maximum Users variable must be a number.")
	mumble["environment"] = map[string]any{"MAX_USERS": "50"}
	r = e.patch(path, mumble)
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.egg") != float64(13) || r.at("attributes.nest") != float64(3) || r.at("attributes.container.environment.MAX_USERS") != "50" {
		t.Errorf("cross-nest egg change: egg %v nest %v env %v", r.at("attributes.egg"), r.at("attributes.nest"), r.at("attributes.container.environment"))
	}
}

func TestServersStatusRules(t *testing.T) {
	e := newEnv(t, installDelay(time.Hour))
	id := e.createServer(serverBody("status", 1))
	path := fmt.Sprintf("/servers/%d", id)
	status := func() any { return e.get(path).at("attributes.status") }

	// Suspend during install: the install callback keeps the suspension.
	wantStatus(t, e.post(path+"/suspend", nil), http.StatusNoContent)
	wantStatus(t, e.post(path+"/suspend", nil), http.StatusNoContent) // idempotent
	if r := e.get(path); r.at("attributes.status") != "suspended" || r.at("attributes.suspended") != true {
		t.Fatalf("after suspend: %v", r.at("attributes.status"))
	}
	e.sim.CompleteInstall(id, true)
	if got := status(); got != "suspended" {
		t.Errorf("install callback over a suspension: %v", got)
	}

	// Unsuspend writes null, even for a server that never finished installing.
	wantStatus(t, e.post(path+"/reinstall", nil), http.StatusNoContent)
	wantStatus(t, e.post(path+"/suspend", nil), http.StatusNoContent)
	wantStatus(t, e.post(path+"/unsuspend", nil), http.StatusNoContent)
	if r := e.get(path); r.at("attributes.status") != nil || r.at("attributes.container.installed") != float64(1) {
		t.Errorf("after unsuspend over an install: status %v installed %v", r.at("attributes.status"), r.at("attributes.container.installed"))
	}
	wantStatus(t, e.post(path+"/unsuspend", nil), http.StatusNoContent) // idempotent

	// Reinstall clears a suspension.
	wantStatus(t, e.post(path+"/suspend", nil), http.StatusNoContent)
	wantStatus(t, e.post(path+"/reinstall", nil), http.StatusNoContent)
	if got := status(); got != "installing" {
		t.Errorf("after reinstall of a suspended server: %v", got)
	}
	e.clock.Advance(time.Hour)
	if got := status(); got != nil {
		t.Errorf("after the reinstall finished: %v", got)
	}
}

// serverValues maps each env_variable of a server's variables include to its server_value.
func serverValues(r *response) map[string]any {
	values := map[string]any{}
	list, _ := r.at("attributes.relationships.variables.data").([]any)
	for _, v := range list {
		if name, ok := at(v, "attributes.env_variable").(string); ok {
			values[name] = at(v, "attributes.server_value")
		}
	}
	return values
}

// ApplicationApiController parses ?include= for every method, and each write answers with the
// transformed server: its includes are read after the write.
func TestServersWriteIncludes(t *testing.T) {
	e := newEnv(t)
	const rel = "attributes.relationships."
	b := serverBody("included", 1)
	set(b, "allocation.additional", []int{2})
	set(b, "environment.MINECRAFT_VERSION", "1.20.4")
	r := e.post("/servers?include=allocations,variables,user,node,databases", b)
	wantStatus(t, r, http.StatusCreated)
	id := num(r.at("attributes.id"))
	if got := fmt.Sprint(relIDs(r, rel+"allocations")); got != "[1 2]" {
		t.Errorf("create: allocations include %s, want the default and the additional one [1 2]", got)
	}
	if r.at(rel+"allocations.data.1.object") != "allocation" || r.at(rel+"allocations.data.1.attributes.assigned") != true {
		t.Errorf("create: additional allocation %v", r.at(rel+"allocations.data.1"))
	}
	values := serverValues(r)
	if len(values) != 4 || values["SERVER_JARFILE"] != "server.jar" || values["MINECRAFT_VERSION"] != "1.20.4" || values["DL_PATH"] != "" {
		t.Errorf("create: variables include %v", values)
	}
	if r.at(rel+"user.object") != "user" || num(r.at(rel+"user.attributes.id")) != adminID {
		t.Errorf("create: user include %v", r.at(rel+"user"))
	}
	// The node include counts the server just created.
	if r.at(rel+"node.object") != "node" || num(r.at(rel+"node.attributes.id")) != node1 ||
		num(r.at(rel+"node.attributes.allocated_resources.memory")) != 1024 {
		t.Errorf("create: node include %v", r.at(rel+"node"))
	}
	if got := relIDs(r, rel+"databases"); got == nil || len(got) != 0 {
		t.Errorf("create: databases include %v, want an empty list", r.at(rel+"databases"))
	}

	// build: the allocations after its adds and removes.
	bb := buildBody(1, 1024)
	bb["add_allocations"] = []int{3}
	bb["remove_allocations"] = []int{2}
	r = e.patch(fmt.Sprintf("/servers/%d/build?include=allocations", id), bb)
	wantStatus(t, r, http.StatusOK)
	if got := fmt.Sprint(relIDs(r, rel+"allocations")); got != "[1 3]" {
		t.Errorf("build: allocations include %s, want [1 3]", got)
	}
	if has(r.body, rel+"variables") {
		t.Error("build: an include that was not asked for")
	}

	// startup: the variables it has just written.
	r = e.patch(fmt.Sprintf("/servers/%d/startup?include=variables", id),
		startupBody(map[string]any{"SERVER_JARFILE": "paper.jar", "BUILD_NUMBER": "100"}))
	wantStatus(t, r, http.StatusOK)
	values = serverValues(r)
	if values["SERVER_JARFILE"] != "paper.jar" || values["BUILD_NUMBER"] != "100" || values["MINECRAFT_VERSION"] != "" {
		t.Errorf("startup: variables include %v", values)
	}

	// details: the new owner.
	r = e.patch(fmt.Sprintf("/servers/%d/details?include=user", id), map[string]any{"name": "renamed", "user": playerID})
	wantStatus(t, r, http.StatusOK)
	if num(r.at(rel+"user.attributes.id")) != playerID || r.at(rel+"user.attributes.username") != "player" {
		t.Errorf("details: user include %v", r.at(rel+"user"))
	}
}

// transfer is declared by ServerTransformer but has no include method. The panel renders the
// answer after the write, so the write is done and the answer is the 500.
func TestServersWriteIncludeTransfer(t *testing.T) {
	e := newEnv(t)
	r := e.post("/servers?include=allocations,transfer", serverBody("transferred", 1))
	wantError(t, r, http.StatusInternalServerError, "BadMethodCallException",
		"An unexpected error was encountered while processing this request, please try again.")
	servers := e.sim.State().Servers
	if len(servers) != 1 || servers[0].Name != "transferred" {
		t.Fatalf("servers after the 500: %+v, want the created one", servers)
	}
	id := servers[0].ID
	if s := e.allocationState(1).ServerID; s == nil || *s != id {
		t.Error("allocation 1 is not assigned to the server created before the 500")
	}
	wantStatus(t, e.get(fmt.Sprintf("/servers/%d", id)), http.StatusOK)

	// An update is saved all the same.
	r = e.patch(fmt.Sprintf("/servers/%d/details?include=transfer", id), map[string]any{"name": "renamed", "user": adminID})
	wantStatus(t, r, http.StatusInternalServerError)
	if got := e.get(fmt.Sprintf("/servers/%d", id)).at("attributes.name"); got != "renamed" {
		t.Errorf("name after the details 500: %v, want renamed", got)
	}

	// The body's include asks for it as well.
	b := serverBody("transferred-2", 2)
	b["include"] = "transfer"
	wantStatus(t, e.post("/servers", b), http.StatusInternalServerError)
	if n := len(e.sim.State().Servers); n != 2 {
		t.Errorf("servers after the second 500: %d, want 2", n)
	}
}

// Uniqueness is MySQL's utf8mb4_unicode_ci: an external id that differs only in case is taken.
func TestServersExternalIDUniqueIgnoresCase(t *testing.T) {
	e := newEnv(t)
	b := serverBody("first", 1)
	b["external_id"] = "Game-1"
	id := e.createServer(b)
	const taken = `{"errors":[{"code":"ValidationException","status":"422","detail":"The external id has already been taken.",` +
		`"meta":{"source_field":"external_id","rule":"unique"}}]}`

	b = serverBody("second", 2)
	b["external_id"] = "game-1"
	wantBody(t, e.post("/servers", b), http.StatusUnprocessableEntity, taken)
	b["external_id"] = "GAME-1"
	wantBody(t, e.post("/servers", b), http.StatusUnprocessableEntity, taken)
	if n := len(e.sim.State().Servers); n != 1 {
		t.Errorf("servers after refused creates: %d, want 1", n)
	}

	other := e.createServer(serverBody("other", 2))
	path := fmt.Sprintf("/servers/%d/details", other)
	wantBody(t, e.patch(path, map[string]any{"name": "other", "user": adminID, "external_id": "GAME-1"}),
		http.StatusUnprocessableEntity, taken)
	// The server's own external id, in another case, is not taken.
	r := e.patch(fmt.Sprintf("/servers/%d/details", id), map[string]any{"name": "first", "user": adminID, "external_id": "GAME-1"})
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.external_id") != "GAME-1" {
		t.Errorf("external_id %v, want GAME-1", r.at("attributes.external_id"))
	}
}
