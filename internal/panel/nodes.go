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
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

const (
	routeNodes             = "/api/application/nodes"
	routeNode              = "/api/application/nodes/{node}"
	routeNodeConfiguration = "/api/application/nodes/{node}/configuration"
	routeNodesDeployable   = "/api/application/nodes/deployable"
)

// NodesService manages nodes (r_nodes).
type NodesService service

// Node is the panel's node transformer.
type Node struct {
	ID                 int       `json:"id"`
	UUID               string    `json:"uuid"`
	Public             bool      `json:"public"`
	Name               string    `json:"name"`
	Description        string    `json:"description"`
	LocationID         int       `json:"location_id"`
	FQDN               string    `json:"fqdn"`
	Scheme             string    `json:"scheme"`
	BehindProxy        bool      `json:"behind_proxy"`
	MaintenanceMode    bool      `json:"maintenance_mode"`
	Memory             int       `json:"memory"`
	MemoryOverallocate int       `json:"memory_overallocate"`
	Disk               int       `json:"disk"`
	DiskOverallocate   int       `json:"disk_overallocate"`
	UploadSize         int       `json:"upload_size"`
	DaemonListen       int       `json:"daemon_listen"`
	DaemonSFTP         int       `json:"daemon_sftp"`
	DaemonBase         string    `json:"daemon_base"`
	CreatedAt          Timestamp `json:"created_at"`
	UpdatedAt          Timestamp `json:"updated_at"`
	// AllocatedResources is summed over the node's servers; nil on panels that do not send it.
	AllocatedResources *AllocatedResources `json:"allocated_resources,omitempty"`
	Relationships      NodeRelationships   `json:"relationships"`
}

// AllocatedResources is what the node's servers use, in MiB.
type AllocatedResources struct {
	Memory int `json:"memory"`
	Disk   int `json:"disk"`
}

