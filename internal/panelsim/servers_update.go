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

// updateServerDetails replaces name, owner, external id and description: an omitted external_id
// becomes null and an omitted description "".
func updateServerDetails(c *call) (int, any, *apiError) {
	srv := c.boundServer
	var errs validationErrors
	validate(c.body, []field{
		{path: "external_id", rules: "sometimes|nullable|string|between:1,191", custom: []customRule{c.uniqueExternalID(srv)}},
		{path: "name", rules: "required|string|min:1|max:191"}, // Server::$validationRules: min/max, not between
		{path: "user", rules: "required|integer", custom: []customRule{exists("user", c.st.users.has)}},
		{path: "description", rules: "sometimes|nullable|string"},
	}, &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	srv.ExternalID = c.body.str("external_id")
	srv.Name = *c.body.str("name")
	srv.OwnerID = c.body.intOr("user", srv.OwnerID)
	srv.Description = c.body.strOr("description", "")
	srv.UpdatedAt = c.sim.now()
	return c.serverItem(srv)
}

// updateServerBuild is BuildModificationService. Everything is checked before anything changes
// (the panel runs it in a transaction); Wings' sync failing afterwards only gets logged.
func updateServerBuild(c *call) (int, any, *apiError) {
	srv := c.boundServer
	in := c.body
	var errs validationErrors
	validate(in, []field{
		{path: "allocation", rules: "required|integer", custom: []customRule{func(v any) (string, string, bool) {
			id, _ := toInt(v)
			for _, other := range c.st.servers.rows {
				if other != srv && other.AllocationID == id {
					return "unique", "The allocation has already been taken.", false
				}
			}
			return "", "", true
		}}},
		{path: "oom_disabled", rules: "sometimes|boolean"},
		{path: "limits", rules: "sometimes|array"},
		{path: "limits.memory", rules: "required_with:limits|numeric|min:0"},
		{path: "limits.swap", rules: "required_with:limits|numeric|min:-1"},
		{path: "limits.disk", rules: "required_with:limits|numeric|min:0"},
		{path: "limits.io", rules: "required_with:limits|numeric|between:10,1000"},
		{path: "limits.cpu", rules: "required_with:limits|numeric|min:0"},
		{path: "limits.threads", rules: "sometimes|nullable|regex:/^[0-9-,]+$/"},
		{path: "memory", rules: "required_without:limits|numeric|min:0"},
		{path: "swap", rules: "required_without:limits|numeric|min:-1"},
		{path: "disk", rules: "required_without:limits|numeric|min:0"},
		{path: "io", rules: "required_without:limits|numeric|between:10,1000"},
		{path: "cpu", rules: "required_without:limits|numeric|min:0"},
		{path: "threads", rules: "sometimes|nullable|regex:/^[0-9-,]+$/"},
		{path: "add_allocations", rules: "array"},
		{path: "remove_allocations", rules: "array"},
		{path: "feature_limits", rules: "required|array"},
		{path: "feature_limits.databases", rules: "present|nullable|integer|min:0"},
		{path: "feature_limits.allocations", rules: "sometimes|nullable|integer|min:0"},
		{path: "feature_limits.backups", rules: "present|nullable|integer|min:0"},
	}, &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}

	// Allocations: adds that are taken or on another node are skipped silently.
	var added []*allocation
	for _, id := range in.ints("add_allocations") {
		if a, ok := c.st.allocations.get(id); ok && a.ServerID == nil && a.NodeID == srv.NodeID {
			added = append(added, a)
		}
	}
	removed := map[int]bool{}
	for _, id := range in.ints("remove_allocations") {
		if a, ok := c.st.allocations.get(id); ok && a.ServerID != nil && *a.ServerID == srv.ID {
			removed[id] = true
		}
	}
	defaultID := in.intOr("allocation", srv.AllocationID)
	if removed[srv.AllocationID] {
		if len(added) == 0 {
			return 0, nil, errDisplay("DisplayException",
				"You are attempting to delete the default allocation for this server but there is no fallback allocation to use.")
		}
		defaultID = added[0].ID
	}
	if defaultID != srv.AllocationID {
		a, ok := c.st.allocations.get(defaultID)
		assignedHere := ok && a.ServerID != nil && *a.ServerID == srv.ID && !removed[defaultID]
		if !assignedHere && !containsAllocation(added, defaultID) {
			return 0, nil, errDisplay("DisplayException", "The requested default allocation is not currently assigned to this server.")
		}
	}
	for _, a := range added {
		a.ServerID = ptr(srv.ID)
	}
	for id := range removed {
		if a, ok := c.st.allocations.get(id); ok {
			a.ServerID = nil
		}
	}
	srv.AllocationID = defaultID

	prefix := ""
	if in.has("limits") {
		prefix = "limits."
	}
	srv.Memory = in.intOr(prefix+"memory", srv.Memory)
	srv.Swap = in.intOr(prefix+"swap", srv.Swap)
	srv.Disk = in.intOr(prefix+"disk", srv.Disk)
	srv.IO = in.intOr(prefix+"io", srv.IO)
	srv.CPU = in.intOr(prefix+"cpu", srv.CPU)
	// threads may come top-level (what most clients send) or inside limits, which wins.
	for _, path := range []string{"threads", "limits.threads"} {
		if _, present := in.lookup(path); present {
			srv.Threads = in.str(path)
		}
	}
	srv.OOMDisabled = in.boolOr("oom_disabled", srv.OOMDisabled)
	srv.DatabaseLimit = in.intPtr("feature_limits.databases")
	srv.AllocationLimit = in.intPtr("feature_limits.allocations")
	srv.BackupLimit = in.intOr("feature_limits.backups", 0)
	srv.UpdatedAt = c.sim.now()
	return c.serverItem(srv)
}

func containsAllocation(list []*allocation, id int) bool {
	for _, a := range list {
		if a.ID == id {
			return true
		}
	}
	return false
}

// updateServerStartup needs startup, egg, image, skip_scripts and environment every time. A
// non-empty environment rewrites every variable of the (new) egg, "" for those left out; {}
// leaves them alone. No reinstall and no Wings call.
func updateServerStartup(c *call) (int, any, *apiError) {
	srv := c.boundServer
	in := c.body
	var errs validationErrors
	validate(in, []field{
		{path: "startup", rules: "required|string"},
		{path: "environment", rules: "present|array"},
		{path: "egg", rules: "required|integer", custom: []customRule{exists("egg", c.st.eggs.has)}},
		{path: "image", rules: "required|string|max:191|" + dockerImageRule},
		{path: "skip_scripts", rules: "present|boolean"},
	}, &errs)
	env, _ := in["environment"].(map[string]any)
	var values map[int]*string
	if eggID, ok := in.integer("egg"); ok && len(env) > 0 && !errs.failed("egg") {
		values = c.eggVariables(eggID, env, &errs)
	}
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	e, _ := c.st.eggs.get(in.intOr("egg", srv.EggID))
	srv.Startup = *in.str("startup")
	srv.EggID, srv.NestID = e.ID, e.NestID
	srv.Image = *in.str("image")
	srv.SkipScripts = in.boolOr("skip_scripts", srv.SkipScripts)
	for id, v := range values {
		srv.setVariable(id, v)
	}
	srv.UpdatedAt = c.sim.now()
	return c.serverItem(srv)
}
