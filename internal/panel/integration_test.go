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

package panel_test

// Integration tests: the client against internal/panelsim served on loopback. Each test owns
// its simulator, so they run in parallel.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

const (
	tUsers        = "/api/application/users"
	tUser         = "/api/application/users/{user}"
	tUserExternal = "/api/application/users/external/{external_id}"
	tLocations    = "/api/application/locations"
	tServers      = "/api/application/servers"
	tServer       = "/api/application/servers/{server}"
	tServerForce  = "/api/application/servers/{server}/{force}"
)

func TestIntegrationUsers(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()

	created := must(e.c.Users.Create(ctx, panel.UserCreateRequest{
		Email: "alice@example.com", Username: "Alice.Liddell", FirstName: "Alice", LastName: "Liddell",
		ExternalID: "team-alice", Password: "not-checked-for-length",
	}))(t)
	if created.ID == 0 || created.UUID == "" {
		t.Fatalf("created user has no id/uuid: %+v", created)
	}
	if created.Username != "alice.liddell" {
		t.Errorf("username = %q, want it stored lowercase", created.Username)
	}
	if created.ExternalID != "team-alice" || created.Language != "en" || created.RootAdmin || created.CreatedAt.Time().IsZero() {
		t.Errorf("unexpected attributes: %+v", created)
	}
	e.wantCounts(map[string]int{route("POST", tUsers, 201): 1})

	got := must(e.c.Users.Get(ctx, created.ID))(t)
	if got.Email != "alice@example.com" || got.FirstName != "Alice" || got.LastName != "Liddell" {
		t.Errorf("Get = %+v", got)
	}
	byExt := must(e.c.Users.GetByExternalID(ctx, "team-alice"))(t)
	if byExt.ID != created.ID {
		t.Errorf("GetByExternalID id = %d, want %d", byExt.ID, created.ID)
	}
	// external/{id} is exact: a prefix is not found.
	if _, err := e.c.Users.GetByExternalID(ctx, "team-ali"); !panel.IsNotFound(err) {
		t.Errorf("GetByExternalID(prefix) err = %v, want 404", err)
	}

	// Filters are a partial LIKE: "alice" also matches "malice".
	malice := must(e.c.Users.Create(ctx, panel.UserCreateRequest{
		Email: "malice@example.org", Username: "malice", FirstName: "Mal", LastName: "Ice",
	}))(t)
	list := must(e.c.Users.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"username": "alice"}}))(t)
	if ids := userIDs(list); !slices.Equal(ids, []int{created.ID, malice.ID}) {
		t.Errorf("filter[username]=alice ids = %v, want %v", ids, []int{created.ID, malice.ID})
	}
	page, p, err := e.c.Users.List(ctx, &panel.ListOptions{Filters: map[string]string{"email": "example.org"}})
	noErr(t, err)
	if len(page) != 1 || page[0].ID != malice.ID || p == nil || p.Total != 1 || p.TotalPages != 1 {
		t.Errorf("filter[email]=example.org = %v, pagination %+v", userIDs(page), p)
	}
	// Sorting, and an unknown filter is the panel's 400.
	desc := must(e.c.Users.ListAll(ctx, &panel.ListOptions{Sort: "-id"}))(t)
	if ids := userIDs(desc); len(ids) != 3 || ids[0] != malice.ID {
		t.Errorf("sort=-id ids = %v", ids)
	}
	_, _, err = e.c.Users.List(ctx, &panel.ListOptions{Filters: map[string]string{"first_name": "x"}})
	wantAPIError(t, err, http.StatusBadRequest, "InvalidFilterQuery")

	// PATCH needs email, username and both names every time.
	_, err = e.c.Users.Update(ctx, created.ID, panel.UserUpdateRequest{FirstName: "Alicia"})
	wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
	fields := panel.FieldErrors(err)
	for _, f := range []string{"email", "username", "last_name"} {
		if len(fields[f]) == 0 {
			t.Errorf("partial update: no field error for %q (%v)", f, fields)
		}
	}
	if _, ok := fields["first_name"]; ok {
		t.Errorf("partial update: first_name was sent, yet reported: %v", fields)
	}
	if u := must(e.c.Users.Get(ctx, created.ID))(t); u.FirstName != "Alice" {
		t.Errorf("a rejected update changed first_name to %q", u.FirstName)
	}

	upd := panel.UserUpdateRequestFrom(got)
	upd.FirstName = "Alicia"
	updated := must(e.c.Users.Update(ctx, created.ID, upd))(t)
	if updated.FirstName != "Alicia" || updated.LastName != "Liddell" || updated.Email != "alice@example.com" ||
		updated.ExternalID != "team-alice" || updated.Username != "alice.liddell" {
		t.Errorf("full update = %+v", updated)
	}
	// "" clears the external id (the panel stores null).
	upd.ExternalID = ptrTo("")
	cleared := must(e.c.Users.Update(ctx, created.ID, upd))(t)
	if cleared.ExternalID != "" {
		t.Errorf("external id = %q after clearing", cleared.ExternalID)
	}
	if _, err := e.c.Users.GetByExternalID(ctx, "team-alice"); !panel.IsNotFound(err) {
		t.Errorf("cleared external id still found: %v", err)
	}

	// Unique email.
	_, err = e.c.Users.Create(ctx, panel.UserCreateRequest{Email: "ALICE@example.com", Username: "alice2", FirstName: "A", LastName: "B"})
	wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
	if item := apiErrorItem(t, err, "email"); item.Rule != "unique" {
		t.Errorf("duplicate email rule = %q, want unique", item.Rule)
	}

	noErr(t, e.c.Users.Delete(ctx, created.ID))
	if _, err := e.c.Users.Get(ctx, created.ID); !panel.IsNotFound(err) {
		t.Errorf("Get after delete: %v, want 404", err)
	}
	err = e.c.Users.Delete(ctx, created.ID)
	wantAPIError(t, err, http.StatusNotFound, "NotFoundHttpException")
	e.wantCounts(map[string]int{route("DELETE", tUser, 204): 1, route("DELETE", tUser, 404): 1})
}

func TestIntegrationUserWithServersCannotBeDeleted(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	w := e.makeWorld("owner")
	srv := must(e.c.Servers.Create(ctx, w.serverRequest("owned", 25565)))(t)

	err := e.c.Users.Delete(ctx, w.user.ID)
	apiErr := mustAPIError(t, err, http.StatusBadRequest, "DisplayException")
	if !panel.IsBadRequest(err) || panel.IsValidation(err) || panel.IsServerError(err) || panel.IsNotFound(err) {
		t.Errorf("classification of %v is off", err)
	}
	if !strings.HasPrefix(apiErr.Detail(), "Cannot delete a user with active servers") {
		t.Errorf("detail = %q", apiErr.Detail())
	}
	if apiErr.Method != http.MethodDelete || apiErr.Route != tUser {
		t.Errorf("error names %s %s", apiErr.Method, apiErr.Route)
	}
	// A 400 is final: sent once.
	e.wantCounts(map[string]int{route("DELETE", tUser, 400): 1})
	must(e.c.Users.Get(ctx, w.user.ID))(t)

	noErr(t, e.c.Servers.Delete(ctx, srv.ID))
	noErr(t, e.c.Users.Delete(ctx, w.user.ID))
}

func TestIntegrationLocations(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()

	eu := must(e.c.Locations.Create(ctx, panel.LocationRequest{Short: "eu-west", Long: "Amsterdam"}))(t)
	us := must(e.c.Locations.Create(ctx, panel.LocationRequest{Short: "us-east"}))(t)
	if eu.Short != "eu-west" || eu.Long != "Amsterdam" || us.Long != "" {
		t.Errorf("created %+v and %+v", eu, us)
	}
	if got := must(e.c.Locations.Get(ctx, eu.ID))(t); got.Short != "eu-west" {
		t.Errorf("Get = %+v", got)
	}
	list := must(e.c.Locations.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"short": "EU"}}))(t)
	if len(list) != 1 || list[0].ID != eu.ID {
		t.Errorf("filter[short]=EU = %+v", list)
	}

	// short is required on PATCH too, and unique.
	_, err := e.c.Locations.Update(ctx, eu.ID, panel.LocationRequest{Long: "Rotterdam"})
	wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
	if item := apiErrorItem(t, err, "short"); item.Rule != "required" {
		t.Errorf("short rule = %q", item.Rule)
	}
	req := panel.LocationRequestFrom(eu)
	req.Short = "us-east"
	_, err = e.c.Locations.Update(ctx, eu.ID, req)
	if item := apiErrorItem(t, err, "short"); item.Rule != "unique" || item.Detail != "The Location Identifier has already been taken." {
		t.Errorf("duplicate short = %+v", item)
	}

	req = panel.LocationRequestFrom(eu)
	req.Long = "Rotterdam"
	upd := must(e.c.Locations.Update(ctx, eu.ID, req))(t)
	if upd.Short != "eu-west" || upd.Long != "Rotterdam" {
		t.Errorf("Update = %+v", upd)
	}

	// A location with nodes cannot go.
	n := e.makeNode("blocker", eu.ID)
	withNodes := must(e.c.Locations.Get(ctx, eu.ID, "nodes"))(t)
	if len(withNodes.Relationships.Nodes) != 1 || withNodes.Relationships.Nodes[0].ID != n.ID {
		t.Errorf("include nodes = %+v", withNodes.Relationships)
	}
	err = e.c.Locations.Delete(ctx, eu.ID)
	wantAPIError(t, err, http.StatusBadRequest, "HasActiveNodesException")
	noErr(t, e.c.Nodes.Delete(ctx, n.ID))
	noErr(t, e.c.Locations.Delete(ctx, eu.ID))
	if _, err := e.c.Locations.Get(ctx, eu.ID); !panel.IsNotFound(err) {
		t.Errorf("Get after delete: %v", err)
	}
	rest := must(e.c.Locations.ListAll(ctx, nil))(t)
	if len(rest) != 1 || rest[0].ID != us.ID {
		t.Errorf("remaining locations = %+v", rest)
	}
}