// NodeRelationships holds the includes of a node ("allocations", "location", "servers").
type NodeRelationships struct {
	Allocations []Allocation `json:"allocations,omitempty"`
	Location    *Location    `json:"location,omitempty"`
	Servers     []Server     `json:"servers,omitempty"`
	Denied      []string     `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *NodeRelationships) UnmarshalJSON(data []byte) error {
	*r = NodeRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw nodeRelationshipsWire
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	*r = raw.model()
	return nil
}

// nodeRelationshipsWire is NodeRelationships' wire shape (wire.go).
type nodeRelationshipsWire struct {
	Allocations relList[Allocation] `json:"allocations"`
	Location    relItem[Location]   `json:"location"`
	Servers     relList[Server]     `json:"servers"`
}

func (raw nodeRelationshipsWire) model() NodeRelationships {
	var denied []string
	r := NodeRelationships{
		Allocations: relMany(&denied, "allocations", &raw.Allocations),
		Location:    relOne(&denied, "location", &raw.Location),
		Servers:     relMany(&denied, "servers", &raw.Servers),
	}
	r.Denied = denied
	return r
}

// nodeWire is Node's wire shape (wire.go): a snapshot reads every node with its allocations.
type nodeWire struct {
	Node
	Relationships nodeRelationshipsWire `json:"relationships"`
}

func (raw nodeWire) model() Node {
	n := raw.Node
	n.Relationships = raw.Relationships.model()
	return n
}

// NodeRequest is the body of POST and PATCH /nodes. On PATCH every required field must be sent
// again, and an empty DaemonBase resets it to /var/lib/pterodactyl/volumes: start from
// NodeRequestFrom.
type NodeRequest struct {
	Name string `json:"name"`
	// Description is accepted by the API but silently dropped by the panel.
	Description        string `json:"description,omitempty"`
	LocationID         int    `json:"location_id"`
	FQDN               string `json:"fqdn"`
	Scheme             string `json:"scheme"`
	BehindProxy        bool   `json:"behind_proxy"`
	MaintenanceMode    bool   `json:"maintenance_mode"`
	Public             *bool  `json:"public,omitempty"` // nil: the panel's default (true) on create
	Memory             int    `json:"memory"`
	MemoryOverallocate int    `json:"memory_overallocate"`
	Disk               int    `json:"disk"`
	DiskOverallocate   int    `json:"disk_overallocate"`
	UploadSize         int    `json:"upload_size,omitempty"` // 1-1024; 0 = default 100
	DaemonListen       int    `json:"daemon_listen"`
	DaemonSFTP         int    `json:"daemon_sftp"`
	DaemonBase         string `json:"daemon_base,omitempty"`
	// ResetSecret regenerates the daemon token (PATCH only).
	ResetSecret bool `json:"reset_secret,omitempty"`
}

// NodeConfiguration is Wings' config.yml content as the panel renders it (no envelope). Token is
// the node's daemon secret: never log it.
type NodeConfiguration struct {
	Debug   bool   `json:"debug"`
	UUID    string `json:"uuid"`
	TokenID string `json:"token_id"`
	Token   string `json:"token"`
	API     struct {
		Host string `json:"host"`
		Port int    `json:"port"`
		SSL  struct {
			Enabled bool   `json:"enabled"`
			Cert    string `json:"cert"`
			Key     string `json:"key"`
		} `json:"ssl"`
		UploadLimit int `json:"upload_limit"`
	} `json:"api"`
	System struct {
		Data string `json:"data"`
		SFTP struct {
			BindPort int `json:"bind_port"`
		} `json:"sftp"`
	} `json:"system"`
	AllowedMounts []string `json:"allowed_mounts"`
	Remote        string   `json:"remote"`
}

// DeployableOptions selects nodes with room for a server.
type DeployableOptions struct {
	Memory      int // MiB, required (≥0)
	Disk        int // MiB, required (≥0)
	LocationIDs []int
	// Page 0 asks for the unpaginated form (no meta); Page ≥1 paginates.
	Page    int
	PerPage int
}

// List returns one page of nodes. Filters: uuid, name, fqdn, daemon_token_id; sorts: id, uuid,
// memory, disk; includes: allocations, location, servers.
func (s *NodesService) List(ctx context.Context, opts *ListOptions) ([]Node, *Pagination, error) {
	cl := newCall(http.MethodGet, routeNodes)
	cl.query = opts.values()
	return getWireList[nodeWire](ctx, s.client, cl)
}

// All iterates over every node.
func (s *NodesService) All(ctx context.Context, opts *ListOptions) iter.Seq2[Node, error] {
	return all(ctx, opts, s.List)
}

// ListAll collects every page.
func (s *NodesService) ListAll(ctx context.Context, opts *ListOptions) ([]Node, error) {
	return collect(s.All(ctx, opts))
}

// Get returns a node by id.
func (s *NodesService) Get(ctx context.Context, id int, include ...string) (*Node, error) {
	cl := newCall(http.MethodGet, routeNode, id)
	cl.query = includeQuery(include)
	return getItem[Node](ctx, s.client, cl)
}

// Configuration returns the node's Wings configuration, token included.
func (s *NodesService) Configuration(ctx context.Context, id int) (*NodeConfiguration, error) {
	var out NodeConfiguration
	if err := s.client.do(ctx, newCall(http.MethodGet, routeNodeConfiguration, id), &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Deployable returns public nodes with room for memory and disk (maintenance mode is not
// checked). None: 400 NoViableNodeException. Pagination is nil unless opts.Page is set.
func (s *NodesService) Deployable(ctx context.Context, opts DeployableOptions) ([]Node, *Pagination, error) {
	cl := newCall(http.MethodGet, routeNodesDeployable)
	q := url.Values{}
	q.Set("memory", strconv.Itoa(opts.Memory))
	q.Set("disk", strconv.Itoa(opts.Disk))
	for _, id := range opts.LocationIDs {
		q.Add("location_ids[]", strconv.Itoa(id))
	}
	if opts.Page > 0 {
		q.Set("page", strconv.Itoa(opts.Page))
	}
	if opts.PerPage > 0 {
		q.Set("per_page", strconv.Itoa(opts.PerPage))
	}
	cl.query = q
	return getList[Node](ctx, s.client, cl)
}

// Create adds a node (201).
func (s *NodesService) Create(ctx context.Context, req NodeRequest, include ...string) (*Node, error) {
	cl := newCall(http.MethodPost, routeNodes)
	cl.query = includeQuery(include)
	cl.body = req
	return getItem[Node](ctx, s.client, cl)
}

// Update replaces a node's settings. The panel saves the change before it pushes the config to
// Wings; if Wings cannot be reached the answer is 400 ConfigurationNotPersistedException although
// the change is stored.
func (s *NodesService) Update(ctx context.Context, id int, req NodeRequest, include ...string) (*Node, error) {
	cl := newCall(http.MethodPatch, routeNode, id)
	cl.query = includeQuery(include)
	cl.body = req
	return getItem[Node](ctx, s.client, cl)
}

// Delete removes a node (204); 400 HasActiveServersException while servers are on it.
func (s *NodesService) Delete(ctx context.Context, id int) error {
	return s.client.do(ctx, newCall(http.MethodDelete, routeNode, id), nil)
}
