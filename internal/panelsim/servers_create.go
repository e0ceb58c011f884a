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

package panelsim

import (
	"net/http"
)

// serverCreateFields are StoreServerRequest's rules.
func (c *call) serverCreateFields() []field {
	deploy := c.body.has("deploy")
	fields := []field{
		{path: "external_id", rules: "sometimes|nullable|string|between:1,191", custom: []customRule{c.uniqueExternalID(nil)}},
		{path: "name", rules: "required|string|min:1|max:191"}, // Server::$validationRules: min/max, not between
		{path: "description", rules: "string|nullable"},
		{path: "user", rules: "required|integer", custom: []customRule{exists("user", c.st.users.has)}},
		{path: "egg", rules: "required|integer", custom: []customRule{exists("egg", c.st.eggs.has)}},
		{path: "docker_image", rules: "required|string|max:191|" + dockerImageRule},
		{path: "startup", rules: "required|string"},
		{path: "environment", rules: "present|array"},
		{path: "skip_scripts", rules: "sometimes|boolean"},
		{path: "oom_disabled", rules: "sometimes|boolean"},
		{path: "start_on_completion", rules: "sometimes|boolean"},
		{path: "limits", rules: "required|array"},
		{path: "limits.memory", rules: "required|numeric|min:0"},
		{path: "limits.swap", rules: "required|numeric|min:-1"},
		{path: "limits.disk", rules: "required|numeric|min:0"},
		{path: "limits.io", rules: "required|numeric|between:10,1000"},
		{path: "limits.cpu", rules: "required|numeric|min:0"},
		{path: "limits.threads", rules: "sometimes|nullable|regex:/^[0-9-,]+$/"},
		{path: "feature_limits", rules: "required|array"},
		{path: "feature_limits.databases", rules: "present|nullable|integer|min:0"},
		{path: "feature_limits.allocations", rules: "sometimes|nullable|integer|min:0"},
		{path: "feature_limits.backups", rules: "present|nullable|integer|min:0"},
	}
	if deploy {
		return append(fields,
			field{path: "deploy", rules: "array"},
			field{path: "deploy.locations", rules: "present|array"},
			field{path: "deploy.dedicated_ip", rules: "required"},
			field{path: "deploy.port_range", rules: "present|array"},
		)
	}
	// Without deploy, the default and each additional allocation must exist and be unassigned
	// (StoreServerRequest's exists rule carries a whereNull('server_id')).
	free := func(id int) bool { a, ok := c.st.allocations.get(id); return ok && a.ServerID == nil }
	fields = append(fields, field{path: "allocation.default", rules: "required|integer",
		custom: []customRule{exists("allocation.default", free)}})
	if list, ok := c.body.lookup("allocation.additional"); ok {
		items, _ := list.([]any)
		for i := range items {
			path := "allocation.additional." + itoa(i)
			fields = append(fields, field{path: path, rules: "integer", custom: []customRule{exists(path, free)}})
		}
	}
	return fields
}

func (c *call) uniqueExternalID(self *server) customRule {
	return unique(&c.st.servers, self, "external id", func(s *server) string { return deref(s.ExternalID) })
}