func TestIntegrationNodes(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	loc := e.makeLocation("eu")
	other := e.makeLocation("us")

	req := nodeRequest("node-1", loc.ID)
	req.Description = "dropped by the panel"
	req.DaemonBase = "/srv/volumes"
	req.MemoryOverallocate = 50
	n := must(e.c.Nodes.Create(ctx, req))(t)
	if n.Name != "node-1" || n.LocationID != loc.ID || n.FQDN != "node-1.example.com" || n.Scheme != "https" ||
		n.Memory != 8192 || n.MemoryOverallocate != 50 || n.Disk != 65536 || n.DaemonListen != 8080 ||
		n.DaemonSFTP != 2022 || n.DaemonBase != "/srv/volumes" || !n.Public || n.UploadSize != 100 {
		t.Errorf("created node = %+v", n)
	}
	if n.Description != "" {
		t.Errorf("description = %q; the panel drops it on create", n.Description)
	}
	if n.AllocatedResources == nil || *n.AllocatedResources != (panel.AllocatedResources{}) {
		t.Errorf("allocated_resources = %+v", n.AllocatedResources)
	}

	got := must(e.c.Nodes.Get(ctx, n.ID, "location"))(t)
	if got.Relationships.Location == nil || got.Relationships.Location.ID != loc.ID {
		t.Errorf("include location = %+v", got.Relationships)
	}
	list := must(e.c.Nodes.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"name": "node-1"}}))(t)
	if len(list) != 1 || list[0].ID != n.ID {
		t.Errorf("filter[name] = %+v", list)
	}

	cfg := must(e.c.Nodes.Configuration(ctx, n.ID))(t)
	if cfg.UUID != n.UUID || cfg.Token == "" || cfg.TokenID == "" || cfg.API.Host != "0.0.0.0" || cfg.API.Port != 8080 ||
		!cfg.API.SSL.Enabled || cfg.API.SSL.Cert != "/etc/letsencrypt/live/node-1.example.com/fullchain.pem" ||
		cfg.API.UploadLimit != 100 || cfg.System.Data != "/srv/volumes" || cfg.System.SFTP.BindPort != 2022 ||
		cfg.Remote != e.srv.URL || cfg.AllowedMounts == nil {
		t.Errorf("configuration = %+v", cfg)
	}

	// PATCH replaces: NodeRequestFrom sends everything back, daemon_base included.
	upd := panel.NodeRequestFrom(got)
	upd.Memory = 16384
	upd.BehindProxy = true
	upd.LocationID = other.ID
	upd.ResetSecret = true
	n2 := must(e.c.Nodes.Update(ctx, n.ID, upd))(t)
	if n2.Memory != 16384 || !n2.BehindProxy || n2.LocationID != other.ID || n2.DaemonBase != "/srv/volumes" ||
		n2.MemoryOverallocate != 50 || n2.FQDN != n.FQDN {
		t.Errorf("updated node = %+v", n2)
	}
	cfg2 := must(e.c.Nodes.Configuration(ctx, n.ID))(t)
	if cfg2.Token == cfg.Token || cfg2.TokenID == cfg.TokenID {
		t.Errorf("reset_secret kept the token")
	}
	if cfg2.API.SSL.Enabled {
		t.Errorf("ssl enabled behind a proxy")
	}
	// Without daemon_base the panel resets it; this is why NodeRequestFrom exists.
	bare := panel.NodeRequestFrom(n2)
	bare.DaemonBase = ""
	if n3 := must(e.c.Nodes.Update(ctx, n.ID, bare))(t); n3.DaemonBase != "/var/lib/pterodactyl/volumes" {
		t.Errorf("daemon_base after omitting it = %q", n3.DaemonBase)
	}
	// With Wings down the panel saves the change, then answers 400.
	e.sim.SetWingsReachable(n.ID, false)
	down := panel.NodeRequestFrom(n2)
	down.UploadSize = 512
	_, err := e.c.Nodes.Update(ctx, n.ID, down)
	wantAPIError(t, err, http.StatusBadRequest, "ConfigurationNotPersistedException")
	e.sim.SetWingsReachable(n.ID, true)
	if saved := must(e.c.Nodes.Get(ctx, n.ID))(t); saved.UploadSize != 512 {
		t.Errorf("upload_size = %d: the change was not saved", saved.UploadSize)
	}
	e.wantCounts(map[string]int{route("PATCH", "/api/application/nodes/{node}", 400): 1})
	// A PATCH missing required fields is a 422 naming them.
	_, err = e.c.Nodes.Update(ctx, n.ID, panel.NodeRequest{Name: "node-1"})
	wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
	for _, f := range []string{"location_id", "fqdn", "scheme", "memory", "disk", "daemon_sftp", "daemon_listen"} {
		if len(panel.FieldErrors(err)[f]) == 0 {
			t.Errorf("no field error for %s: %v", f, err)
		}
	}

	// Deployable: unpaginated without a page, paginated with one, 400 when nothing fits.
	dep, p, err := e.c.Nodes.Deployable(ctx, panel.DeployableOptions{Memory: 1024, Disk: 1024})
	noErr(t, err)
	if len(dep) != 1 || dep[0].ID != n.ID || p != nil {
		t.Errorf("deployable = %v, pagination %+v", dep, p)
	}
	dep, p, err = e.c.Nodes.Deployable(ctx, panel.DeployableOptions{Memory: 1024, Disk: 1024, LocationIDs: []int{other.ID}, Page: 1})
	noErr(t, err)
	if len(dep) != 1 || p == nil || p.Total != 1 || p.CurrentPage != 1 {
		t.Errorf("deployable page 1 = %v, pagination %+v", dep, p)
	}
	_, _, err = e.c.Nodes.Deployable(ctx, panel.DeployableOptions{Memory: 1024, Disk: 1024, LocationIDs: []int{loc.ID}})
	wantAPIError(t, err, http.StatusBadRequest, "NoViableNodeException")
	// 16384 MiB × 1.5 overallocation fits 24576, not 24577.
	if dep, _, err := e.c.Nodes.Deployable(ctx, panel.DeployableOptions{Memory: 24576, Disk: 1}); err != nil || len(dep) != 1 {
		t.Errorf("deployable at the overallocation limit: %v, %v", dep, err)
	}
	_, _, err = e.c.Nodes.Deployable(ctx, panel.DeployableOptions{Memory: 24577, Disk: 1})
	wantAPIError(t, err, http.StatusBadRequest, "NoViableNodeException")

	noErr(t, e.c.Nodes.Delete(ctx, n.ID))
	if _, err := e.c.Nodes.Get(ctx, n.ID); !panel.IsNotFound(err) {
		t.Errorf("Get after delete: %v", err)
	}
}

