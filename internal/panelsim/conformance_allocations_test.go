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
	"testing"
)

// panel-api.md §4 Allocations.

func allocationCount(e *env, node int) int {
	n := 0
	for _, a := range e.sim.State().Allocations {
		if a.NodeID == node {
			n++
		}
	}
	return n
}

func TestAllocationsCreateIs204WithoutBody(t *testing.T) {
	e := newEnv(t)
	r := e.post("/nodes/1/allocations", map[string]any{"ip": "10.0.0.9", "alias": "game.example.com", "ports": []string{"30000", "30010-30012"}})
	wantStatus(t, r, http.StatusNoContent)
	if len(r.raw) != 0 {
		t.Errorf("204 with a body: %q", r.raw)
	}
	r = e.get("/nodes/1/allocations?filter[ip]=10.0.0.9")
	var ports []int
	for _, it := range r.at("data").([]any) {
		ports = append(ports, num(at(it, "attributes.port")))
		if at(it, "object") != "allocation" || at(it, "attributes.alias") != "game.example.com" ||
			at(it, "attributes.assigned") != false || !has(it, "attributes.notes") {
			t.Errorf("allocation %v", it)
		}
	}
	if fmt.Sprint(ports) != "[30000 30010 30011 30012]" {
		t.Errorf("ports %v", ports)
	}

	// Duplicates of (node, ip, port) are skipped silently.
	before := allocationCount(e, node1)
	wantStatus(t, e.post("/nodes/1/allocations", map[string]any{"ip": "10.0.0.9", "ports": []string{"30000-30001"}}), http.StatusNoContent)
	if got := allocationCount(e, node1); got != before+1 {
		t.Errorf("allocations %d, want %d (only 30001 new)", got, before+1)
	}

	// A CIDR from /25 to /32 expands to its addresses.
	wantStatus(t, e.post("/nodes/2/allocations", map[string]any{"ip": "192.168.5.0/30", "ports": []string{"27015"}}), http.StatusNoContent)
	if got := num(e.get("/nodes/2/allocations?filter[port]=27015").at("meta.pagination.total")); got != 4 {
		t.Errorf("/30 gave %d allocations, want 4", got)
	}
}

func TestAllocationsCreateRules(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		body   map[string]any
		status int
		code   string // or field for a 422
		rule   string
		detail string
	}{
		{"ports as numbers", map[string]any{"ip": "10.0.0.9", "ports": []int{30000}},
			422, "ports.0", "string", "The ports.0 must be a string."},
		{"second port a number", map[string]any{"ip": "10.0.0.9", "ports": []any{"30000", 30001}},
			422, "ports.1", "string", "The ports.1 must be a string."},
		{"ports missing", map[string]any{"ip": "10.0.0.9"},
			422, "ports", "required", "The ports field is required."},
		{"ports empty", map[string]any{"ip": "10.0.0.9", "ports": []string{}},
			422, "ports", "required", "The ports field is required."},
		{"ports not a list", map[string]any{"ip": "10.0.0.9", "ports": "30000"},
			422, "ports", "array", "The ports must be an array."},
		{"ip missing", map[string]any{"ports": []string{"30000"}},
			422, "ip", "required", "The ip field is required."},
		{"port 1024", map[string]any{"ip": "10.0.0.9", "ports": []string{"1024"}},
			400, "PortOutOfRangeException", "", "Ports in an allocation must be greater than 1024 and less than or equal to 65535."},
		{"port 65536", map[string]any{"ip": "10.0.0.9", "ports": []string{"65536"}},
			400, "PortOutOfRangeException", "", "Ports in an allocation must be greater than 1024 and less than or equal to 65535."},
		{"range reaching 1024", map[string]any{"ip": "10.0.0.9", "ports": []string{"1024-1030"}},
			400, "PortOutOfRangeException", "", "Ports in an allocation must be greater than 1024 and less than or equal to 65535."},
		{"1001 ports", map[string]any{"ip": "10.0.0.9", "ports": []string{"30000-31000"}},
			400, "TooManyPortsInRangeException", "", "Adding more than 1000 ports in a single range at once is not supported."},
		{"not a port", map[string]any{"ip": "10.0.0.9", "ports": []string{"abc"}},
			400, "InvalidPortMappingException", "", "The mapping provided for abc was invalid and could not be processed."},
		{"three-digit range bound", map[string]any{"ip": "10.0.0.9", "ports": []string{"900-1100"}},
			400, "InvalidPortMappingException", "", "The mapping provided for 900-1100 was invalid and could not be processed."},
		{"cidr too wide", map[string]any{"ip": "10.0.0.0/24", "ports": []string{"30000"}},
			400, "CidrOutOfRangeException", "", "CIDR notation only allows masks between /25 and /32."},
	}
	before := allocationCount(e, node1)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.post("/nodes/1/allocations", tc.body)
			if tc.status == 422 {
				wantValidation(t, r, tc.code, tc.rule, tc.detail)
				return
			}
			wantError(t, r, tc.status, tc.code, tc.detail)
		})
	}
	if got := allocationCount(e, node1); got != before {
		t.Errorf("failed creates added %d allocations", got-before)
	}
	// The edges that are allowed.
	wantStatus(t, e.post("/nodes/1/allocations", map[string]any{"ip": "10.0.0.9", "ports": []string{"1025", "65535", "40000-40999"}}), http.StatusNoContent)
	if got := allocationCount(e, node1); got != before+1002 {
		t.Errorf("allocations added %d, want 1002", got-before)
	}
}