// createServer is ServerCreationService: validate, pick the allocation, store the server as
// installing, ask Wings to create it (rolling everything back if Wings fails), answer 201
// without meta.
func createServer(c *call) (int, any, *apiError) {
	var errs validationErrors
	validate(c.body, c.serverCreateFields(), &errs)
	var env map[string]any
	if m, ok := c.body["environment"].(map[string]any); ok {
		env = m
	}
	var values map[int]*string
	if eggID, ok := c.body.integer("egg"); ok && !errs.failed("egg") {
		values = c.eggVariables(eggID, env, &errs)
	}
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	in := c.body
	alloc, aerr := c.serverAllocation()
	if aerr != nil {
		return 0, nil, aerr
	}
	now := c.sim.now()
	e, _ := c.st.eggs.get(in.intOr("egg", 0))
	uuid := c.sim.uuid()
	srv := &server{
		ExternalID: in.str("external_id"), UUID: uuid, UUIDShort: uuid[:8], NodeID: alloc.NodeID,
		Name: *in.str("name"), Description: in.strOr("description", ""), Status: ptr(statusInstalling),
		SkipScripts: in.boolOr("skip_scripts", false), OwnerID: in.intOr("user", 0),
		Memory: in.intOr("limits.memory", 0), Swap: in.intOr("limits.swap", 0), Disk: in.intOr("limits.disk", 0),
		IO: in.intOr("limits.io", 500), CPU: in.intOr("limits.cpu", 0), Threads: in.str("limits.threads"),
		OOMDisabled: in.boolOr("oom_disabled", true), AllocationID: alloc.ID, NestID: e.NestID, EggID: e.ID,
		Startup: *in.str("startup"), Image: *in.str("docker_image"),
		AllocationLimit:   ptr(in.intOr("feature_limits.allocations", 0)),
		DatabaseLimit:     ptr(in.intOr("feature_limits.databases", 0)),
		BackupLimit:       in.intOr("feature_limits.backups", 0),
		StartOnCompletion: in.boolOr("start_on_completion", false), PowerState: "offline",
		CreatedAt: now, UpdatedAt: now,
	}
	for id, v := range values {
		srv.setVariable(id, v)
	}
	srv.ID = c.st.servers.insert(srv)
	assigned := []*allocation{alloc}
	if !c.body.has("deploy") {
		for _, id := range in.ints("allocation.additional") {
			if a, ok := c.st.allocations.get(id); ok && a.ServerID == nil && a.ID != alloc.ID {
				assigned = append(assigned, a)
			}
		}
	}
	for _, a := range assigned {
		a.ServerID = ptr(srv.ID)
	}
	if !c.sim.wingsReachable(srv.NodeID) {
		// The panel force-deletes what it just committed and reports the daemon error.
		for _, a := range assigned {
			a.ServerID = nil
		}
		c.st.servers.delete(srv.ID)
		return 0, nil, errDaemonUnreachable()
	}
	c.sim.startInstall(srv, false)
	// Rendered after the commit and the Wings call: its includes show the assigned allocations
	// and stored variables, and an include of transfer is a 500 for a server that stays created.
	return c.serverAnswer(http.StatusCreated, srv)
}

// serverAllocation returns the default allocation: the given one (which must be free) or, with
// deploy, a random free one on a viable node.
func (c *call) serverAllocation() (*allocation, *apiError) {
	in := c.body
	if !in.has("deploy") {
		a, _ := c.st.allocations.get(in.intOr("allocation.default", 0)) // validated: exists, free
		return a, nil
	}
	var locations []int
	locations = append(locations, in.ints("deploy.locations")...)
	nodes := c.st.viableNodes(in.intOr("limits.memory", 0), in.intOr("limits.disk", 0), locations)
	if len(nodes) == 0 {
		return nil, errDisplay("NoViableNodeException", "No nodes satisfying the requirements specified for automatic deployment could be found.")
	}
	var ranges [][2]int
	if list, ok := in["deploy"].(map[string]any)["port_range"].([]any); ok {
		for _, raw := range list {
			s, _ := raw.(string)
			if lo, hi, err := parsePortRange(s); err == nil {
				ranges = append(ranges, [2]int{lo, hi})
			}
		}
	}
	dedicated, _ := in.boolean("deploy.dedicated_ip")
	candidates := c.st.freeAllocations(nodes, ranges, dedicated)
	if len(candidates) == 0 {
		return nil, errDisplay("NoViableAllocationException", "No allocations satisfying the requirements for automatic deployment on this node were found.")
	}
	return candidates[c.sim.rng.Intn(len(candidates))], nil
}

// freeAllocations is AllocationSelectionService's pool: unassigned allocations on the nodes, in
// the port ranges if any, and on IPs without any assigned port when dedicated.
func (s *state) freeAllocations(nodes []*node, ranges [][2]int, dedicated bool) []*allocation {
	ids := map[int]bool{}
	for _, n := range nodes {
		ids[n.ID] = true
	}
	usedIP := map[string]bool{}
	for _, a := range s.allocations.all() {
		if a.ServerID != nil {
			usedIP[itoa(a.NodeID)+"/"+a.IP] = true
		}
	}
	var out []*allocation
	for _, a := range s.allocations.all() {
		if !ids[a.NodeID] || a.ServerID != nil || (dedicated && usedIP[itoa(a.NodeID)+"/"+a.IP]) {
			continue
		}
		if len(ranges) > 0 {
			in := false
			for _, r := range ranges {
				in = in || (a.Port >= r[0] && a.Port <= r[1])
			}
			if !in {
				continue
			}
		}
		out = append(out, a)
	}
	return out
}