func TestIntegrationAllocations(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	loc := e.makeLocation("eu")
	n := e.makeNode("node-a", loc.ID)
	n2 := e.makeNode("node-b", loc.ID)

	noErr(t, e.c.Allocations.Create(ctx, n.ID, panel.AllocationCreateRequest{
		IP: "10.0.0.5", Alias: "play.example.com", Ports: []string{"25565", "25570-25574"},
	}))
	// POST answers 204 with no body.
	if ex, ok := e.rec.last("POST", fmt.Sprintf("/api/application/nodes/%d/allocations", n.ID)); !ok || ex.Status != http.StatusNoContent || len(ex.Body) != 0 {
		t.Errorf("allocation create exchange = %+v", ex)
	}
	all := must(e.c.Allocations.ListAll(ctx, n.ID, nil))(t)
	var ports []int
	for _, a := range all {
		ports = append(ports, a.Port)
		if a.IP != "10.0.0.5" || a.Alias == nil || *a.Alias != "play.example.com" || a.Assigned || a.ID == 0 {
			t.Errorf("allocation = %+v", a)
		}
	}
	if !slices.Equal(ports, []int{25565, 25570, 25571, 25572, 25573, 25574}) {
		t.Errorf("ports = %v", ports)
	}

	// Existing ports are skipped silently.
	noErr(t, e.c.Allocations.Create(ctx, n.ID, panel.AllocationCreateRequest{IP: "10.0.0.5", Ports: []string{"25565-25566"}}))
	page, p, err := e.c.Allocations.List(ctx, n.ID, &panel.ListOptions{PerPage: 5})
	noErr(t, err)
	if len(page) != 5 || p == nil || p.Total != 7 || p.TotalPages != 2 {
		t.Errorf("page 1 of 5: %d items, pagination %+v", len(page), p)
	}
	byPort := must(e.c.Allocations.ListAll(ctx, n.ID, &panel.ListOptions{Filters: map[string]string{"port": "25566"}}))(t)
	if len(byPort) != 1 || byPort[0].Alias != nil {
		t.Errorf("filter[port]=25566 = %+v", byPort)
	}
	// A non-digit server_id means "unassigned".
	free := must(e.c.Allocations.ListAll(ctx, n.ID, &panel.ListOptions{Filters: map[string]string{"server_id": "none"}}))(t)
	if len(free) != 7 {
		t.Errorf("unassigned = %d, want 7", len(free))
	}

	// The panel's port rules: strings only, >1024, ≤1000 per range.
	err = e.c.Allocations.Create(ctx, n.ID, panel.AllocationCreateRequest{IP: "10.0.0.5", Ports: []string{"1024"}})
	wantAPIError(t, err, http.StatusBadRequest, "PortOutOfRangeException")
	err = e.c.Allocations.Create(ctx, n.ID, panel.AllocationCreateRequest{IP: "10.0.0.5", Ports: []string{"30000-31000"}})
	wantAPIError(t, err, http.StatusBadRequest, "TooManyPortsInRangeException")
	err = e.c.Allocations.Create(ctx, n.ID, panel.AllocationCreateRequest{IP: "10.0.0.5", Ports: []string{"25565:25570"}})
	wantAPIError(t, err, http.StatusBadRequest, "InvalidPortMappingException")
	err = e.c.Allocations.Create(ctx, n.ID, panel.AllocationCreateRequest{IP: "10.0.0.0/24", Ports: []string{"25565"}})
	wantAPIError(t, err, http.StatusBadRequest, "CidrOutOfRangeException")
	err = e.c.Allocations.Create(ctx, n.ID, panel.AllocationCreateRequest{IP: "10.0.0.5"})
	wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
	if len(panel.FieldErrors(err)["ports"]) == 0 {
		t.Errorf("no ports field error: %v", err)
	}
	// A /30 gives four addresses.
	noErr(t, e.c.Allocations.Create(ctx, n2.ID, panel.AllocationCreateRequest{IP: "10.9.0.0/30", Ports: []string{"27015"}}))
	if cidr := must(e.c.Allocations.ListAll(ctx, n2.ID, nil))(t); len(cidr) != 4 {
		t.Errorf("a /30 gave %d allocations", len(cidr))
	}

	// Allocations are scoped to their node.
	err = e.c.Allocations.Delete(ctx, n2.ID, all[0].ID)
	wantAPIError(t, err, http.StatusNotFound, "NotFoundHttpException")
	noErr(t, e.c.Allocations.Delete(ctx, n.ID, all[0].ID))
	after := must(e.c.Allocations.ListAll(ctx, n.ID, nil))(t)
	if len(after) != 6 || slices.ContainsFunc(after, func(a panel.Allocation) bool { return a.ID == all[0].ID }) {
		t.Errorf("after delete: %+v", after)
	}
	if _, err := e.c.Allocations.ListAll(ctx, 9999, nil); !panel.IsNotFound(err) {
		t.Errorf("allocations of a missing node: %v", err)
	}
}

func TestIntegrationNestsAndEggs(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()

	nests := must(e.c.Nests.ListAll(ctx, nil))(t)
	if len(nests) != 4 {
		t.Fatalf("nests = %d, want 4", len(nests))
	}
	eggs := 0
	var minecraft *panel.Nest
	for i, n := range nests {
		list := must(e.c.Eggs.List(ctx, n.ID))(t)
		eggs += len(list)
		for _, egg := range list {
			if egg.Nest != n.ID {
				t.Errorf("egg %d says nest %d, listed under %d", egg.ID, egg.Nest, n.ID)
			}
		}
		if n.Name == "Minecraft" {
			minecraft = &nests[i]
		}
	}
	if eggs != 14 {
		t.Errorf("eggs = %d, want 14", eggs)
	}
	if minecraft == nil {
		t.Fatal("no Minecraft nest")
	}
	// The eggs list is not paginated: one request per nest, no meta.
	if ex, ok := e.rec.last("GET", fmt.Sprintf("/api/application/nests/%d/eggs", minecraft.ID)); !ok || strings.Contains(string(ex.Body), `"meta"`) {
		t.Errorf("eggs list carried meta: %s", ex.Body)
	}

	withEggs := must(e.c.Nests.Get(ctx, minecraft.ID, "eggs"))(t)
	var paperID int
	for _, egg := range withEggs.Relationships.Eggs {
		if egg.Name == "Paper" {
			paperID = egg.ID
		}
	}
	if paperID == 0 {
		t.Fatalf("no Paper egg in %+v", withEggs.Relationships.Eggs)
	}

	paper := must(e.c.Eggs.Get(ctx, minecraft.ID, paperID, "variables", "nest", "config"))(t)
	if paper.Name != "Paper" || paper.Nest != minecraft.ID || paper.Startup == "" || paper.Config.Stop != "stop" {
		t.Errorf("Paper = %+v", paper)
	}
	if paper.DockerImages["Java 21"] != "ghcr.io/pterodactyl/yolks:java_21" || paper.DockerImage != "ghcr.io/pterodactyl/yolks:java_21" {
		t.Errorf("docker images = %v / %q", paper.DockerImages, paper.DockerImage)
	}
	vars := map[string]panel.EggVariable{}
	for _, v := range paper.Relationships.Variables {
		vars[v.EnvVariable] = v
	}
	if len(vars) != 4 {
		t.Errorf("variables = %v", paper.Relationships.Variables)
	}
	if jar := vars["SERVER_JARFILE"]; jar.DefaultValue != "server.jar" || !strings.HasPrefix(jar.Rules, "required|") || !bool(jar.UserEditable) || jar.EggID != paperID {
		t.Errorf("SERVER_JARFILE = %+v", jar)
	}
	if dl := vars["DL_PATH"]; bool(dl.UserViewable) {
		t.Errorf("DL_PATH should be hidden: %+v", dl)
	}
	if paper.Relationships.Nest == nil || paper.Relationships.Nest.ID != minecraft.ID {
		t.Errorf("include nest = %+v", paper.Relationships.Nest)
	}
	// config is a null_resource when the egg extends nothing; that is not a denial.
	if paper.Relationships.Config != nil || len(paper.Relationships.Denied) != 0 {
		t.Errorf("config include = %s, denied %v", paper.Relationships.Config, paper.Relationships.Denied)
	}

	// An egg of another nest is a 404.
	var otherNest int
	for _, n := range nests {
		if n.ID != minecraft.ID {
			otherNest = n.ID
			break
		}
	}
	_, err := e.c.Eggs.Get(ctx, otherNest, paperID)
	wantAPIError(t, err, http.StatusNotFound, "NotFoundHttpException")
}

