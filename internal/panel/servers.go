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
	"encoding/json"
	"iter"
	"net/http"
)

const (
	routeServers           = "/api/application/servers"
	routeServer            = "/api/application/servers/{server}"
	routeServerExternal    = "/api/application/servers/external/{external_id}"
	routeServerDetails     = "/api/application/servers/{server}/details"
	routeServerBuild       = "/api/application/servers/{server}/build"
	routeServerStartup     = "/api/application/servers/{server}/startup"
	routeServerSuspend     = "/api/application/servers/{server}/suspend"
	routeServerUnsuspend   = "/api/application/servers/{server}/unsuspend"
	routeServerReinstall   = "/api/application/servers/{server}/reinstall"
	routeServerForceDelete = "/api/application/servers/{server}/force"
)

// ServersService manages servers (r_servers).
type ServersService service

// BuildLimits are the limits of a build request. Threads is not among them: build takes it
// top-level (ServerBuildRequest.Threads), where nil keeps the current pinning, which a value
// inside limits could not say. OOM killing is set with the request's top-level OOMDisabled, not
// here (the panel ignores it inside limits).
type BuildLimits struct {
	Memory int `json:"memory"`
	Swap   int `json:"swap"`
	Disk   int `json:"disk"`
	// IO is required by the panel, 10-1000 (500 is its usual default).
	IO  int `json:"io"`
	CPU int `json:"cpu"`
}

// CreateLimits are the limits of a create request: the build's, and the thread pinning.
type CreateLimits struct {
	BuildLimits
	// Threads is optional on create ("0-1,3"); nil leaves the server on any core.
	Threads *string `json:"threads,omitempty"`
}

// AllocationSpec picks the allocations of a new server explicitly.
type AllocationSpec struct {
	// Default must be an existing unassigned allocation; it decides the node.
	Default    int   `json:"default"`
	Additional []int `json:"additional,omitempty"`
}

// DeploySpec lets the panel choose a node and a random free allocation.
type DeploySpec struct {
	Locations   []int    `json:"locations"`
	DedicatedIP bool     `json:"dedicated_ip"`
	PortRange   []string `json:"port_range"` // "25565" or "25565-25600"
}

// MarshalJSON sends the lists as [] when empty: the panel requires them to be present.
func (d DeploySpec) MarshalJSON() ([]byte, error) {
	type plain DeploySpec
	p := plain(d)
	if p.Locations == nil {
		p.Locations = []int{}
	}
	if p.PortRange == nil {
		p.PortRange = []string{}
	}
	return json.Marshal(p)
}

// ServerCreateRequest is the body of POST /servers. Set either Allocation or Deploy.
type ServerCreateRequest struct {
	Name        string `json:"name"`
	User        int    `json:"user"`
	Egg         int    `json:"egg"` // the nest follows from the egg
	DockerImage string `json:"docker_image"`
	Startup     string `json:"startup"`
	// Environment must hold every variable the egg requires: values left out are stored as "",
	// not as the egg's default. Use the egg's variables to fill it.
	Environment   map[string]string `json:"environment"`
	ExternalID    string            `json:"external_id,omitempty"`
	Description   string            `json:"description,omitempty"`
	Limits        CreateLimits      `json:"limits"`
	FeatureLimits FeatureLimits     `json:"feature_limits"`
	// OOMDisabled defaults to true on the panel when nil.
	OOMDisabled       *bool           `json:"oom_disabled,omitempty"`
	SkipScripts       bool            `json:"skip_scripts"`
	StartOnCompletion bool            `json:"start_on_completion"`
	Allocation        *AllocationSpec `json:"allocation,omitempty"`
	Deploy            *DeploySpec     `json:"deploy,omitempty"`
}

// ServerDetailsRequest is the body of PATCH /servers/{id}/details. An omitted external id becomes
// null and an omitted description "": start from DetailsRequestFrom.
type ServerDetailsRequest struct {
	Name        string `json:"name"`
	User        int    `json:"user"`
	ExternalID  string `json:"external_id,omitempty"`
	Description string `json:"description"`
}

// ServerBuildRequest is the body of PATCH /servers/{id}/build. Allocation, all limits and the
// feature limits are required: start from BuildRequestFrom.
type ServerBuildRequest struct {
	// Allocation is the default allocation; it must be assigned to this server.
	Allocation int `json:"allocation"`
	// OOMDisabled: nil keeps the current value.
	OOMDisabled *bool `json:"oom_disabled,omitempty"`
	// Threads: nil keeps the current value, "" clears it.
	Threads       *string       `json:"threads,omitempty"`
	Limits        BuildLimits   `json:"limits"`
	FeatureLimits FeatureLimits `json:"feature_limits"`
	// AddAllocations are assigned if free and on the server's node; others are skipped silently.
	AddAllocations []int `json:"add_allocations,omitempty"`
	// RemoveAllocations may include the default only together with AddAllocations (the first
	// added one becomes the default).
	RemoveAllocations []int `json:"remove_allocations,omitempty"`
}

