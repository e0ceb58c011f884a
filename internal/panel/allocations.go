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
)

const (
	routeAllocations = "/api/application/nodes/{node}/allocations"
	routeAllocation  = "/api/application/nodes/{node}/allocations/{allocation}"
)

// AllocationsService manages a node's allocations (r_allocations, not r_nodes).
type AllocationsService service

// Allocation is an ip:port of a node.
type Allocation struct {
	ID            int                     `json:"id"`
	IP            string                  `json:"ip"`
	Alias         *string                 `json:"alias"`
	Port          int                     `json:"port"`
	Notes         *string                 `json:"notes"`
	Assigned      bool                    `json:"assigned"`
	Relationships AllocationRelationships `json:"relationships"`
}

// AllocationRelationships holds the includes of an allocation ("node", "server").
type AllocationRelationships struct {
	Node   *Node    `json:"node,omitempty"`
	Server *Server  `json:"server,omitempty"`
	Denied []string `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *AllocationRelationships) UnmarshalJSON(data []byte) error {
	*r = AllocationRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw struct {
		Node   relItem[Node]   `json:"node"`
		Server relItem[Server] `json:"server"`
	}
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	var denied []string
	*r = AllocationRelationships{
		Node:   relOne(&denied, "node", &raw.Node),
		Server: relOne(&denied, "server", &raw.Server),
	}
	r.Denied = denied
	return nil
}

// AllocationCreateRequest adds ports on an IP. Ports are strings on purpose: the panel rejects
// JSON numbers (422). Each is "25565" or a range "25565-25600" (at most 1000 ports, each
// 1025-65535).
type AllocationCreateRequest struct {
	// IP is an address, a hostname (resolved over IPv4 by the panel) or a CIDR /25-/32.
	IP    string   `json:"ip"`
	Alias string   `json:"alias,omitempty"`
	Ports []string `json:"ports"`
}

// List returns one page of a node's allocations. Filters: ip, port (exact), ip_alias (partial),
// server_id (digits: that server's; anything else: unassigned ones only); includes: node, server.
func (s *AllocationsService) List(ctx context.Context, node int, opts *ListOptions) ([]Allocation, *Pagination, error) {
	cl := newCall(http.MethodGet, routeAllocations, node)
	cl.query = opts.values()
	return getList[Allocation](ctx, s.client, cl)
}

// All iterates over every allocation of a node.
func (s *AllocationsService) All(ctx context.Context, node int, opts *ListOptions) iter.Seq2[Allocation, error] {
	return all(ctx, opts, func(ctx context.Context, o *ListOptions) ([]Allocation, *Pagination, error) {
		return s.List(ctx, node, o)
	})
}

// ListAll collects every page.
func (s *AllocationsService) ListAll(ctx context.Context, node int, opts *ListOptions) ([]Allocation, error) {
	return collect(s.All(ctx, node, opts))
}

// Create adds allocations. The panel answers 204 with no body and silently skips ports that
// already exist, so list afterwards to learn the ids.
func (s *AllocationsService) Create(ctx context.Context, node int, req AllocationCreateRequest) error {
	cl := newCall(http.MethodPost, routeAllocations, node)
	if req.Ports == nil {
		req.Ports = []string{}
	}
	cl.body = req
	return s.client.do(ctx, cl, nil)
}

// Delete removes an allocation (204); 400 ServerUsingAllocationException while it is assigned.
func (s *AllocationsService) Delete(ctx context.Context, node, allocation int) error {
	return s.client.do(ctx, newCall(http.MethodDelete, routeAllocation, node, allocation), nil)
}