func TestIntegrationServers(t *testing.T) {
	t.Parallel()
	// Installs wait for CompleteInstall, so the installing state can be observed.
	e := newSimEnv(t, panelsim.Options{InstallDelay: time.Hour})
	ctx := e.ctx()
	w := e.makeWorld("steve")

	req := w.serverRequest("survival", 25565, 25566)
	req.Description = "the main world"
	s := must(e.c.Servers.Create(ctx, req))(t)
	if s.ID == 0 || len(s.Identifier) != 8 || !strings.HasPrefix(s.UUID, s.Identifier) {
		t.Errorf("ids: %+v", s)
	}
	if !s.IsInstalling() || bool(s.Container.Installed) {
		t.Errorf("new server status %q installed %v", s.StatusString(), s.Container.Installed)
	}
	if s.Name != "survival" || s.Description != "the main world" || s.ExternalID != "srv-survival" || s.User != w.user.ID ||
		s.Node != w.node.ID || s.Allocation != w.alloc[25565].ID || s.Egg != w.egg.ID || s.Nest != w.egg.Nest {
		t.Errorf("server = %+v", s)
	}
	if s.Limits.Memory != 2048 || s.Limits.IO != 500 || s.Limits.CPU != 200 || !s.Limits.OOMDisabled || s.Limits.Threads != nil {
		t.Errorf("limits = %+v (oom_disabled defaults to true)", s.Limits)
	}
	if *s.FeatureLimits.Databases != 2 || *s.FeatureLimits.Allocations != 3 || *s.FeatureLimits.Backups != 1 {
		t.Errorf("feature limits = %v %v %v", *s.FeatureLimits.Databases, *s.FeatureLimits.Allocations, *s.FeatureLimits.Backups)
	}
	env := s.Container.Environment
	if env["SERVER_JARFILE"] != "paper.jar" || env["BUILD_NUMBER"] != "latest" || env["MINECRAFT_VERSION"] != "latest" ||
		env["P_SERVER_UUID"] != s.UUID || env["P_SERVER_LOCATION"] != w.loc.Short || env["STARTUP"] != w.egg.Startup {
		t.Errorf("environment = %v", env)
	}
	// Server create carries no meta; the client does not need it.
	if ex, _ := e.rec.last("POST", tServers); strings.Contains(string(ex.Body), `"meta"`) {
		t.Errorf("server create had meta: %s", ex.Body)
	}

	got := must(e.c.Servers.Get(ctx, s.ID, "allocations", "variables", "user", "node", "location"))(t)
	if !got.IsInstalling() {
		t.Errorf("status before the install callback = %q", got.StatusString())
	}
	rel := got.Relationships
	if len(rel.Allocations) != 2 || len(rel.Variables) != 4 || rel.User == nil || rel.User.ID != w.user.ID ||
		rel.Node == nil || rel.Node.ID != w.node.ID || rel.Location == nil || rel.Location.ID != w.loc.ID || len(rel.Denied) != 0 {
		t.Errorf("relationships = %+v", rel)
	}
	for _, v := range rel.Variables {
		if v.ServerValue == nil {
			t.Errorf("variable %s has no server value", v.EnvVariable)
		}
	}
	if n := must(e.c.Nodes.Get(ctx, w.node.ID))(t); n.AllocatedResources == nil || n.AllocatedResources.Memory != 2048 {
		t.Errorf("node allocated resources = %+v", n.AllocatedResources)
	}

	if !e.sim.CompleteInstall(s.ID, true) {
		t.Fatal("CompleteInstall found no server")
	}
	byExt := must(e.c.Servers.GetByExternalID(ctx, "srv-survival"))(t)
	if byExt.ID != s.ID || byExt.Status != nil || !bool(byExt.Container.Installed) {
		t.Errorf("after install: id %d status %q installed %v", byExt.ID, byExt.StatusString(), byExt.Container.Installed)
	}
	if list := must(e.c.Servers.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"external_id": "survival"}}))(t); len(list) != 1 || list[0].ID != s.ID {
		t.Errorf("filter[external_id] = %+v", list)
	}
	assigned := must(e.c.Allocations.ListAll(ctx, w.node.ID, &panel.ListOptions{Filters: map[string]string{"server_id": fmt.Sprint(s.ID)}}))(t)
	if len(assigned) != 2 {
		t.Errorf("allocations of the server = %+v", assigned)
	}
	err := e.c.Allocations.Delete(ctx, w.node.ID, w.alloc[25566].ID)
	wantAPIError(t, err, http.StatusBadRequest, "ServerUsingAllocationException")
	err = e.c.Nodes.Delete(ctx, w.node.ID)
	wantAPIError(t, err, http.StatusBadRequest, "HasActiveServersException")
	// A taken default allocation is a validation error on allocation.default.
	_, err = e.c.Servers.Create(ctx, w.serverRequest("clash", 25565))
	wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
	e.wantCounts(map[string]int{route("POST", tServers, 422): 1})

	// Details: everything kept but the name.
	details := panel.DetailsRequestFrom(byExt)
	details.Name = "survival-2"
	d := must(e.c.Servers.UpdateDetails(ctx, s.ID, details))(t)
	if d.Name != "survival-2" || d.ExternalID != "srv-survival" || d.Description != "the main world" || d.User != w.user.ID {
		t.Errorf("details = %+v", d)
	}

	// Build: one limit changed, one allocation added, the rest as it was.
	build := panel.BuildRequestFrom(d)
	build.Limits.Memory = 4096
	build.AddAllocations = []int{w.alloc[25567].ID}
	b := must(e.c.Servers.UpdateBuild(ctx, s.ID, build))(t)
	if b.Limits.Memory != 4096 || b.Limits.Disk != 10240 || b.Limits.IO != 500 || b.Allocation != w.alloc[25565].ID ||
		*b.FeatureLimits.Databases != 2 || *b.FeatureLimits.Backups != 1 || !b.Limits.OOMDisabled {
		t.Errorf("build = %+v / %+v", b.Limits, b.FeatureLimits)
	}
	withAllocs := must(e.c.Servers.Get(ctx, s.ID, "allocations"))(t)
	if len(withAllocs.Relationships.Allocations) != 3 {
		t.Errorf("allocations after add = %d", len(withAllocs.Relationships.Allocations))
	}
	// Build without feature_limits.backups would be a 422; the client always sends the key.
	bad := panel.BuildRequestFrom(b)
	bad.Limits.IO = 5
	_, err = e.c.Servers.UpdateBuild(ctx, s.ID, bad)
	wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
	if item := apiErrorItem(t, err, "limits.io"); item.Rule != "between" {
		t.Errorf("limits.io rule = %q", item.Rule)
	}

	// Startup: one variable changed, every other one sent back as it was.
	withVars := must(e.c.Servers.Get(ctx, s.ID, "variables"))(t)
	startup := panel.StartupRequestFrom(withVars, nil)
	startup.Environment["SERVER_JARFILE"] = "paper-2.jar"
	startup.Image = w.egg.DockerImages["Java 17"]
	st := must(e.c.Servers.UpdateStartup(ctx, s.ID, startup))(t)
	if env := st.Container.Environment; env["SERVER_JARFILE"] != "paper-2.jar" || env["BUILD_NUMBER"] != "latest" || env["MINECRAFT_VERSION"] != "latest" {
		t.Errorf("environment after startup = %v", env)
	}
	if st.Container.Image != "ghcr.io/pterodactyl/yolks:java_17" || st.Container.StartupCommand != w.egg.Startup || st.Egg != w.egg.ID {
		t.Errorf("container after startup = %+v", st.Container)
	}

	// Suspend (idempotent), unsuspend.
	noErr(t, e.c.Servers.Suspend(ctx, s.ID))
	noErr(t, e.c.Servers.Suspend(ctx, s.ID))
	if sus := must(e.c.Servers.Get(ctx, s.ID))(t); sus.StatusString() != panel.StatusSuspended || !sus.IsSuspended() || !sus.Suspended {
		t.Errorf("after suspend: status %q suspended %v", sus.StatusString(), sus.Suspended)
	}
	noErr(t, e.c.Servers.Unsuspend(ctx, s.ID))
	if un := must(e.c.Servers.Get(ctx, s.ID))(t); un.Status != nil || un.IsSuspended() {
		t.Errorf("after unsuspend: status %q", un.StatusString())
	}

	// Reinstall: installing until Wings calls back; it also clears a suspension.
	noErr(t, e.c.Servers.Suspend(ctx, s.ID))
	noErr(t, e.c.Servers.Reinstall(ctx, s.ID))
	// installed is 0 while installing, a reinstall included.
	if re := must(e.c.Servers.Get(ctx, s.ID))(t); !re.IsInstalling() || bool(re.Container.Installed) || re.IsSuspended() {
		t.Errorf("after reinstall: status %q installed %v", re.StatusString(), re.Container.Installed)
	}
	e.sim.CompleteInstall(s.ID, false)
	if re := must(e.c.Servers.Get(ctx, s.ID))(t); re.StatusString() != panel.StatusReinstallFailed || !re.InstallFailed() {
		t.Errorf("after failed reinstall: status %q", re.StatusString())
	}
	e.wantCounts(map[string]int{
		route("POST", tServer+"/suspend", 204):   3,
		route("POST", tServer+"/unsuspend", 204): 1,
		route("POST", tServer+"/reinstall", 204): 1,
	})

	// Delete: aborted while Wings is down (a DELETE is retried on the 504, then given up), forced
	// through; the allocations are freed.
	e.sim.SetWingsReachable(w.node.ID, false)
	// Suspend rolls back and is not retried (POST); build is saved anyway.
	err = e.c.Servers.Suspend(ctx, s.ID)
	wantAPIError(t, err, http.StatusGatewayTimeout, "DaemonConnectionException")
	e.wantCounts(map[string]int{route("POST", tServer+"/suspend", 504): 1})
	if cur := must(e.c.Servers.Get(ctx, s.ID))(t); cur.IsSuspended() {
		t.Errorf("a failed suspend left the server suspended")
	}
	offline := panel.BuildRequestFrom(must(e.c.Servers.Get(ctx, s.ID))(t))
	offline.Limits.CPU = 300
	if b := must(e.c.Servers.UpdateBuild(ctx, s.ID, offline))(t); b.Limits.CPU != 300 {
		t.Errorf("build with Wings down: cpu %d", b.Limits.CPU)
	}
	err = e.c.Servers.Delete(ctx, s.ID)
	wantAPIError(t, err, http.StatusGatewayTimeout, "DaemonConnectionException")
	if !panel.IsDaemonError(err) || !panel.IsServerError(err) {
		t.Errorf("classification of %v", err)
	}
	e.wantCounts(map[string]int{route("DELETE", tServer, 504): 4})
	must(e.c.Servers.Get(ctx, s.ID))(t)
	noErr(t, e.c.Servers.ForceDelete(ctx, s.ID))
	e.wantCounts(map[string]int{route("DELETE", tServerForce, 204): 1})
	if _, err := e.c.Servers.Get(ctx, s.ID); !panel.IsNotFound(err) {
		t.Errorf("Get after force delete: %v", err)
	}
	if _, err := e.c.Servers.GetByExternalID(ctx, "srv-survival"); !panel.IsNotFound(err) {
		t.Errorf("GetByExternalID after force delete: %v", err)
	}
	if free := must(e.c.Allocations.ListAll(ctx, w.node.ID, &panel.ListOptions{Filters: map[string]string{"server_id": "-"}}))(t); len(free) != 6 {
		t.Errorf("free allocations after delete = %d, want 6", len(free))
	}

	// A create while Wings is down is rolled back by the panel.
	_, err = e.c.Servers.Create(ctx, w.serverRequest("rolled-back", 25568))
	wantAPIError(t, err, http.StatusGatewayTimeout, "DaemonConnectionException")
	e.wantCounts(map[string]int{route("POST", tServers, 504): 1})
	if _, err := e.c.Servers.GetByExternalID(ctx, "srv-rolled-back"); !panel.IsNotFound(err) {
		t.Errorf("rolled-back server exists: %v", err)
	}
	e.sim.SetWingsReachable(w.node.ID, true)

	// A normal delete.
	s2 := must(e.c.Servers.Create(ctx, w.serverRequest("creative", 25568)))(t)
	noErr(t, e.c.Servers.Delete(ctx, s2.ID))
	e.wantCounts(map[string]int{route("DELETE", tServer, 204): 1})
	if _, err := e.c.Servers.Get(ctx, s2.ID); !panel.IsNotFound(err) {
		t.Errorf("Get after delete: %v", err)
	}
	noErr(t, e.c.Users.Delete(ctx, w.user.ID))
}

