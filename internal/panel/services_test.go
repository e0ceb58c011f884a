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

package panel

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// methodCase describes one service method: the exact request it must send and a realistic answer
// whose decoding check verifies.
type methodCase struct {
	name   string
	run    func(ctx context.Context, c *Client) (any, error)
	method string
	path   string
	query  url.Values
	body   string // expected JSON body; "" means none
	client bool   // uses the client key
	status int
	resp   string
	check  func(t *testing.T, got any)
}

func TestEveryMethodSendsTheExactRequest(t *testing.T) {
	cases := []methodCase{
		// Users.
		{
			name: "Users.List",
			run: func(ctx context.Context, c *Client) (any, error) {
				v, p, err := c.Users.List(ctx, &ListOptions{Page: 2, PerPage: 10, Filters: map[string]string{"email": "alice@example.com"}, Include: []string{"servers"}, Sort: "-id", Extra: url.Values{"x": {"1"}}})
				return []any{v, p}, err
			},
			method: "GET", path: "/api/application/users",
			query: url.Values{"page": {"2"}, "per_page": {"10"}, "filter[email]": {"alice@example.com"}, "include": {"servers"}, "sort": {"-id"}, "x": {"1"}},
			resp:  listJSON("user", []string{userAttrs}, 2, 10, 11),
			check: func(t *testing.T, got any) {
				r := got.([]any)
				users, p := r[0].([]User), r[1].(*Pagination)
				if len(users) != 1 || users[0].Username != "alice" || !users[0].TwoFactor || users[0].ExternalID != "team-a" {
					t.Fatalf("users = %+v", users)
				}
				if p.Total != 11 || p.CurrentPage != 2 || p.TotalPages != 2 || p.HasNext() || p.Links.Next != "" {
					t.Fatalf("pagination = %+v", p)
				}
			},
		},
		{
			name:   "Users.Get",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Users.Get(ctx, 7, "servers") },
			method: "GET", path: "/api/application/users/7", query: url.Values{"include": {"servers"}},
			resp: `{"object":"user","attributes":` + userAttrs[:len(userAttrs)-1] + `,"relationships":{"servers":{"object":"list","data":[{"object":"server","attributes":` + serverAttrs(42) + `}]}}}}`,
			check: func(t *testing.T, got any) {
				u := got.(*User)
				if u.ID != 7 || u.Email != "alice@example.com" || u.FirstName != "Alice" || u.LastName != "Liddell" || u.Language != "en" || u.UUID == "" || u.CreatedAt.Time().Year() != 2024 {
					t.Fatalf("user = %+v", u)
				}
				if len(u.Relationships.Servers) != 1 || u.Relationships.Servers[0].ID != 42 {
					t.Fatalf("servers include = %+v", u.Relationships.Servers)
				}
			},
		},
		{
			name:   "Users.GetByExternalID",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Users.GetByExternalID(ctx, "team a/1") },
			method: "GET", path: "/api/application/users/external/team%20a%2F1",
			resp:  userJSON,
			check: func(t *testing.T, got any) { wantID(t, got.(*User).ID, 7) },
		},
		{
			name: "Users.Create",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Users.Create(ctx, UserCreateRequest{Email: "alice@example.com", Username: "alice", FirstName: "Alice", LastName: "Liddell", ExternalID: "team-a"})
			},
			method: "POST", path: "/api/application/users",
			body:   `{"email":"alice@example.com","username":"alice","first_name":"Alice","last_name":"Liddell","external_id":"team-a","root_admin":false}`,
			status: 201, resp: userJSON,
			check: func(t *testing.T, got any) { wantID(t, got.(*User).ID, 7) },
		},
		{
			name: "Users.Update",
			run: func(ctx context.Context, c *Client) (any, error) {
				req := UserUpdateRequest{Email: "a@example.com", Username: "alice", FirstName: "A", LastName: "L", Password: ptr("new password")}
				return c.Users.Update(ctx, 7, req)
			},
			method: "PATCH", path: "/api/application/users/7",
			body: `{"email":"a@example.com","username":"alice","first_name":"A","last_name":"L","password":"new password"}`,
			resp: userJSON, check: func(t *testing.T, got any) { wantID(t, got.(*User).ID, 7) },
		},
		{
			name:   "Users.Delete",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Users.Delete(ctx, 7) },
			method: "DELETE", path: "/api/application/users/7", status: 204,
		},

		// Locations.
		{
			name: "Locations.List",
			run: func(ctx context.Context, c *Client) (any, error) {
				v, _, err := c.Locations.List(ctx, &ListOptions{Filters: map[string]string{"short": "eu"}, Include: []string{"nodes", "servers"}})
				return v, err
			},
			method: "GET", path: "/api/application/locations",
			query: url.Values{"filter[short]": {"eu"}, "include": {"nodes,servers"}},
			resp:  `{"object":"list","data":[{"object":"location","attributes":` + locationAttrs[:len(locationAttrs)-1] + `,"relationships":{"nodes":{"object":"list","data":[{"object":"node","attributes":` + nodeAttrs + `}]},"servers":{"object":"list","data":[]}}}}],"meta":{"pagination":{"total":1,"count":1,"per_page":50,"current_page":1,"total_pages":1,"links":[]}}}`,
			check: func(t *testing.T, got any) {
				l := got.([]Location)
				if len(l) != 1 || l[0].Short != "eu-west" || l[0].Long != "Amsterdam" || len(l[0].Relationships.Nodes) != 1 || l[0].Relationships.Nodes[0].FQDN != "node1.example.com" {
					t.Fatalf("locations = %+v", l)
				}
			},
		},
		{
			name:   "Locations.Get",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Locations.Get(ctx, 3) },
			method: "GET", path: "/api/application/locations/3", resp: locationJSON,
			check: func(t *testing.T, got any) { wantID(t, got.(*Location).ID, 3) },
		},
		{
			name: "Locations.Create",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Locations.Create(ctx, LocationRequest{Short: "eu-west", Long: "Amsterdam"})
			},
			method: "POST", path: "/api/application/locations", body: `{"short":"eu-west","long":"Amsterdam"}`,
			status: 201, resp: locationJSON,
			check: func(t *testing.T, got any) { wantID(t, got.(*Location).ID, 3) },
		},
		{
			name: "Locations.Update",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Locations.Update(ctx, 3, LocationRequest{Short: "eu-west", Long: "AMS"})
			},
			method: "PATCH", path: "/api/application/locations/3", body: `{"short":"eu-west","long":"AMS"}`,
			resp: locationJSON, check: func(t *testing.T, got any) { wantID(t, got.(*Location).ID, 3) },
		},
		{
			name:   "Locations.Delete",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Locations.Delete(ctx, 3) },
			method: "DELETE", path: "/api/application/locations/3", status: 204,
		},

		// Nodes.
		{
			name: "Nodes.List",
			run: func(ctx context.Context, c *Client) (any, error) {
				v, _, err := c.Nodes.List(ctx, &ListOptions{Sort: "memory", Include: []string{"location"}})
				return v, err
			},
			method: "GET", path: "/api/application/nodes", query: url.Values{"sort": {"memory"}, "include": {"location"}},
			resp: listJSON("node", []string{nodeAttrs[:len(nodeAttrs)-1] + `,"relationships":{"location":{"object":"location","attributes":` + locationAttrs + `}}}`}, 1, 50, 1),
			check: func(t *testing.T, got any) {
				n := got.([]Node)
				if len(n) != 1 || n[0].Relationships.Location == nil || n[0].Relationships.Location.Short != "eu-west" {
					t.Fatalf("nodes = %+v", n)
				}
			},
		},
		{
			name:   "Nodes.Get",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Nodes.Get(ctx, 2) },
			method: "GET", path: "/api/application/nodes/2", resp: nodeJSON,
			check: func(t *testing.T, got any) {
				n := got.(*Node)
				want := Node{ID: 2, UUID: "2b9c1a0e-1d3e-4d4b-9a8e-8b3c1e7d1f00", Public: true, Name: "node-1", LocationID: 3, FQDN: "node1.example.com", Scheme: "https", Memory: 16384, Disk: 102400, DiskOverallocate: -1, UploadSize: 100, DaemonListen: 8080, DaemonSFTP: 2022, DaemonBase: "/srv/volumes", AllocatedResources: &AllocatedResources{Memory: 4096, Disk: 20480}}
				want.CreatedAt, want.UpdatedAt = n.CreatedAt, n.UpdatedAt
				if !reflect.DeepEqual(*n, want) {
					t.Fatalf("node\n got %+v\nwant %+v", *n, want)
				}
			},
		},
		{
			name:   "Nodes.Configuration",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Nodes.Configuration(ctx, 2) },
			method: "GET", path: "/api/application/nodes/2/configuration", resp: nodeConfigurationJSON,
			check: func(t *testing.T, got any) {
				cfg := got.(*NodeConfiguration)
				if cfg.Token != "node-secret-token" || cfg.TokenID != "AbCdEfGhIjKlMnOp" || cfg.API.Port != 8080 || !cfg.API.SSL.Enabled || cfg.System.SFTP.BindPort != 2022 || cfg.Remote != "https://panel.example.com" || cfg.System.Data != "/srv/volumes" {
					t.Fatalf("configuration = %+v", cfg)
				}
			},
		},
		{
			name: "Nodes.Deployable",
			run: func(ctx context.Context, c *Client) (any, error) {
				v, p, err := c.Nodes.Deployable(ctx, DeployableOptions{Memory: 1024, Disk: 2048, LocationIDs: []int{1, 3}})
				return []any{v, p}, err
			},
			method: "GET", path: "/api/application/nodes/deployable",
			query: url.Values{"memory": {"1024"}, "disk": {"2048"}, "location_ids[]": {"1", "3"}},
			resp:  bareListJSON("node", nodeAttrs),
			check: func(t *testing.T, got any) {
				r := got.([]any)
				if n := r[0].([]Node); len(n) != 1 || n[0].ID != 2 {
					t.Fatalf("nodes = %+v", n)
				}
				if p := r[1].(*Pagination); p != nil {
					t.Fatalf("pagination = %+v, want nil for the unpaginated form", p)
				}
			},
		},
		{
			name: "Nodes.Create",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Nodes.Create(ctx, NodeRequest{Name: "node-1", LocationID: 3, FQDN: "node1.example.com", Scheme: "https", Memory: 16384, Disk: 102400, DiskOverallocate: -1, DaemonListen: 8080, DaemonSFTP: 2022})
			},
			method: "POST", path: "/api/application/nodes",
			body:   `{"name":"node-1","location_id":3,"fqdn":"node1.example.com","scheme":"https","behind_proxy":false,"maintenance_mode":false,"memory":16384,"memory_overallocate":0,"disk":102400,"disk_overallocate":-1,"daemon_listen":8080,"daemon_sftp":2022}`,
			status: 201, resp: nodeJSON, check: func(t *testing.T, got any) { wantID(t, got.(*Node).ID, 2) },
		},
		{
			name: "Nodes.Update",
			run: func(ctx context.Context, c *Client) (any, error) {
				var n Node
				decodeInto(t, nodeJSON, &n)
				req := NodeRequestFrom(&n)
				req.MaintenanceMode = true
				return c.Nodes.Update(ctx, 2, req)
			},
			method: "PATCH", path: "/api/application/nodes/2",
			body: `{"name":"node-1","location_id":3,"fqdn":"node1.example.com","scheme":"https","behind_proxy":false,"maintenance_mode":true,"public":true,"memory":16384,"memory_overallocate":0,"disk":102400,"disk_overallocate":-1,"upload_size":100,"daemon_listen":8080,"daemon_sftp":2022,"daemon_base":"/srv/volumes"}`,
			resp: nodeJSON, check: func(t *testing.T, got any) { wantID(t, got.(*Node).ID, 2) },
		},
		{
			name:   "Nodes.Delete",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Nodes.Delete(ctx, 2) },
			method: "DELETE", path: "/api/application/nodes/2", status: 204,
		},

		// Allocations.
		{
			name: "Allocations.List",
			run: func(ctx context.Context, c *Client) (any, error) {
				v, _, err := c.Allocations.List(ctx, 2, &ListOptions{Filters: map[string]string{"server_id": "0"}, PerPage: 100})
				return v, err
			},
			method: "GET", path: "/api/application/nodes/2/allocations",
			query: url.Values{"filter[server_id]": {"0"}, "per_page": {"100"}},
			resp:  listJSON("allocation", []string{allocationAttrs, `{"id":12,"ip":"10.0.0.5","alias":null,"port":25566,"notes":null,"assigned":false}`}, 1, 100, 2),
			check: func(t *testing.T, got any) {
				a := got.([]Allocation)
				if len(a) != 2 || a[0].Alias == nil || *a[0].Alias != "play.example.com" || !a[0].Assigned || a[1].Alias != nil || a[1].Port != 25566 || a[1].Assigned {
					t.Fatalf("allocations = %+v", a)
				}
			},
		},
		{
			name: "Allocations.Create",
			run: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.Allocations.Create(ctx, 2, AllocationCreateRequest{IP: "10.0.0.5", Alias: "play.example.com", Ports: []string{"25565", "25570-25580"}})
			},
			method: "POST", path: "/api/application/nodes/2/allocations",
			body:   `{"ip":"10.0.0.5","alias":"play.example.com","ports":["25565","25570-25580"]}`,
			status: 204,
		},
		{
			name:   "Allocations.Delete",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Allocations.Delete(ctx, 2, 11) },
			method: "DELETE", path: "/api/application/nodes/2/allocations/11", status: 204,
		},

		// Nests and eggs.
		{
			name: "Nests.List",
			run: func(ctx context.Context, c *Client) (any, error) {
				v, _, err := c.Nests.List(ctx, &ListOptions{Include: []string{"eggs"}})
				return v, err
			},
			method: "GET", path: "/api/application/nests", query: url.Values{"include": {"eggs"}},
			resp: listJSON("nest", []string{nestAttrs[:len(nestAttrs)-1] + `,"relationships":{"eggs":{"object":"list","data":[{"object":"egg","attributes":` + eggAttrs + `}]}}}`}, 1, 50, 1),
			check: func(t *testing.T, got any) {
				n := got.([]Nest)
				if len(n) != 1 || n[0].Name != "Minecraft" || len(n[0].Relationships.Eggs) != 1 || n[0].Relationships.Eggs[0].Name != "Paper" {
					t.Fatalf("nests = %+v", n)
				}
			},
		},
		{
			name:   "Nests.Get",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Nests.Get(ctx, 1) },
			method: "GET", path: "/api/application/nests/1", resp: `{"object":"nest","attributes":` + nestAttrs + `}`,
			check: func(t *testing.T, got any) {
				n := got.(*Nest)
				if n.ID != 1 || n.Author != "support@pterodactyl.io" || n.UUID == "" {
					t.Fatalf("nest = %+v", n)
				}
			},
		},
		{
			name:   "Eggs.List",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Eggs.List(ctx, 1, "variables") },
			method: "GET", path: "/api/application/nests/1/eggs", query: url.Values{"include": {"variables"}},
			resp: bareListJSON("egg", eggAttrs),
			check: func(t *testing.T, got any) {
				e := got.([]Egg)
				if len(e) != 1 || len(e[0].Relationships.Variables) != 1 || e[0].Relationships.Variables[0].EnvVariable != "SERVER_JARFILE" {
					t.Fatalf("eggs = %+v", e)
				}
			},
		},
		{
			name:   "Eggs.Get",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Eggs.Get(ctx, 1, 5, "variables") },
			method: "GET", path: "/api/application/nests/1/eggs/5", query: url.Values{"include": {"variables"}},
			resp: `{"object":"egg","attributes":` + eggAttrs + `}`,
			check: func(t *testing.T, got any) {
				e := got.(*Egg)
				if e.ID != 5 || e.Nest != 1 || e.DockerImages["Java 17"] != "ghcr.io/pterodactyl/yolks:java_17" || len(e.DockerImages) != 2 {
					t.Fatalf("egg = %+v", e)
				}
				if e.Config.Stop != "stop" || len(e.Config.Files) == 0 || e.Config.Extends != nil || !e.Script.Privileged || e.Script.Entry != "ash" {
					t.Fatalf("egg config/script = %+v %+v", e.Config, e.Script)
				}
				v := e.Relationships.Variables[0]
				if v.DefaultValue != "server.jar" || !bool(v.UserEditable) || v.Rules == "" || v.CreatedAt.Time().IsZero() || v.EggID != 5 {
					t.Fatalf("variable = %+v", v)
				}
			},
		},

		// Servers.
		{
			name: "Servers.List",
			run: func(ctx context.Context, c *Client) (any, error) {
				v, _, err := c.Servers.List(ctx, &ListOptions{Filters: map[string]string{"external_id": "game-42"}, Include: []string{"allocations", "variables"}})
				return v, err
			},
			method: "GET", path: "/api/application/servers",
			query: url.Values{"filter[external_id]": {"game-42"}, "include": {"allocations,variables"}},
			resp:  listJSON("server", []string{serverAttrs(42)}, 1, 50, 1),
			check: func(t *testing.T, got any) { checkFullServer(t, &got.([]Server)[0]) },
		},
		{
			name: "Servers.Get",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Servers.Get(ctx, 42, "allocations", "user")
			},
			method: "GET", path: "/api/application/servers/42", query: url.Values{"include": {"allocations,user"}},
			resp: serverJSON(42), check: func(t *testing.T, got any) { checkFullServer(t, got.(*Server)) },
		},
		{
			name:   "Servers.GetByExternalID",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Servers.GetByExternalID(ctx, "game-42") },
			method: "GET", path: "/api/application/servers/external/game-42",
			resp: serverJSON(42), check: func(t *testing.T, got any) { wantID(t, got.(*Server).ID, 42) },
		},
		{
			name: "Servers.Create/allocation",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Servers.Create(ctx, ServerCreateRequest{
					Name: "Survival", User: 7, Egg: 5, DockerImage: "ghcr.io/pterodactyl/yolks:java_17", Startup: "java -jar {{SERVER_JARFILE}}",
					Environment: map[string]string{"SERVER_JARFILE": "server.jar"}, ExternalID: "game-42",
					Limits:        CreateLimits{BuildLimits: BuildLimits{Memory: 4096, Disk: 20480, IO: 500, CPU: 200}, Threads: ptr("0-3")},
					FeatureLimits: FeatureLimits{Databases: ptr(2), Backups: nil},
					OOMDisabled:   ptr(false), StartOnCompletion: true,
					Allocation: &AllocationSpec{Default: 11, Additional: []int{12}},
				})
			},
			method: "POST", path: "/api/application/servers",
			body:   `{"name":"Survival","user":7,"egg":5,"docker_image":"ghcr.io/pterodactyl/yolks:java_17","startup":"java -jar {{SERVER_JARFILE}}","environment":{"SERVER_JARFILE":"server.jar"},"external_id":"game-42","limits":{"memory":4096,"swap":0,"disk":20480,"io":500,"cpu":200,"threads":"0-3"},"feature_limits":{"databases":2,"allocations":null,"backups":null},"oom_disabled":false,"skip_scripts":false,"start_on_completion":true,"allocation":{"default":11,"additional":[12]}}`,
			status: 201, resp: serverBare,
			check: func(t *testing.T, got any) {
				s := got.(*Server)
				if s.ID != 42 || !s.IsInstalling() || bool(s.Container.Installed) || s.ExternalID != "" || s.Limits.Threads != nil {
					t.Fatalf("server = %+v", s)
				}
				if s.Container.Environment["P_SERVER_ALLOCATION_LIMIT"] != "0" {
					t.Fatalf("numeric environment value = %q", s.Container.Environment["P_SERVER_ALLOCATION_LIMIT"])
				}
			},
		},
		{
			name: "Servers.Create/deploy",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Servers.Create(ctx, ServerCreateRequest{
					Name: "Survival", User: 7, Egg: 5, DockerImage: "img", Startup: "run",
					Limits: CreateLimits{BuildLimits: BuildLimits{Memory: 1024, Swap: -1, IO: 500}}, FeatureLimits: FeatureLimits{Databases: ptr(0), Backups: ptr(1)},
					Deploy: &DeploySpec{Locations: []int{3}, DedicatedIP: true},
				})
			},
			method: "POST", path: "/api/application/servers",
			body:   `{"name":"Survival","user":7,"egg":5,"docker_image":"img","startup":"run","environment":{},"limits":{"memory":1024,"swap":-1,"disk":0,"io":500,"cpu":0},"feature_limits":{"databases":0,"allocations":null,"backups":1},"skip_scripts":false,"start_on_completion":false,"deploy":{"locations":[3],"dedicated_ip":true,"port_range":[]}}`,
			status: 201, resp: serverBare,
			check: func(t *testing.T, got any) { wantID(t, got.(*Server).ID, 42) },
		},
		{
			name: "Servers.UpdateDetails",
			run: func(ctx context.Context, c *Client) (any, error) {
				var s Server
				decodeInto(t, serverJSON(42), &s)
				req := DetailsRequestFrom(&s)
				req.Name = "Creative"
				return c.Servers.UpdateDetails(ctx, 42, req)
			},
			method: "PATCH", path: "/api/application/servers/42/details",
			body: `{"name":"Creative","user":7,"external_id":"game-42","description":"Main world"}`,
			resp: serverJSON(42), check: func(t *testing.T, got any) { wantID(t, got.(*Server).ID, 42) },
		},
		{
			name: "Servers.UpdateBuild",
			run: func(ctx context.Context, c *Client) (any, error) {
				var s Server
				decodeInto(t, serverJSON(42), &s)
				req := BuildRequestFrom(&s)
				req.Limits.Memory = 8192
				req.AddAllocations = []int{13}
				return c.Servers.UpdateBuild(ctx, 42, req)
			},
			method: "PATCH", path: "/api/application/servers/42/build",
			body: `{"allocation":11,"oom_disabled":true,"threads":"0-3","limits":{"memory":8192,"swap":0,"disk":20480,"io":500,"cpu":200},"feature_limits":{"databases":2,"allocations":3,"backups":null},"add_allocations":[13]}`,
			resp: serverJSON(42), check: func(t *testing.T, got any) { wantID(t, got.(*Server).ID, 42) },
		},
		{
			name: "Servers.UpdateStartup",
			run: func(ctx context.Context, c *Client) (any, error) {
				var s Server
				decodeInto(t, serverJSON(42), &s)
				req := StartupRequestFrom(&s, nil)
				req.Environment["BUILD_NUMBER"] = "123"
				return c.Servers.UpdateStartup(ctx, 42, req)
			},
			method: "PATCH", path: "/api/application/servers/42/startup",
			body: `{"startup":"java -Xms128M -jar {{SERVER_JARFILE}}","environment":{"SERVER_JARFILE":"paper.jar","BUILD_NUMBER":"123"},"egg":5,"image":"ghcr.io/pterodactyl/yolks:java_17","skip_scripts":false}`,
			resp: serverJSON(42), check: func(t *testing.T, got any) { wantID(t, got.(*Server).ID, 42) },
		},
		{
			name:   "Servers.Suspend",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Servers.Suspend(ctx, 42) },
			method: "POST", path: "/api/application/servers/42/suspend", status: 204,
		},
		{
			name:   "Servers.Unsuspend",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Servers.Unsuspend(ctx, 42) },
			method: "POST", path: "/api/application/servers/42/unsuspend", status: 204,
		},
		{
			name:   "Servers.Reinstall",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Servers.Reinstall(ctx, 42) },
			method: "POST", path: "/api/application/servers/42/reinstall", status: 204,
		},
		{
			name:   "Servers.Delete",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Servers.Delete(ctx, 42) },
			method: "DELETE", path: "/api/application/servers/42", status: 204,
		},
		{
			name:   "Servers.ForceDelete",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Servers.ForceDelete(ctx, 42) },
			method: "DELETE", path: "/api/application/servers/42/force", status: 204,
		},

		// Databases.
		{
			name: "Databases.List",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Databases.List(ctx, 42, "password", "host")
			},
			method: "GET", path: "/api/application/servers/42/databases", query: url.Values{"include": {"password,host"}},
			resp: bareListJSON("server_database", databaseAttrs),
			check: func(t *testing.T, got any) {
				d := got.([]ServerDatabase)
				if len(d) != 1 || d[0].Relationships.Password == nil || d[0].Relationships.Password.Password != "s3cr3t-pw" || d[0].Relationships.Host == nil || d[0].Relationships.Host.Port != 3306 {
					t.Fatalf("databases = %+v", d)
				}
			},
		},
		{
			name:   "Databases.Get",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.Databases.Get(ctx, 42, 4, "password") },
			method: "GET", path: "/api/application/servers/42/databases/4", query: url.Values{"include": {"password"}},
			resp: `{"object":"server_database","attributes":` + databaseAttrs + `}`,
			check: func(t *testing.T, got any) {
				d := got.(*ServerDatabase)
				if d.ID != 4 || d.Server != 42 || d.Database != "s42_main" || d.Remote != "%" || d.MaxConnections == nil || d.Username != "u42_AbCdEf" {
					t.Fatalf("database = %+v", d)
				}
			},
		},
		{
			name: "Databases.Create",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.Databases.Create(ctx, 42, DatabaseCreateRequest{Database: "main", Remote: "%", Host: 1})
			},
			method: "POST", path: "/api/application/servers/42/databases", body: `{"database":"main","remote":"%","host":1}`,
			status: 201, resp: `{"object":"server_database","attributes":` + databaseAttrs + `,"meta":{"resource":"https://panel.example.com/api/application/servers/42/databases/4"}}`,
			check: func(t *testing.T, got any) { wantID(t, got.(*ServerDatabase).ID, 4) },
		},
		{
			name:   "Databases.ResetPassword",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Databases.ResetPassword(ctx, 42, 4) },
			method: "POST", path: "/api/application/servers/42/databases/4/reset-password", status: 204,
		},
		{
			name:   "Databases.Delete",
			run:    func(ctx context.Context, c *Client) (any, error) { return nil, c.Databases.Delete(ctx, 42, 4) },
			method: "DELETE", path: "/api/application/servers/42/databases/4", status: 204,
		},

		// Client API.
		{
			name:   "ClientAPI.GetServer",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.ClientAPI.GetServer(ctx, "d3aac109") },
			method: "GET", path: "/api/client/servers/d3aac109", client: true, resp: clientServerJSON,
			check: func(t *testing.T, got any) {
				s := got.(*ClientServer)
				if s.InternalID != 42 || s.Identifier != "d3aac109" || s.SFTPDetails.Port != 2022 || s.Node != "node-1" || len(s.EggFeatures) != 2 || *s.FeatureLimits.Backups != 1 {
					t.Fatalf("client server = %+v", s)
				}
				if a := s.Relationships.Allocations; len(a) != 1 || !a[0].IsDefault {
					t.Fatalf("allocations = %+v", a)
				}
				if v := s.Relationships.Variables; len(v) != 1 || v[0].ServerValue != "paper.jar" || !v[0].IsEditable {
					t.Fatalf("variables = %+v", v)
				}
			},
		},
		{
			name: "ClientAPI.SendPowerSignal",
			run: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.ClientAPI.SendPowerSignal(ctx, "d3aac109", PowerRestart)
			},
			method: "POST", path: "/api/client/servers/d3aac109/power", client: true, body: `{"signal":"restart"}`, status: 204,
		},
		{
			name:   "ClientAPI.Resources",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.ClientAPI.Resources(ctx, "d3aac109") },
			method: "GET", path: "/api/client/servers/d3aac109/resources", client: true, resp: resourcesJSON,
			check: func(t *testing.T, got any) {
				r := got.(*ServerResources)
				want := ServerResources{CurrentState: StateRunning, Resources: ResourceUsage{MemoryBytes: 1 << 30, CPUAbsolute: 37.5, DiskBytes: 524288000, NetworkRxBytes: 1024, NetworkTxBytes: 2048, Uptime: 3600000}}
				if *r != want {
					t.Fatalf("resources = %+v", r)
				}
			},
		},
		{
			name:   "ClientAPI.Websocket",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.ClientAPI.Websocket(ctx, "d3aac109") },
			method: "GET", path: "/api/client/servers/d3aac109/websocket", client: true, resp: websocketJSON,
			check: func(t *testing.T, got any) {
				w := got.(*WebsocketCredentials)
				if w.Token == "" || w.Socket != "wss://node1.example.com:8080/api/servers/d3aac109-e5e0-4331-b03e-3454f7e136dc/ws" {
					t.Fatalf("websocket = %+v", w)
				}
			},
		},
		{
			name: "ClientAPI.ListBackups",
			run: func(ctx context.Context, c *Client) (any, error) {
				v, _, err := c.ClientAPI.ListBackups(ctx, "d3aac109", &ListOptions{Page: 2, PerPage: 50})
				return v, err
			},
			method: "GET", path: "/api/client/servers/d3aac109/backups", client: true,
			query: url.Values{"page": {"2"}, "per_page": {"50"}}, resp: listJSON("backup", []string{backupAttrs}, 2, 50, 51),
			check: func(t *testing.T, got any) {
				b := got.([]Backup)
				if len(b) != 1 || b[0].InProgress() || b[0].Failed() || *b[0].Checksum != "sha1:2fd4e1c67a2d28fced849ee1bb76e7391b93eb12" || b[0].Bytes != 1<<20 {
					t.Fatalf("backups = %+v", b)
				}
			},
		},
		{
			name: "ClientAPI.CreateBackup",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.ClientAPI.CreateBackup(ctx, "d3aac109", BackupCreateRequest{Name: "nightly", Ignored: []string{"logs", "*.tmp"}, Locked: true})
			},
			method: "POST", path: "/api/client/servers/d3aac109/backups", client: true,
			body: `{"name":"nightly","ignored":"logs\n*.tmp","is_locked":true}`, resp: `{"object":"backup","attributes":` + backupAttrs + `}`,
		},
		{
			name: "ClientAPI.BackupDownloadURL",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.ClientAPI.BackupDownloadURL(ctx, "d3aac109", "0f4e2c5a")
			},
			method: "GET", path: "/api/client/servers/d3aac109/backups/0f4e2c5a/download", client: true,
			resp: `{"object":"signed_url","attributes":{"url":"https://node1.example.com:8080/download/backup?token=t"}}`,
			check: func(t *testing.T, got any) {
				if got != "https://node1.example.com:8080/download/backup?token=t" {
					t.Fatalf("url = %v", got)
				}
			},
		},
		{
			name: "ClientAPI.RestoreBackup",
			run: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.ClientAPI.RestoreBackup(ctx, "d3aac109", "0f4e2c5a", true)
			},
			method: "POST", path: "/api/client/servers/d3aac109/backups/0f4e2c5a/restore", client: true, body: `{"truncate":true}`, status: 204,
		},
		{
			name: "ClientAPI.ToggleBackupLock",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.ClientAPI.ToggleBackupLock(ctx, "d3aac109", "0f4e2c5a")
			},
			method: "POST", path: "/api/client/servers/d3aac109/backups/0f4e2c5a/lock", client: true, resp: `{"object":"backup","attributes":` + backupAttrs + `}`,
		},
		{
			name: "ClientAPI.DeleteBackup",
			run: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.ClientAPI.DeleteBackup(ctx, "d3aac109", "0f4e2c5a")
			},
			method: "DELETE", path: "/api/client/servers/d3aac109/backups/0f4e2c5a", client: true, status: 204,
		},
		{
			name: "ClientAPI.ListSchedules",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.ClientAPI.ListSchedules(ctx, "d3aac109")
			},
			method: "GET", path: "/api/client/servers/d3aac109/schedules", client: true, resp: bareListJSON("server_schedule", scheduleAttrs),
			check: func(t *testing.T, got any) {
				s := got.([]Schedule)
				if len(s) != 1 || s[0].Cron.Minute != "30" || s[0].NextRunAt == nil || s[0].LastRunAt != nil {
					t.Fatalf("schedules = %+v", s)
				}
				if tasks := s[0].Relationships.Tasks; len(tasks) != 1 || tasks[0].Action != TaskPower || tasks[0].TimeOffset != 30 || !tasks[0].ContinueOnFailure {
					t.Fatalf("tasks = %+v", tasks)
				}
			},
		},
		{
			name: "ClientAPI.UpdateSchedule",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.ClientAPI.UpdateSchedule(ctx, "d3aac109", 3, ScheduleRequest{Name: "nightly", Minute: "30", Hour: "4",
					DayOfMonth: "*", Month: "*", DayOfWeek: "*", IsActive: true})
			},
			method: "POST", path: "/api/client/servers/d3aac109/schedules/3", client: true,
			body: `{"name":"nightly","minute":"30","hour":"4","day_of_month":"*","month":"*","day_of_week":"*","is_active":true,"only_when_online":false}`,
			resp: `{"object":"server_schedule","attributes":` + scheduleAttrs + `}`,
		},
		{
			name: "ClientAPI.ExecuteSchedule",
			run: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.ClientAPI.ExecuteSchedule(ctx, "d3aac109", 3)
			},
			method: "POST", path: "/api/client/servers/d3aac109/schedules/3/execute", client: true, status: 202, resp: `[]`,
		},
		{
			name: "ClientAPI.CreateTask",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.ClientAPI.CreateTask(ctx, "d3aac109", 3, TaskRequest{Action: TaskBackup, TimeOffset: 0})
			},
			method: "POST", path: "/api/client/servers/d3aac109/schedules/3/tasks", client: true,
			body: `{"action":"backup","payload":"","time_offset":0,"continue_on_failure":false}`, resp: `{"object":"schedule_task","attributes":` + taskAttrs + `}`,
		},
		{
			name: "ClientAPI.DeleteTask",
			run: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.ClientAPI.DeleteTask(ctx, "d3aac109", 3, 9)
			},
			method: "DELETE", path: "/api/client/servers/d3aac109/schedules/3/tasks/9", client: true, status: 204,
		},
		{
			name: "ClientAPI.CreateSubuser",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.ClientAPI.CreateSubuser(ctx, "d3aac109", "alice@example.com", []string{"control.console", "control.console"})
			},
			method: "POST", path: "/api/client/servers/d3aac109/users", client: true,
			body: `{"email":"alice@example.com","permissions":["control.console"]}`, resp: `{"object":"server_subuser","attributes":` + clientSubuserAttrs + `}`,
			check: func(t *testing.T, got any) {
				if s := got.(*ClientSubuser); s.Username != "alice" || len(s.Permissions) != 2 {
					t.Fatalf("subuser = %+v", s)
				}
			},
		},
		{
			name: "ClientAPI.UpdateSubuserPermissions",
			run: func(ctx context.Context, c *Client) (any, error) {
				return c.ClientAPI.UpdateSubuserPermissions(ctx, "d3aac109", "c4022c6c-9bf1-4a23-bff9-519cceb38335", nil)
			},
			method: "POST", path: "/api/client/servers/d3aac109/users/c4022c6c-9bf1-4a23-bff9-519cceb38335", client: true,
			body: `{"permissions":["websocket.connect"]}`, resp: `{"object":"server_subuser","attributes":` + clientSubuserAttrs + `}`,
		},
		{
			name:   "ClientAPI.Permissions",
			run:    func(ctx context.Context, c *Client) (any, error) { return c.ClientAPI.Permissions(ctx) },
			method: "GET", path: "/api/client/permissions", client: true,
			resp: `{"object":"system_permissions","attributes":{"permissions":{"websocket":{"description":"d","keys":{"connect":"c"}},"control":{"description":"d","keys":{"console":"c","start":"s"}}}}}`,
			check: func(t *testing.T, got any) {
				if k := got.(*SystemPermissions).Keys(); strings.Join(k, ",") != "control.console,control.start,websocket.connect" {
					t.Fatalf("keys = %v", k)
				}
			},
		},
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status := tc.status
			if status == 0 {
				status = http.StatusOK
			}
			p := newFakePanel(t, always(status, tc.resp))
			c, _ := newTestClient(t, p)
			got, err := tc.run(context.Background(), c)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			reqs := p.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Method != tc.method || r.Path != tc.path {
				t.Fatalf("request %s %s, want %s %s", r.Method, r.Path, tc.method, tc.path)
			}
			wantQuery := tc.query
			if wantQuery == nil {
				wantQuery = url.Values{}
			}
			if !reflect.DeepEqual(r.Query, wantQuery) {
				t.Fatalf("query %v, want %v", r.Query, wantQuery)
			}
			key := testAppKey
			if tc.client {
				key = testClientKey
			}
			checkHeaders(t, r, key, tc.body != "")
			if tc.body == "" {
				if len(r.Body) != 0 {
					t.Fatalf("unexpected body %s", r.Body)
				}
			} else {
				jsonEqual(t, r.Body, tc.body)
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

func checkHeaders(t *testing.T, r recorded, key string, withBody bool) {
	t.Helper()
	if got := r.Header.Get("Authorization"); got != "Bearer "+key {
		t.Fatalf("Authorization = %q", got)
	}
	if got := r.Header.Get("Accept"); got != "application/json" {
		t.Fatalf("Accept = %q", got)
	}
	if got := r.Header.Get("User-Agent"); got != DefaultUserAgent {
		t.Fatalf("User-Agent = %q", got)
	}
	ct := r.Header.Get("Content-Type")
	if withBody && ct != "application/json" {
		t.Fatalf("Content-Type = %q, want application/json", ct)
	}
	if !withBody && ct != "" {
		t.Fatalf("Content-Type = %q on a request without body", ct)
	}
}

func wantID(t *testing.T, got, want int) {
	t.Helper()
	if got != want {
		t.Fatalf("id = %d, want %d", got, want)
	}
}

// checkFullServer verifies every field of serverAttrs(42), includes included.
func checkFullServer(t *testing.T, s *Server) {
	t.Helper()
	if s.ID != 42 || s.ExternalID != "game-42" || s.Identifier != "d3aac042" || s.Name != "Survival 42" || s.Description != "Main world" || s.Status != nil || s.Suspended {
		t.Fatalf("server = %+v", s)
	}
	if s.Limits != (Limits{Memory: 4096, Disk: 20480, IO: 500, CPU: 200, Threads: s.Limits.Threads, OOMDisabled: true}) || s.Limits.Threads == nil || *s.Limits.Threads != "0-3" {
		t.Fatalf("limits = %+v", s.Limits)
	}
	if *s.FeatureLimits.Databases != 2 || *s.FeatureLimits.Allocations != 3 || s.FeatureLimits.Backups != nil {
		t.Fatalf("feature limits = %+v", s.FeatureLimits)
	}
	if s.User != 7 || s.Node != 2 || s.Allocation != 11 || s.Nest != 1 || s.Egg != 5 {
		t.Fatalf("ids = %+v", s)
	}
	if !bool(s.Container.Installed) || s.Container.Image != "ghcr.io/pterodactyl/yolks:java_17" || s.Container.Environment["SERVER_JARFILE"] != "paper.jar" || s.Container.Environment["P_SERVER_ALLOCATION_LIMIT"] != "3" {
		t.Fatalf("container = %+v", s.Container)
	}
	r := s.Relationships
	if len(r.Allocations) != 2 || r.Allocations[1].Notes == nil || *r.Allocations[1].Notes != "rcon" {
		t.Fatalf("allocations = %+v", r.Allocations)
	}
	if r.User == nil || r.User.Username != "alice" || r.Node == nil || r.Node.Name != "node-1" || r.Location == nil || r.Location.Short != "eu-west" || r.Nest == nil || r.Nest.Name != "Minecraft" {
		t.Fatalf("relationships = %+v", r)
	}
	if r.Egg == nil || r.Egg.DockerImages["ghcr.io/pterodactyl/yolks:java_17"] != "ghcr.io/pterodactyl/yolks:java_17" {
		t.Fatalf("egg (docker_images as list) = %+v", r.Egg)
	}
	if len(r.Variables) != 2 || *r.Variables[0].ServerValue != "paper.jar" || r.Variables[1].ServerValue != nil {
		t.Fatalf("variables = %+v", r.Variables)
	}
	if len(r.Databases) != 1 || r.Databases[0].Database != "s42_main" {
		t.Fatalf("databases = %+v", r.Databases)
	}
	if s.CreatedAt.Time().IsZero() || s.UpdatedAt.Time().IsZero() {
		t.Fatal("timestamps not decoded")
	}
}