// ServerStartupRequest is the body of PATCH /servers/{id}/startup. Every field is required, and a
// non-empty Environment overwrites every variable of the egg (those left out become ""): start
// from StartupRequestFrom.
type ServerStartupRequest struct {
	Startup     string            `json:"startup"`
	Environment map[string]string `json:"environment"`
	Egg         int               `json:"egg"`
	Image       string            `json:"image"`
	SkipScripts bool              `json:"skip_scripts"`
}

// List returns one page of servers. Filters: uuid, uuidShort, name, description, image,
// external_id (partial); sorts: id, uuid; includes: allocations, user, subusers, nest, egg,
// variables, location, node, databases.
func (s *ServersService) List(ctx context.Context, opts *ListOptions) ([]Server, *Pagination, error) {
	cl := newCall(http.MethodGet, routeServers)
	cl.query = opts.values()
	return getWireList[serverWire](ctx, s.client, cl)
}

// All iterates over every server, page by page.
func (s *ServersService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Server, error] {
	return all(ctx, opts, s.List)
}

// ListAll collects every page.
func (s *ServersService) ListAll(ctx context.Context, opts *ListOptions) ([]Server, error) {
	return collect(s.All(ctx, opts))
}

// Get returns a server by id.
func (s *ServersService) Get(ctx context.Context, id int, include ...string) (*Server, error) {
	cl := newCall(http.MethodGet, routeServer, id)
	cl.query = includeQuery(include)
	return getItem[Server](ctx, s.client, cl)
}

// GetByExternalID returns the server whose external_id is exactly externalID.
func (s *ServersService) GetByExternalID(ctx context.Context, externalID string, include ...string) (*Server, error) {
	cl := newCall(http.MethodGet, routeServerExternal, externalID)
	cl.query = includeQuery(include)
	return getItem[Server](ctx, s.client, cl)
}

// Create adds a server (201, status "installing"). It is never retried on a 5xx or a dropped
// connection: the panel may have created the server. Set an ExternalID: the panel refuses a
// second server with the same one (422 on external_id), and GetByExternalID finds the first.
// The write answers of servers carry the includes asked for, read after the write.
func (s *ServersService) Create(ctx context.Context, req ServerCreateRequest, include ...string) (*Server, error) {
	if req.Environment == nil {
		req.Environment = map[string]string{} // must be present
	}
	cl := newCall(http.MethodPost, routeServers)
	cl.query = includeQuery(include)
	cl.body = req
	return getItem[Server](ctx, s.client, cl)
}

// UpdateDetails replaces name, owner, external id and description.
func (s *ServersService) UpdateDetails(ctx context.Context, id int, req ServerDetailsRequest, include ...string) (*Server, error) {
	cl := newCall(http.MethodPatch, routeServerDetails, id)
	cl.query = includeQuery(include)
	cl.body = req
	return getItem[Server](ctx, s.client, cl)
}

// UpdateBuild replaces limits, feature limits and allocations. A failure to sync Wings is only
// logged by the panel; the answer is still 200.
func (s *ServersService) UpdateBuild(ctx context.Context, id int, req ServerBuildRequest, include ...string) (*Server, error) {
	cl := newCall(http.MethodPatch, routeServerBuild, id)
	cl.query = includeQuery(include)
	cl.body = req
	return getItem[Server](ctx, s.client, cl)
}

// UpdateStartup replaces startup command, egg, image and environment; it applies on next boot.
func (s *ServersService) UpdateStartup(ctx context.Context, id int, req ServerStartupRequest, include ...string) (*Server, error) {
	if req.Environment == nil {
		req.Environment = map[string]string{} // must be present; {} leaves variables alone
	}
	cl := newCall(http.MethodPatch, routeServerStartup, id)
	cl.query = includeQuery(include)
	cl.body = req
	return getItem[Server](ctx, s.client, cl)
}

// Suspend suspends a server (204; idempotent on the panel, but sent as a POST and so never
// retried on a 5xx).
func (s *ServersService) Suspend(ctx context.Context, id int) error {
	return s.client.do(ctx, newCall(http.MethodPost, routeServerSuspend, id), nil)
}

// Unsuspend lifts a suspension (204). The panel writes a null status, even over "installing".
func (s *ServersService) Unsuspend(ctx context.Context, id int) error {
	return s.client.do(ctx, newCall(http.MethodPost, routeServerUnsuspend, id), nil)
}

// Reinstall runs the install script again (204). It also clears a suspension.
func (s *ServersService) Reinstall(ctx context.Context, id int) error {
	return s.client.do(ctx, newCall(http.MethodPost, routeServerReinstall, id), nil)
}

// Delete removes a server (204). Any Wings error other than 404, or a database-host error,
// aborts it; see ForceDelete.
func (s *ServersService) Delete(ctx context.Context, id int) error {
	return s.client.do(ctx, newCall(http.MethodDelete, routeServer, id), nil)
}

// ForceDelete removes a server ignoring Wings and database-host errors (204).
func (s *ServersService) ForceDelete(ctx context.Context, id int) error {
	return s.client.do(ctx, newCall(http.MethodDelete, routeServerForceDelete, id), nil)
}