func TestIntegrationServerExternalIDIsOnePathSegment(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	w := e.makeWorld("paths")
	req := w.serverRequest("odd", 25565)
	req.ExternalID = "team a:game 1?x=%#"
	s := must(e.c.Servers.Create(ctx, req))(t)
	got := must(e.c.Servers.GetByExternalID(ctx, req.ExternalID))(t)
	if got.ID != s.ID {
		t.Errorf("GetByExternalID = %d, want %d", got.ID, s.ID)
	}
	e.wantCounts(map[string]int{route("GET", "/api/application/servers/external/{external_id}", 200): 1})

	// The panel's router matches the decoded path, so an escaped "/" still splits the segment:
	// such an id can be stored but never looked up (which is why the CRDs refuse it).
	req = w.serverRequest("slashed", 25566)
	req.ExternalID = "team/game"
	must(e.c.Servers.Create(ctx, req))(t)
	_, err := e.c.Servers.GetByExternalID(ctx, req.ExternalID)
	if !panel.IsNotFound(err) {
		t.Errorf("GetByExternalID(%q) = %v, want the panel's 404", req.ExternalID, err)
	}
}

func TestIntegrationServerNullFeatureLimitsBecomeZero(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	w := e.makeWorld("nolimits")
	req := w.serverRequest("zero", 25565)
	req.FeatureLimits = panel.FeatureLimits{}
	s := must(e.c.Servers.Create(ctx, req))(t)
	// The client sends databases and backups as null (present), which the panel stores as 0.
	if ex, _ := e.rec.last("POST", tServers); !strings.Contains(string(ex.ReqBody), `"feature_limits":{"databases":null,"allocations":null,"backups":null}`) {
		t.Errorf("create body = %s", ex.ReqBody)
	}
	fl := s.FeatureLimits
	if fl.Databases == nil || *fl.Databases != 0 || fl.Backups == nil || *fl.Backups != 0 || fl.Allocations == nil || *fl.Allocations != 0 {
		t.Errorf("feature limits = %v %v %v", fl.Databases, fl.Allocations, fl.Backups)
	}
	// A databases limit of 0 blocks even the admin.
	_, err := e.c.Databases.Create(ctx, s.ID, panel.DatabaseCreateRequest{Database: "main", Remote: "%", Host: 1})
	wantAPIError(t, err, http.StatusBadRequest, "TooManyDatabasesException")
	// On build, a null databases limit means unlimited.
	build := panel.BuildRequestFrom(s)
	build.FeatureLimits.Databases = nil
	b := must(e.c.Servers.UpdateBuild(ctx, s.ID, build))(t)
	if b.FeatureLimits.Databases != nil || b.FeatureLimits.Backups == nil || *b.FeatureLimits.Backups != 0 {
		t.Errorf("after build: databases %v backups %v", b.FeatureLimits.Databases, b.FeatureLimits.Backups)
	}
	must(e.c.Databases.Create(ctx, s.ID, panel.DatabaseCreateRequest{Database: "main", Remote: "%", Host: 1}))(t)
}

func TestIntegrationServerBuildThreads(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	w := e.makeWorld("threads")
	s := must(e.c.Servers.Create(ctx, w.serverRequest("pinned", 25565)))(t)
	build := panel.BuildRequestFrom(s)
	build.Threads = ptrTo("0-1")
	b := must(e.c.Servers.UpdateBuild(ctx, s.ID, build))(t)
	// The panel keeps a top-level threads unless limits.threads overrides it.
	if b.Limits.Threads == nil || *b.Limits.Threads != "0-1" {
		t.Errorf("threads after build = %v, want 0-1", b.Limits.Threads)
	}
}

func TestIntegrationDatabases(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	w := e.makeWorld("dbs")
	s := must(e.c.Servers.Create(ctx, w.serverRequest("db-server", 25565)))(t)

	db := must(e.c.Databases.Create(ctx, s.ID, panel.DatabaseCreateRequest{Database: "main", Remote: "%", Host: 1}))(t)
	if db.Database != fmt.Sprintf("s%d_main", s.ID) || db.Server != s.ID || db.Host != 1 || db.Remote != "%" || db.Username == "" {
		t.Errorf("database = %+v", db)
	}
	second := must(e.c.Databases.Create(ctx, s.ID, panel.DatabaseCreateRequest{Database: "logs", Remote: "10.0.%", Host: 1}))(t)

	list := must(e.c.Databases.List(ctx, s.ID, "password", "host"))(t)
	if len(list) != 2 || list[0].ID != db.ID || list[1].ID != second.ID {
		t.Fatalf("list = %+v", list)
	}
	if list[0].Relationships.Password == nil || list[0].Relationships.Password.Password == "" ||
		list[0].Relationships.Host == nil || list[0].Relationships.Host.Name != "local-mysql" || list[0].Relationships.Host.Port != 3306 {
		t.Errorf("includes = %+v", list[0].Relationships)
	}
	if ex, _ := e.rec.last("GET", fmt.Sprintf("/api/application/servers/%d/databases", s.ID)); strings.Contains(string(ex.Body), `"meta"`) {
		t.Errorf("databases list is not paginated, yet carried meta")
	}

	// The limit is 2.
	_, err := e.c.Databases.Create(ctx, s.ID, panel.DatabaseCreateRequest{Database: "third", Remote: "%", Host: 1})
	wantAPIError(t, err, http.StatusBadRequest, "TooManyDatabasesException")
	_, err = e.c.Databases.Create(ctx, s.ID, panel.DatabaseCreateRequest{Database: "bad name", Remote: "anywhere", Host: 99})
	wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
	fields := panel.FieldErrors(err)
	for _, f := range []string{"database", "remote", "host"} {
		if len(fields[f]) == 0 {
			t.Errorf("no field error for %s: %v", f, fields)
		}
	}

	if withDBs := must(e.c.Servers.Get(ctx, s.ID, "databases"))(t); len(withDBs.Relationships.Databases) != 2 ||
		withDBs.Relationships.Databases[1].Database != fmt.Sprintf("s%d_logs", s.ID) {
		t.Errorf("server include databases = %+v", withDBs.Relationships.Databases)
	}

	before := list[0].Relationships.Password.Password
	noErr(t, e.c.Databases.ResetPassword(ctx, s.ID, db.ID))
	after := must(e.c.Databases.Get(ctx, s.ID, db.ID, "password"))(t)
	if after.Relationships.Password == nil || after.Relationships.Password.Password == before {
		t.Errorf("password not rotated")
	}

	noErr(t, e.c.Databases.Delete(ctx, s.ID, db.ID))
	if _, err := e.c.Databases.Get(ctx, s.ID, db.ID); !panel.IsNotFound(err) {
		t.Errorf("Get after delete: %v", err)
	}
	if rest := must(e.c.Databases.List(ctx, s.ID))(t); len(rest) != 1 || rest[0].ID != second.ID {
		t.Errorf("after delete: %+v", rest)
	}
	// Scoped to the server.
	other := must(e.c.Servers.Create(ctx, w.serverRequest("other", 25566)))(t)
	_, err = e.c.Databases.Get(ctx, other.ID, second.ID)
	wantAPIError(t, err, http.StatusNotFound, "")
	// Deleting the server drops its databases.
	noErr(t, e.c.Servers.Delete(ctx, s.ID))
	if _, err := e.c.Databases.List(ctx, s.ID); !panel.IsNotFound(err) {
		t.Errorf("databases of a deleted server: %v", err)
	}
}

