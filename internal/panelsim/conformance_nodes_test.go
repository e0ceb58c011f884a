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
)

// panel-api.md §4 Nodes.

func TestNodesCreate(t *testing.T) {
	e := newEnv(t)
	b := nodeBody("node-3", loc2)
	b["description"] = "dropped by the panel"
	b["scheme"] = "gopher" // any string is accepted
	r := e.post("/nodes", b)
	wantStatus(t, r, http.StatusCreated)
	if r.at("object") != "node" || r.at("meta.resource") != e.srv.URL+appBase+"/nodes/3" {
		t.Errorf("create: object %v meta %v", r.at("object"), r.at("meta"))
	}
	want := map[string]any{
		"name": "node-3", "location_id": float64(loc2), "fqdn": "node-3.example.com", "scheme": "gopher",
		"public": true, "behind_proxy": false, "maintenance_mode": false, "upload_size": float64(100),
		"daemon_base": "/var/lib/pterodactyl/volumes", "daemon_listen": float64(8080), "daemon_sftp": float64(2022),
		"description": nil,
	}
	for k, v := range want {
		if got := r.at("attributes." + k); got != v {
			t.Errorf("%s = %#v, want %#v", k, got, v)
		}
	}
	if r.at("attributes.allocated_resources.memory") != float64(0) || r.at("attributes.allocated_resources.disk") != float64(0) {
		t.Errorf("allocated_resources %v", r.at("attributes.allocated_resources"))
	}
	for _, k := range []string{"id", "uuid", "memory", "memory_overallocate", "disk", "disk_overallocate", "created_at", "updated_at"} {
		if !has(r.body, "attributes."+k) {
			t.Errorf("attribute %s missing", k)
		}
	}
}

func TestNodesValidation(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		change func(map[string]any)
		field  string
		rule   string
		detail string
	}{
		{"name missing", func(b map[string]any) { delete(b, "name") }, "name", "required", "The name field is required."},
		{"name with a slash", func(b map[string]any) { b["name"] = "bad/name" }, "name", "regex", "The name format is invalid."},
		{"location missing", func(b map[string]any) { delete(b, "location_id") }, "location_id", "required", "The location id field is required."},
		{"location unknown", func(b map[string]any) { b["location_id"] = 99 }, "location_id", "exists", "The selected location id is invalid."},
		{"fqdn missing", func(b map[string]any) { delete(b, "fqdn") }, "fqdn", "required", "The fqdn field is required."},
		{"scheme missing", func(b map[string]any) { delete(b, "scheme") }, "scheme", "required", "The scheme field is required."},
		{"memory zero", func(b map[string]any) { b["memory"] = 0 }, "memory", "min", "The memory must be at least 1."},
		{"memory text", func(b map[string]any) { b["memory"] = "lots" }, "memory", "numeric", "The memory must be a number."},
		{"disk missing", func(b map[string]any) { delete(b, "disk") }, "disk", "required", "The disk field is required."},
		{"overallocate below -1", func(b map[string]any) { b["memory_overallocate"] = -2 }, "memory_overallocate", "min",
			"The memory overallocate must be at least -1."},
		{"disk overallocate missing", func(b map[string]any) { delete(b, "disk_overallocate") }, "disk_overallocate", "required",
			"The disk overallocate field is required."},
		{"daemon listen too high", func(b map[string]any) { b["daemon_listen"] = 70000 }, "daemon_listen", "between",
			"The daemon listen must be between 1 and 65535."},
		{"daemon sftp missing", func(b map[string]any) { delete(b, "daemon_sftp") }, "daemon_sftp", "required", "The daemon sftp field is required."},
		{"daemon base relative", func(b map[string]any) { b["daemon_base"] = "srv/volumes" }, "daemon_base", "regex", "The daemon base format is invalid."},
		{"upload size too big", func(b map[string]any) { b["upload_size"] = 2000 }, "upload_size", "between", "The upload size must be between 1 and 1024."},
		{"public as text", func(b map[string]any) { b["public"] = "yes" }, "public", "boolean", "The public field must be true or false."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := nodeBody("node-x", loc1)
			tc.change(b)
			r := e.post("/nodes", b)
			wantValidation(t, r, tc.field, tc.rule, tc.detail)
			if got := validationFields(r); len(got) != 1 {
				t.Errorf("failed fields %v, want only %s", got, tc.field)
			}
		})
	}
}