func TestAllocationsFilters(t *testing.T) {
	e := newEnv(t)
	b := serverBody("holder", 2)
	set(b, "allocation.additional", []int{3})
	id := e.createServer(b)

	cases := []struct {
		query string
		want  []int
	}{
		{"filter[server_id]=" + fmt.Sprint(id), []int{2, 3}},
		{"filter[server_id]=x", []int{1, 4, 5, 6, 7, 8, 9, 10}}, // non-digits: unassigned only
		{"filter[server_id]=null", []int{1, 4, 5, 6, 7, 8, 9, 10}},
		{"filter[port]=25565", []int{1}},
		{"filter[port]=2556", nil}, // exact
		{"filter[ip]=10.0.0", nil}, // exact
		{"filter[ip]=10.0.0.1&filter[port]=25566,25567", []int{2, 3}},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			r := e.get("/nodes/1/allocations?" + tc.query)
			wantStatus(t, r, http.StatusOK)
			if got := dataIDs(r); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("ids %v, want %v", got, tc.want)
			}
		})
	}
	// ip_alias is a partial, case-insensitive match.
	if got := dataIDs(e.get("/nodes/2/allocations?filter[ip_alias]=PLAY")); len(got) != 5 {
		t.Errorf("ip_alias=PLAY: %v", got)
	}
	r := e.get("/nodes/1/allocations?filter[alias]=x")
	wantError(t, r, http.StatusBadRequest, "InvalidFilterQuery",
		"Requested filter(s) `alias` are not allowed. Allowed filter(s) are `ip, port, ip_alias, server_id`.")
	// The list is scoped to the node and assigned shows the server's use.
	r = e.get("/nodes/1/allocations?include=server")
	if num(r.at("meta.pagination.total")) != 10 || r.at("data.1.attributes.assigned") != true {
		t.Errorf("node 1 list: %v", r.at("meta.pagination"))
	}
	if num(r.at("data.1.attributes.relationships.server.attributes.id")) != id {
		t.Errorf("server include: %v", r.at("data.1.attributes.relationships"))
	}
}

func TestAllocationsDelete(t *testing.T) {
	e := newEnv(t)
	e.createServer(serverBody("holder", 1))
	r := e.del("/nodes/1/allocations/1")
	wantError(t, r, http.StatusBadRequest, "ServerUsingAllocationException", "Cannot delete an allocation that is assigned to a server.")
	// Scoped to the node: another node's allocation is not found.
	wantError(t, e.del("/nodes/2/allocations/2"), http.StatusNotFound, "NotFoundHttpException",
		"The requested resource could not be found on the server.")
	r = e.del("/nodes/1/allocations/2")
	wantStatus(t, r, http.StatusNoContent)
	if e.allocationState(2) != nil {
		t.Error("allocation 2 still exists")
	}
	wantStatus(t, e.del("/nodes/1/allocations/2"), http.StatusNotFound)
	wantStatus(t, e.get("/nodes/99/allocations"), http.StatusNotFound)
}