func TestIntegrationClientAPI(t *testing.T) {
	t.Parallel()
	clk := newSimClock()
	e := newSimEnv(t, panelsim.Options{Now: clk.Now, InstallDelay: time.Minute}, panel.WithClientKey(simClientKey))
	ctx := e.ctx()
	w := e.makeWorld("client")
	s := must(e.c.Servers.Create(ctx, w.serverRequest("console", 25565)))(t)

	// Installing: GET works, power and resources are 409s.
	cs := must(e.c.ClientAPI.GetServer(ctx, s.Identifier))(t)
	if !cs.IsInstalling || cs.InternalID != s.ID || cs.UUID != s.UUID || cs.Name != "console" || cs.Node != w.node.Name {
		t.Errorf("client server while installing = %+v", cs)
	}
	err := e.c.ClientAPI.SendPowerSignal(ctx, s.Identifier, panel.PowerStart)
	wantAPIError(t, err, http.StatusConflict, "ServerStateConflictException")
	if !panel.IsConflict(err) {
		t.Errorf("IsConflict(%v) = false", err)
	}
	// A 409 on a POST is final.
	e.wantCounts(map[string]int{route("POST", "/api/client/servers/{server}/power", 409): 1})

	clk.Advance(time.Minute) // Wings calls back
	cs = must(e.c.ClientAPI.GetServer(ctx, s.UUID))(t)
	if cs.IsInstalling || cs.Status != nil || cs.Identifier != s.Identifier || cs.SFTPDetails.Port != 2022 {
		t.Errorf("client server after install = %+v", cs)
	}

	res := must(e.c.ClientAPI.Resources(ctx, s.Identifier))(t)
	if res.CurrentState != panel.StateOffline || res.IsSuspended {
		t.Errorf("resources before start = %+v", res)
	}
	noErr(t, e.c.ClientAPI.SendPowerSignal(ctx, s.Identifier, panel.PowerStart))
	e.wantCounts(map[string]int{route("POST", "/api/client/servers/{server}/power", 204): 1})
	// /resources is cached for 20 s: the start shows only after the cache expires.
	clk.Advance(5 * time.Second)
	if res := must(e.c.ClientAPI.Resources(ctx, s.Identifier))(t); res.CurrentState != panel.StateOffline {
		t.Errorf("cached resources = %q, want offline", res.CurrentState)
	}
	clk.Advance(20 * time.Second)
	if res := must(e.c.ClientAPI.Resources(ctx, s.Identifier))(t); res.CurrentState != panel.StateRunning || res.Resources.MemoryBytes == 0 {
		t.Errorf("resources after the cache = %+v", res)
	}

	ws := must(e.c.ClientAPI.Websocket(ctx, s.Identifier))(t)
	if strings.Count(ws.Token, ".") != 2 || ws.Socket != "wss://"+w.node.FQDN+":8080/api/servers/"+s.UUID+"/ws" {
		t.Errorf("websocket = %+v", ws)
	}

	// Suspended: 409 on resources, GET still fine.
	noErr(t, e.c.Servers.Suspend(ctx, s.ID))
	_, err = e.c.ClientAPI.Resources(ctx, s.Identifier)
	wantAPIError(t, err, http.StatusConflict, "ServerStateConflictException")
	if cs := must(e.c.ClientAPI.GetServer(ctx, s.Identifier))(t); !cs.IsSuspended {
		t.Errorf("is_suspended = false")
	}
	// The numeric id is not a client API identifier.
	_, err = e.c.ClientAPI.GetServer(ctx, fmt.Sprint(s.ID))
	wantAPIError(t, err, http.StatusNotFound, "")

	// Without a client key the client refuses before sending anything.
	appOnly, rec := e.newClient(simAppKey)
	if _, err := appOnly.ClientAPI.GetServer(ctx, s.Identifier); !errors.Is(err, panel.ErrClientKeyRequired) {
		t.Errorf("app-only client: %v, want ErrClientKeyRequired", err)
	}
	if n := len(rec.exchanges()); n != 0 {
		t.Errorf("app-only client sent %d requests", n)
	}
	// An application key given as the client key is refused by the panel.
	wrong, _ := e.newClient(simAppKey, panel.WithClientKey(simAppKey))
	_, err = wrong.ClientAPI.GetServer(ctx, s.Identifier)
	wantAPIError(t, err, http.StatusForbidden, "AccessDeniedHttpException")
	// A root admin's client key works on both APIs.
	both, _ := e.newClient(simClientKey)
	if u := must(both.Users.Get(ctx, w.user.ID))(t); u.ID != w.user.ID {
		t.Errorf("ptlc_ key on the application API: %+v", u)
	}
	must(both.ClientAPI.GetServer(ctx, s.Identifier))(t)
}

func TestIntegrationPaginationOver260Locations(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{RateLimitPerMinute: -1})
	ctx := e.ctx()
	created := map[int]bool{}
	for i := range 260 {
		l := must(e.c.Locations.Create(ctx, panel.LocationRequest{Short: fmt.Sprintf("loc-%03d", i)}))(t)
		created[l.ID] = true
	}
	if len(created) != 260 {
		t.Fatalf("created %d distinct locations", len(created))
	}
	pagesBefore := e.countsMatching(route("GET", tLocations, 200))

	all := must(e.c.Locations.ListAll(ctx, nil))(t)
	checkExactlyOnce(t, all, created)
	// 50 per page: 6 pages.
	if n := e.countsMatching(route("GET", tLocations, 200)) - pagesBefore; n != 6 {
		t.Errorf("ListAll made %d page requests, want 6", n)
	}

	// The iterator with 100 per page: 3 pages.
	var viaIter []panel.Location
	for l, err := range e.c.Locations.All(ctx, &panel.ListOptions{PerPage: 100}) {
		noErr(t, err)
		viaIter = append(viaIter, l)
	}
	checkExactlyOnce(t, viaIter, created)
	if n := e.countsMatching(route("GET", tLocations, 200)) - pagesBefore; n != 6+3 {
		t.Errorf("All(per_page=100) made %d page requests, want 3", n-6)
	}
	if got := e.rec.exchanges(); got[len(got)-1].Status != http.StatusOK {
		t.Errorf("last exchange = %+v", got[len(got)-1])
	}

	// Stopping early fetches no further page.
	seen := 0
	for _, err := range e.c.Locations.All(ctx, &panel.ListOptions{PerPage: 50}) {
		noErr(t, err)
		seen++
		if seen == 120 {
			break
		}
	}
	if n := e.countsMatching(route("GET", tLocations, 200)) - pagesBefore; n != 6+3+3 {
		t.Errorf("breaking after 120 items made %d page requests, want 3", n-9)
	}

	// Starting from a later page, with a filter.
	rest := must(e.c.Locations.ListAll(ctx, &panel.ListOptions{Page: 2, PerPage: 100, Filters: map[string]string{"short": "loc-"}}))(t)
	if len(rest) != 160 {
		t.Errorf("pages 2.. = %d items, want 160", len(rest))
	}
}

func checkExactlyOnce(t *testing.T, got []panel.Location, want map[int]bool) {
	t.Helper()
	seen := map[int]int{}
	for _, l := range got {
		seen[l.ID]++
	}
	if len(got) != len(want) {
		t.Errorf("got %d locations, want %d", len(got), len(want))
	}
	for id := range want {
		if seen[id] != 1 {
			t.Errorf("location %d seen %d times", id, seen[id])
		}
	}
	for id := range seen {
		if !want[id] {
			t.Errorf("unexpected location %d", id)
		}
	}
}

// apiErrorItem returns the error entry for field, failing the test if there is none.
func apiErrorItem(t *testing.T, err error, field string) panel.ErrorItem {
	t.Helper()
	apiErr, ok := panel.AsAPIError(err)
	if !ok {
		t.Fatalf("error %v is not an *APIError", err)
	}
	for _, it := range apiErr.Errors {
		if it.SourceField == field {
			return it
		}
	}
	t.Fatalf("no entry for field %q in %v", field, err)
	return panel.ErrorItem{}
}