func TestNodesUpdateReplaces(t *testing.T) {
	e := newEnv(t)
	b := nodeBody("node-1", loc1)
	b["daemon_base"] = "/srv/volumes"
	wantStatus(t, e.patch("/nodes/1", b), http.StatusOK)
	if got := e.get("/nodes/1").at("attributes.daemon_base"); got != "/srv/volumes" {
		t.Fatalf("daemon_base %v", got)
	}

	// Every core field again, or 422.
	r := e.patch("/nodes/1", map[string]any{"name": "renamed"})
	for _, f := range []string{"location_id", "fqdn", "scheme", "memory", "memory_overallocate", "disk", "disk_overallocate", "daemon_sftp", "daemon_listen"} {
		wantValidation(t, r, f, "required", fmt.Sprintf("The %s field is required.", strings.ReplaceAll(f, "_", " ")))
	}

	// Omitting daemon_base resets it to the default.
	b = nodeBody("renamed", loc2)
	b["description"] = "ignored"
	r = e.patch("/nodes/1", b)
	wantStatus(t, r, http.StatusOK)
	if has(r.body, "meta") {
		t.Error("an update carries meta")
	}
	if r.at("attributes.daemon_base") != "/var/lib/pterodactyl/volumes" || r.at("attributes.name") != "renamed" ||
		r.at("attributes.location_id") != float64(loc2) {
		t.Errorf("after PATCH: %s", r.raw)
	}
	if r.at("attributes.description") != nil {
		t.Errorf("description %v: the panel drops it on update as on create", r.at("attributes.description"))
	}
}

// NodeTransformer serves the model's toArray() with its loaded relations. The update alone loads
// mounts (the Wings config it pushes lists allowed_mounts), so PATCH has a mounts list and GET,
// the list and POST have none.
func TestNodesOnlyUpdateCarriesMounts(t *testing.T) {
	e := newEnv(t)
	r := e.patch("/nodes/1", nodeBody("node-1", loc1))
	wantStatus(t, r, http.StatusOK)
	if l, ok := r.at("attributes.mounts").([]any); !ok || len(l) != 0 || !strings.Contains(string(r.raw), `"mounts":[]`) {
		t.Errorf("PATCH mounts %#v, want []", r.at("attributes.mounts"))
	}
	for name, got := range map[string]*response{
		"GET /nodes/1":   e.get("/nodes/1"),
		"GET /nodes":     e.get("/nodes"),
		"POST /nodes":    e.post("/nodes", nodeBody("node-3", loc1)),
		"GET deployable": e.get("/nodes/deployable?memory=1&disk=1"),
	} {
		if got.status >= 300 {
			t.Errorf("%s: %s", name, got)
		}
		if strings.Contains(string(got.raw), `"mounts"`) {
			t.Errorf("%s carries mounts: %s", name, got.raw[:min(len(got.raw), 300)])
		}
	}
}

func TestNodesResetSecretAndConfiguration(t *testing.T) {
	e := newEnv(t)
	conf := e.get("/nodes/1/configuration")
	wantStatus(t, conf, http.StatusOK)
	if has(conf.body, "object") || has(conf.body, "attributes") {
		t.Fatalf("configuration has an envelope: %s", conf.raw)
	}
	want := map[string]any{
		"debug": false, "api.host": "0.0.0.0", "api.port": float64(8080), "api.ssl.enabled": true,
		"api.ssl.cert": "/etc/letsencrypt/live/node1.example.com/fullchain.pem",
		"api.ssl.key":  "/etc/letsencrypt/live/node1.example.com/privkey.pem", "api.upload_limit": float64(100),
		"system.data": "/var/lib/pterodactyl/volumes", "system.sftp.bind_port": float64(2022), "remote": e.srv.URL,
	}
	for k, v := range want {
		if got := conf.at(k); got != v {
			t.Errorf("configuration %s = %#v, want %#v", k, got, v)
		}
	}
	if l, ok := conf.at("allowed_mounts").([]any); !ok || len(l) != 0 {
		t.Errorf("allowed_mounts %v, want []", conf.at("allowed_mounts"))
	}
	token, _ := conf.at("token").(string)
	if token == "" || conf.at("uuid") == nil || conf.at("token_id") == nil {
		t.Errorf("configuration identity: %s", conf.raw)
	}

	b := nodeBody("node-1", loc1)
	b["reset_secret"] = true
	b["behind_proxy"] = true
	wantStatus(t, e.patch("/nodes/1", b), http.StatusOK)
	conf = e.get("/nodes/1/configuration")
	if conf.at("token") == token {
		t.Error("reset_secret kept the daemon token")
	}
	if conf.at("api.ssl.enabled") != false {
		t.Error("ssl enabled behind a proxy")
	}
}

func TestNodesDeployable(t *testing.T) {
	e := newEnv(t)
	r := e.get("/nodes/deployable")
	wantValidation(t, r, "memory", "required", "The memory field is required.")
	wantValidation(t, r, "disk", "required", "The disk field is required.")
	wantValidation(t, e.get("/nodes/deployable?memory=-1&disk=0"), "memory", "min", "The memory must be at least 0.")

	r = e.get("/nodes/deployable?memory=5000&disk=100")
	if got := dataIDs(r); fmt.Sprint(got) != "[1]" { // node 2 has 4096 MiB
		t.Errorf("memory 5000: %v", got)
	}
	r = e.get("/nodes/deployable?memory=10&disk=10&location_ids[]=2")
	if got := dataIDs(r); fmt.Sprint(got) != "[2]" {
		t.Errorf("location 2: %v", got)
	}
	wantError(t, e.get("/nodes/deployable?memory=100000&disk=1"), http.StatusBadRequest, "NoViableNodeException",
		"No nodes satisfying the requirements specified for automatic deployment could be found.")

	// Servers count against capacity; overallocation stretches it.
	b := serverBody("big", 1)
	set(b, "limits.memory", 8000)
	e.createServer(b)
	wantError(t, e.get("/nodes/deployable?memory=500&disk=1&location_ids[]=1"), http.StatusBadRequest, "NoViableNodeException",
		"No nodes satisfying the requirements specified for automatic deployment could be found.")
	nb := nodeBody("node-1", loc1)
	nb["memory"] = 8192
	nb["memory_overallocate"] = 10
	nb["disk"] = 65536
	wantStatus(t, e.patch("/nodes/1", nb), http.StatusOK)
	if got := dataIDs(e.get("/nodes/deployable?memory=500&disk=1&location_ids[]=1")); fmt.Sprint(got) != "[1]" {
		t.Errorf("overallocated node: %v", got)
	}
}

func TestNodesAllocatedResourcesAndIncludes(t *testing.T) {
	e := newEnv(t)
	e.createServer(serverBody("a", 1))
	e.createServer(serverBody("b", 2))
	r := e.get("/nodes/1?include=servers,allocations,location")
	if r.at("attributes.allocated_resources.memory") != float64(2048) || r.at("attributes.allocated_resources.disk") != float64(8192) {
		t.Errorf("allocated_resources %v", r.at("attributes.allocated_resources"))
	}
	rel := r.at("attributes.relationships")
	if l, _ := at(rel, "servers.data").([]any); len(l) != 2 {
		t.Errorf("servers include: %v", at(rel, "servers"))
	}
	if l, _ := at(rel, "allocations.data").([]any); len(l) != 10 {
		t.Errorf("allocations include: %d items", len(l))
	}
	if at(rel, "location.attributes.short") != "eu-west" {
		t.Errorf("location include: %v", at(rel, "location"))
	}
}

func TestNodesDelete(t *testing.T) {
	e := newEnv(t)
	e.createServer(serverBody("blocker", 11)) // on node 2
	r := e.del("/nodes/2")
	wantError(t, r, http.StatusBadRequest, "HasActiveServersException", "A node must have no servers linked to it in order to be deleted.")

	r = e.del("/nodes/1")
	wantStatus(t, r, http.StatusNoContent)
	wantStatus(t, e.get("/nodes/1"), http.StatusNotFound)
	for _, a := range e.sim.State().Allocations {
		if a.NodeID == 1 {
			t.Fatalf("allocation %d of the deleted node survived", a.ID)
		}
	}
}

func TestNodesUpdateWithWingsDown(t *testing.T) {
	e := newEnv(t)
	e.sim.SetWingsReachable(node1, false)
	r := e.patch("/nodes/1", nodeBody("saved-anyway", loc1))
	wantError(t, r, http.StatusBadRequest, "ConfigurationNotPersistedException",
		"The daemon configuration has been updated, however there was an error encountered while attempting to automatically update the configuration file on the Daemon. You will need to manually update the configuration file (config.yml) for the daemon to apply these changes.")
	if got := e.get("/nodes/1").at("attributes.name"); got != "saved-anyway" {
		t.Errorf("name after a failed Wings push: %v, want the change saved", got)
	}
	// Other nodes' Wings are unaffected.
	wantStatus(t, e.patch("/nodes/2", nodeBody("node-2", loc2)), http.StatusOK)
}

// A create or update answers with the request's includes: a new node has no allocations yet.
func TestNodesWriteIncludes(t *testing.T) {
	e := newEnv(t)
	r := e.post("/nodes?include=allocations,location", nodeBody("node-3", loc2))
	wantStatus(t, r, http.StatusCreated)
	if got := relIDs(r, "attributes.relationships.allocations"); got == nil || len(got) != 0 {
		t.Errorf("create: allocations include %v, want an empty list", r.at("attributes.relationships.allocations"))
	}
	if r.at("attributes.relationships.location.attributes.short") != "us-east" {
		t.Errorf("create: location include %v", r.at("attributes.relationships.location"))
	}

	// The update's includes show the location it has just moved to; mounts stay.
	r = e.patch("/nodes/2?include=allocations,location", nodeBody("node-2", loc1))
	wantStatus(t, r, http.StatusOK)
	if got := fmt.Sprint(relIDs(r, "attributes.relationships.allocations")); got != "[11 12 13 14 15]" {
		t.Errorf("update: allocations include %s", got)
	}
	if r.at("attributes.relationships.location.attributes.short") != "eu-west" {
		t.Errorf("update: location include %v", r.at("attributes.relationships.location"))
	}
	if l, ok := r.at("attributes.mounts").([]any); !ok || len(l) != 0 {
		t.Errorf("update: mounts %#v, want []", r.at("attributes.mounts"))
	}

	// The deployable list renders through NodeTransformer too, includes and all.
	r = e.get("/nodes/deployable?memory=1&disk=1&include=location")
	wantStatus(t, r, http.StatusOK)
	if r.at("data.0.attributes.relationships.location.object") != "location" {
		t.Errorf("deployable: location include %v", r.at("data.0.attributes.relationships"))
	}
}