// wireErrors decodes an error body independently of the client.
func wireErrors(t *testing.T, body []byte) []panel.ErrorItem {
	t.Helper()
	var env struct {
		Errors []struct {
			Code   string `json:"code"`
			Status string `json:"status"`
			Detail string `json:"detail"`
			Meta   *struct {
				SourceField string `json:"source_field"`
				Rule        string `json:"rule"`
			} `json:"meta"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("error body %q: %v", body, err)
	}
	out := make([]panel.ErrorItem, len(env.Errors))
	for i, it := range env.Errors {
		out[i] = panel.ErrorItem{Code: it.Code, Status: it.Status, Detail: it.Detail}
		if it.Meta != nil {
			out[i].SourceField, out[i].Rule = it.Meta.SourceField, it.Meta.Rule
		}
	}
	return out
}

func TestIntegrationValidationErrors(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()

	t.Run("user with an invalid email", func(t *testing.T) {
		_, err := e.c.Users.Create(ctx, panel.UserCreateRequest{
			Email: "not-an-email", Username: "bob", FirstName: "Bob", LastName: "Builder",
		})
		apiErr := mustAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
		if !panel.IsValidation(err) || panel.IsBadRequest(err) {
			t.Errorf("classification of %v", err)
		}
		ex, _ := e.rec.last("POST", tUsers)
		wire := wireErrors(t, ex.Body)
		if !slices.Equal(apiErr.Errors, wire) {
			t.Errorf("client entries %+v\nwire entries %+v", apiErr.Errors, wire)
		}
		want := panel.ErrorItem{Code: "ValidationException", Status: "422", Detail: "The email must be a valid email address.",
			SourceField: "email", Rule: "email"}
		if len(apiErr.Errors) != 1 || apiErr.Errors[0] != want {
			t.Errorf("entries = %+v, want [%+v]", apiErr.Errors, want)
		}
		if got := panel.FieldErrors(err); len(got) != 1 || !slices.Equal(got["email"], []string{want.Detail}) {
			t.Errorf("FieldErrors = %v", got)
		}
		if !strings.Contains(err.Error(), "(email)") || !strings.Contains(err.Error(), "422") {
			t.Errorf("message = %q", err.Error())
		}
		if _, err := e.c.Users.GetByExternalID(ctx, "bob"); !panel.IsNotFound(err) {
			t.Errorf("a rejected user exists: %v", err)
		}
	})

	t.Run("user with a bad username and no names", func(t *testing.T) {
		_, err := e.c.Users.Create(ctx, panel.UserCreateRequest{Email: "x@example.com", Username: "-x-"})
		wantAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
		if it := apiErrorItem(t, err, "username"); it.Rule != "p_username" {
			t.Errorf("username rule = %q", it.Rule)
		}
		for _, f := range []string{"first_name", "last_name"} {
			if it := apiErrorItem(t, err, f); it.Rule != "required" || it.Detail != "The "+strings.ReplaceAll(f, "_", " ")+" field is required." {
				t.Errorf("%s entry = %+v", f, it)
			}
		}
	})

	t.Run("server with bad limits, a missing variable and an unknown user", func(t *testing.T) {
		w := e.makeWorld("invalid")
		req := w.serverRequest("broken", 25565)
		req.Limits.IO = 0
		req.User = 9999
		delete(req.Environment, "SERVER_JARFILE")
		_, err := e.c.Servers.Create(ctx, req)
		apiErr := mustAPIError(t, err, http.StatusUnprocessableEntity, "ValidationException")
		ex, _ := e.rec.last("POST", tServers)
		if wire := wireErrors(t, ex.Body); !slices.Equal(apiErr.Errors, wire) {
			t.Errorf("client entries %+v\nwire entries %+v", apiErr.Errors, wire)
		}
		if it := apiErrorItem(t, err, "limits.io"); it.Rule != "between" || it.Detail != "The limits.io must be between 10 and 1000." {
			t.Errorf("limits.io = %+v", it)
		}
		if it := apiErrorItem(t, err, "user"); it.Rule != "exists" || it.Detail != "The selected user is invalid." {
			t.Errorf("user = %+v", it)
		}
		if it := apiErrorItem(t, err, "environment.SERVER_JARFILE"); it.Rule != "required" || it.Detail != "The Server Jar File variable field is required." {
			t.Errorf("environment.SERVER_JARFILE = %+v", it)
		}
		if fields := panel.FieldErrors(err); len(fields) != 3 {
			t.Errorf("FieldErrors = %v", fields)
		}
		// A 422 is final.
		e.wantCounts(map[string]int{route("POST", tServers, 422): 1})
	})

	t.Run("feature_limits.backups is always sent", func(t *testing.T) {
		// The panel 422s a create without feature_limits.backups ("must be present"); the typed
		// request cannot leave it out, it sends null.
		w := e.makeWorld("backups")
		req := w.serverRequest("nobackups", 25565)
		req.FeatureLimits.Backups = nil
		s := must(e.c.Servers.Create(ctx, req))(t)
		if ex, _ := e.rec.last("POST", tServers); !strings.Contains(string(ex.ReqBody), `"backups":null`) {
			t.Errorf("create body = %s", ex.ReqBody)
		}
		if s.FeatureLimits.Backups == nil || *s.FeatureLimits.Backups != 0 {
			t.Errorf("backups = %v, want 0", s.FeatureLimits.Backups)
		}
	})

	t.Run("not found", func(t *testing.T) {
		_, err := e.c.Servers.Get(ctx, 424242)
		apiErr := mustAPIError(t, err, http.StatusNotFound, "NotFoundHttpException")
		if !panel.IsNotFound(err) || apiErr.Detail() != "The requested resource could not be found on the server." {
			t.Errorf("404 = %v", err)
		}
	})

	t.Run("bad key", func(t *testing.T) {
		bad, _ := e.newClient("ptla_" + strings.Repeat("x", 43))
		_, err := bad.Users.Get(ctx, 1)
		wantAPIError(t, err, http.StatusUnauthorized, "AuthenticationException")
		if !panel.IsUnauthorized(err) || strings.Contains(err.Error(), strings.Repeat("x", 43)) {
			t.Errorf("401 = %v", err)
		}
	})
}

func TestIntegrationRateLimitHeaders(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	if _, ok := e.c.RateLimitRemaining(); ok {
		t.Errorf("remaining known before any request")
	}
	must(e.c.Users.Get(e.ctx(), 1))(t)
	must(e.c.Users.Get(e.ctx(), 1))(t)
	if n, ok := e.c.RateLimitRemaining(); !ok || n != 238 {
		t.Errorf("remaining = %d, %v; want 238 of 240", n, ok)
	}
}

// TestIntegrationBudgetLearnsThePanelsLimit: a panel whose limit is below the configured budget
// lowers the budget in force to 90% of its limit on its first answer, a panel with room to
// spare leaves the configured budget as it is, and a client without a budget gets none.
func TestIntegrationBudgetLearnsThePanelsLimit(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ panelLimit, configured, inForce int }{
		{panelLimit: 120, configured: 200, inForce: 108},
		{panelLimit: 240, configured: 200, inForce: 200},
		{panelLimit: 240, configured: 0, inForce: 0}, // no budget asked for: none imposed
	} {
		e := newSimEnv(t, panelsim.Options{RateLimitPerMinute: tc.panelLimit}, panel.WithRequestsPerMinute(tc.configured))
		if limit, inForce := e.c.RateLimit(); limit != 0 || inForce != tc.configured {
			t.Errorf("before any answer: panel limit %d, in force %d; want unknown and the configured %d", limit, inForce, tc.configured)
		}
		must(e.c.Users.Get(e.ctx(), 1))(t)
		if limit, inForce := e.c.RateLimit(); limit != tc.panelLimit || inForce != tc.inForce {
			t.Errorf("panel %d/min, configured %d: panel limit %d, in force %d; want %d and %d",
				tc.panelLimit, tc.configured, limit, inForce, tc.panelLimit, tc.inForce)
		}
	}
}

func TestIntegration429FaultRetried(t *testing.T) {
	t.Parallel()
	clk := newSimClock() // the client's waits pass instantly
	e := newSimEnv(t, panelsim.Options{}, panel.WithClock(clk))
	ctx := e.ctx()
	e.sim.InjectFault(panelsim.Fault{Method: "GET", Route: tUser, Status: http.StatusTooManyRequests, Times: 2})

	u := must(e.c.Users.Get(ctx, 1))(t)
	if u.Username != "admin" {
		t.Errorf("user = %+v", u)
	}
	if got := e.rec.statuses("GET", "/api/application/users/1"); !slices.Equal(got, []int{429, 429, 200}) {
		t.Errorf("statuses = %v, want [429 429 200]", got)
	}
	e.wantCounts(map[string]int{route("GET", tUser, 429): 2, route("GET", tUser, 200): 1})
	// Without Retry-After the client backs off and, since a 429 means nothing remains, holds
	// further requests for a second.
	var waited time.Duration
	for _, d := range clk.Sleeps() {
		waited += d
	}
	if waited < 2*time.Second {
		t.Errorf("waited %v in total (%v), want at least the two 1 s holds", waited, clk.Sleeps())
	}

	// A 429 on a POST is retried too: the panel throttles before it runs anything.
	e.sim.InjectFault(panelsim.Fault{Method: "POST", Route: tLocations, Status: http.StatusTooManyRequests, Times: 1})
	must(e.c.Locations.Create(ctx, panel.LocationRequest{Short: "after-429"}))(t)
	e.wantCounts(map[string]int{route("POST", tLocations, 429): 1, route("POST", tLocations, 201): 1})
	if all := must(e.c.Locations.ListAll(ctx, nil))(t); len(all) != 1 {
		t.Errorf("locations = %d, want 1", len(all))
	}
}

func TestIntegrationRetryAfterHonoured(t *testing.T) {
	t.Parallel()
	clk := newSimClock() // shared: the simulator's window moves when the client waits
	e := newSimEnv(t, panelsim.Options{RateLimitPerMinute: 5, Now: clk.Now}, panel.WithClock(clk),
		panel.WithRetry(panel.RetryPolicy{BaseDelay: 20 * time.Millisecond, MaxDelay: 2 * time.Minute}))
	ctx := e.ctx()

	for range 6 {
		must(e.c.Users.Get(ctx, 1))(t)
	}
	statuses := e.rec.statuses("GET", "/api/application/users/1")
	if !slices.Equal(statuses, []int{200, 200, 200, 200, 200, 429, 200}) {
		t.Fatalf("statuses = %v", statuses)
	}
	var retryAfter string
	for _, ex := range e.rec.exchanges() {
		if ex.Status == http.StatusTooManyRequests {
			retryAfter = ex.RetryAfter
			if wire := wireErrors(t, ex.Body); len(wire) != 1 || wire[0].Code != "ThrottleRequestsException" || wire[0].Detail != "Too Many Attempts." {
				t.Errorf("429 body = %s", ex.Body)
			}
		}
	}
	// The fifth answer said 0 remaining (a 1 s hold); the 429 then said when the window resets,
	// and the client slept exactly that long.
	if retryAfter != "59" {
		t.Errorf("Retry-After = %q, want 59", retryAfter)
	}
	if sleeps := clk.Sleeps(); !slices.Contains(sleeps, 59*time.Second) {
		t.Errorf("sleeps = %v, want one of 59s", sleeps)
	}
	e.wantCounts(map[string]int{route("GET", tUser, 429): 1, route("GET", tUser, 200): 6})
}

func TestIntegrationRetryAfterBeyondMaxDelayIsHandedBack(t *testing.T) {
	t.Parallel()
	clk := newSimClock()
	e := newSimEnv(t, panelsim.Options{RateLimitPerMinute: 5, Now: clk.Now}, panel.WithClock(clk))
	ctx := e.ctx()
	for range 5 {
		must(e.c.Users.Get(ctx, 1))(t)
	}
	// Retry-After (59 s) exceeds MaxDelay (2 s): the error goes back to the caller to requeue.
	_, err := e.c.Users.Get(ctx, 1)
	wantAPIError(t, err, http.StatusTooManyRequests, "ThrottleRequestsException")
	if !panel.IsRateLimited(err) || panel.RetryAfter(err) != 59*time.Second {
		t.Errorf("err = %v, RetryAfter %v", err, panel.RetryAfter(err))
	}
	// Until the window resets, the client holds requests itself instead of sending them.
	_, err = e.c.Users.Get(ctx, 1)
	wantAPIError(t, err, http.StatusTooManyRequests, "ClientSideRateLimitHold")
	if ra := panel.RetryAfter(err); ra <= 0 || ra > 59*time.Second {
		t.Errorf("hold RetryAfter = %v", ra)
	}
	e.wantCounts(map[string]int{route("GET", tUser, 429): 1, route("GET", tUser, 200): 5})
	for _, d := range clk.Sleeps() {
		if d > 2*time.Second {
			t.Errorf("slept %v, more than MaxDelay", d)
		}
	}
	clk.Advance(time.Minute)
	must(e.c.Users.Get(ctx, 1))(t)
}

func TestIntegrationClientLimiterAvoids429(t *testing.T) {
	t.Parallel()
	clk := newSimClock()
	e := newSimEnv(t, panelsim.Options{RateLimitPerMinute: 5, Now: clk.Now}, panel.WithClock(clk), panel.WithRequestsPerMinute(5))
	ctx := e.ctx()
	start := clk.Now()
	for range 16 {
		must(e.c.Users.Get(ctx, 1))(t)
	}
	e.wantCounts(map[string]int{route("GET", tUser, 200): 16, route("GET", tUser, 429): 0})
	// 16 requests at 5 a minute with a burst of 1: three minutes of (simulated) spacing.
	if took := clk.Now().Sub(start); took < 3*time.Minute {
		t.Errorf("16 requests took %v of simulated time", took)
	}
}

func TestIntegrationServerErrorRetriedOnGet(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	e.sim.InjectFault(panelsim.Fault{Method: "GET", Route: tUser, Status: http.StatusServiceUnavailable, Times: 3})
	must(e.c.Users.Get(ctx, 1))(t)
	if got := e.rec.statuses("GET", "/api/application/users/1"); !slices.Equal(got, []int{503, 503, 503, 200}) {
		t.Errorf("statuses = %v", got)
	}
	e.wantCounts(map[string]int{route("GET", tUser, 503): 3, route("GET", tUser, 200): 1})

	// 502 and 504 too; a burst longer than MaxAttempts (4) is returned.
	e.sim.InjectFault(panelsim.Fault{Method: "GET", Route: tUserExternal, Status: http.StatusBadGateway, Times: 5})
	_, err := e.c.Users.GetByExternalID(ctx, "anything")
	wantAPIError(t, err, http.StatusBadGateway, "DaemonConnectionException")
	if !panel.IsServerError(err) {
		t.Errorf("IsServerError(%v) = false", err)
	}
	e.wantCounts(map[string]int{route("GET", tUserExternal, 502): 4})
	// The fifth fault is still armed: the next call uses it up and then gets the real 404.
	_, err = e.c.Users.GetByExternalID(ctx, "anything")
	wantAPIError(t, err, http.StatusNotFound, "NotFoundHttpException")
	e.wantCounts(map[string]int{route("GET", tUserExternal, 502): 5, route("GET", tUserExternal, 404): 1})

	// A 500 is not in the retried set.
	e.sim.InjectFault(panelsim.Fault{Method: "GET", Route: tUser, Status: http.StatusInternalServerError, Times: 1})
	_, err = e.c.Users.Get(ctx, 1)
	wantAPIError(t, err, http.StatusInternalServerError, "")
	e.wantCounts(map[string]int{route("GET", tUser, 500): 1, route("GET", tUser, 200): 1})
}

func TestIntegrationPostNotRetriedOnServerError(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	e.sim.InjectFault(panelsim.Fault{Method: "POST", Route: tUsers, Status: http.StatusServiceUnavailable, Times: 1})
	_, err := e.c.Users.Create(ctx, panel.UserCreateRequest{
		Email: "carol@example.com", Username: "carol", FirstName: "Carol", LastName: "C", ExternalID: "carol",
	})
	wantAPIError(t, err, http.StatusServiceUnavailable, "")
	if got := e.countsMatching("POST " + tUsers + " "); got != 1 {
		t.Errorf("POST /users reached the simulator %d times, want 1", got)
	}
	e.wantCounts(map[string]int{route("POST", tUsers, 503): 1, route("POST", tUsers, 201): 0})
	if _, err := e.c.Users.GetByExternalID(ctx, "carol"); !panel.IsNotFound(err) {
		t.Errorf("user after a 503: %v", err)
	}

	// The same for a server action.
	w := e.makeWorld("post5xx")
	s := must(e.c.Servers.Create(ctx, w.serverRequest("srv", 25565)))(t)
	e.sim.InjectFault(panelsim.Fault{Method: "POST", Route: tServer + "/reinstall", Status: http.StatusBadGateway, Times: 1})
	err = e.c.Servers.Reinstall(ctx, s.ID)
	wantAPIError(t, err, http.StatusBadGateway, "")
	e.wantCounts(map[string]int{route("POST", tServer+"/reinstall", 502): 1, route("POST", tServer+"/reinstall", 204): 0})
}

func TestIntegrationDropAfterCommitOnCreate(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	e.sim.InjectFault(panelsim.Fault{Method: "POST", Route: tUsers, DropAfterCommit: true, Times: 1})

	req := panel.UserCreateRequest{Email: "dave@example.com", Username: "dave", FirstName: "Dave", LastName: "D", ExternalID: "dave-1"}
	u, err := e.c.Users.Create(ctx, req)
	if err == nil {
		t.Fatalf("Create returned %+v, want an error", u)
	}
	if _, isAPI := panel.AsAPIError(err); isAPI {
		t.Errorf("a dropped connection became an *APIError: %v", err)
	}
	// Exactly one POST, answered by nobody.
	e.wantCounts(map[string]int{route("POST", tUsers, 0): 1, route("POST", tUsers, 201): 0})
	if got := e.countsMatching("POST " + tUsers + " "); got != 1 {
		t.Errorf("POST /users reached the simulator %d times", got)
	}

	// The create happened once: find it by external id before creating again.
	found := must(e.c.Users.GetByExternalID(ctx, "dave-1"))(t)
	if found.Email != "dave@example.com" {
		t.Errorf("found %+v", found)
	}
	matches := must(e.c.Users.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"external_id": "dave-1"}}))(t)
	if len(matches) != 1 {
		t.Errorf("%d users with external id dave-1", len(matches))
	}
	// Creating blindly again would be refused as a duplicate.
	_, err = e.c.Users.Create(ctx, req)
	if it := apiErrorItem(t, err, "email"); it.Rule != "unique" {
		t.Errorf("second create: %v", err)
	}
}

func TestIntegrationDropAfterCommitOnPatchIsRetried(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{})
	ctx := e.ctx()
	loc := e.makeLocation("drop")
	e.sim.InjectFault(panelsim.Fault{Method: "PATCH", Route: "/api/application/locations/{location}", DropAfterCommit: true, Times: 1})
	req := panel.LocationRequestFrom(loc)
	req.Long = "patched"
	upd := must(e.c.Locations.Update(ctx, loc.ID, req))(t)
	if upd.Long != "patched" {
		t.Errorf("update = %+v", upd)
	}
	// A PATCH replaces state, so the client sends it again after the lost answer.
	e.wantCounts(map[string]int{
		route("PATCH", "/api/application/locations/{location}", 0):   1,
		route("PATCH", "/api/application/locations/{location}", 200): 1,
	})
}

func TestIntegrationLatencyBeyondTimeoutIsRetried(t *testing.T) {
	t.Parallel()
	e := newSimEnv(t, panelsim.Options{}, panel.WithTimeout(500*time.Millisecond))
	ctx := e.ctx()
	e.sim.InjectFault(panelsim.Fault{Method: "GET", Route: tUser, Latency: time.Minute, Times: 1})
	start := time.Now()
	must(e.c.Users.Get(ctx, 1))(t)
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("took %v: the slow attempt was not cut off", took)
	}
	// The first attempt timed out on the client's side and was sent again (a GET is idempotent).
	// The simulator's Counts cannot show this: it counts the abandoned request as a 200.
	ex := e.rec.exchanges()
	if len(ex) < 2 || ex[0].Err == nil || !errors.Is(ex[0].Err, context.DeadlineExceeded) || ex[len(ex)-1].Status != http.StatusOK {
		t.Errorf("exchanges = %+v", ex)
	}
}
