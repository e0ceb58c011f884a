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

import "net/http"

// Server statuses the panel stores; nil is "installed and fine".
const (
	statusInstalling      = "installing"
	statusInstallFailed   = "install_failed"
	statusReinstallFailed = "reinstall_failed"
	statusSuspended       = "suspended"
	statusRestoringBackup = "restoring_backup"
)

var serverFilters = []filter[server]{
	like("uuid", func(s *server) string { return s.UUID }),
	like("uuidShort", func(s *server) string { return s.UUIDShort }),
	like("name", func(s *server) string { return s.Name }),
	like("description", func(s *server) string { return s.Description }),
	like("image", func(s *server) string { return s.Image }),
	like("external_id", func(s *server) string { return deref(s.ExternalID) }),
}

var serverSorts = []sorter[server]{
	{"id", func(s *server) string { return itoa(s.ID) }},
	{"uuid", func(s *server) string { return s.UUID }},
}

func listServers(c *call) (int, any, *apiError) {
	if len(c.query.Get("search")) > 100 {
		var errs validationErrors
		errs.add("search", "max", "The search may not be greater than 100 characters.")
		return 0, nil, errs.err()
	}
	rows, err := queryTable(c, &c.st.servers, "servers", serverFilters, serverSorts)
	if err != nil {
		return 0, nil, err
	}
	inc, ierr := c.serverIncludes()
	if ierr != nil {
		return 0, nil, ierr
	}
	list, err := paginateRows(c, "server", rows, pager{}, func(srv **server) obj { return c.serverAttrs(*srv, inc) })
	return http.StatusOK, list, err
}

func getServer(c *call) (int, any, *apiError) {
	return c.serverItem(c.boundServer)
}

func getServerByExternalID(c *call) (int, any, *apiError) {
	for _, srv := range c.st.servers.all() {
		if srv.ExternalID != nil && sqlEqual(*srv.ExternalID, c.params["external_id"]) {
			return c.serverItem(srv)
		}
	}
	return 0, nil, errNotFound()
}

// serverItem is the 200 answer of a read or an update: the server with the request's includes,
// read now (after the update's changes).
func (c *call) serverItem(srv *server) (int, any, *apiError) {
	return c.serverAnswer(http.StatusOK, srv)
}

// serverAnswer renders srv with the request's includes. An include of transfer fails the
// rendering only, so a write has already been done when its answer is that 500.
func (c *call) serverAnswer(status int, srv *server) (int, any, *apiError) {
	inc, err := c.serverIncludes()
	if err != nil {
		return 0, nil, err
	}
	return status, item("server", c.serverAttrs(srv, inc)), nil
}

// serverIncludes is requestIncludes for a server answer. transfer is declared by the
// transformer but has no include method: asking for it is a 500 when the answer is rendered.
func (c *call) serverIncludes() (includes, *apiError) {
	inc := c.requestIncludes()
	if _, ok := inc["transfer"]; ok {
		return nil, newError(http.StatusInternalServerError, "BadMethodCallException", msgUnexpected)
	}
	return inc, nil
}

// installed is container.installed: 0 only while installing or after a failed first install.
func (srv *server) installed() int {
	if st := deref(srv.Status); st == statusInstalling || st == statusInstallFailed {
		return 0
	}
	return 1
}

// environment is what the transformer shows: each egg variable's stored value (its default only
// when the stored value is null), then the panel's own variables.
func (c *call) environment(srv *server) obj {
	env := obj{}
	for _, v := range c.st.variablesOf(srv.EggID) {
		val := v.DefaultValue
		if sv := srv.variable(v.ID); sv != nil && sv.Value != nil {
			val = *sv.Value
		}
		env[v.EnvVariable] = val
	}
	env["STARTUP"] = srv.Startup
	loc := ""
	if n, ok := c.st.nodes.get(srv.NodeID); ok {
		if l, ok := c.st.locations.get(n.LocationID); ok {
			loc = l.Short
		}
	}
	env["P_SERVER_LOCATION"] = loc
	env["P_SERVER_UUID"] = srv.UUID
	env["P_SERVER_ALLOCATION_LIMIT"] = srv.AllocationLimit
	return env
}

func (srv *server) variable(id int) *variable {
	for i := range srv.Variables {
		if srv.Variables[i].VariableID == id {
			return &srv.Variables[i]
		}
	}
	return nil
}

// setVariable writes a server_variables row.
func (srv *server) setVariable(id int, value *string) {
	if v := srv.variable(id); v != nil {
		v.Value = value
		return
	}
	srv.Variables = append(srv.Variables, variable{VariableID: id, Value: value})
}

func (c *call) serverAttrs(srv *server, inc includes) obj {
	a := obj{
		"id": srv.ID, "external_id": srv.ExternalID, "uuid": srv.UUID, "identifier": srv.UUIDShort,
		"name": srv.Name, "description": srv.Description, "status": srv.Status,
		"suspended": deref(srv.Status) == statusSuspended,
		"limits": obj{"memory": srv.Memory, "swap": srv.Swap, "disk": srv.Disk, "io": srv.IO, "cpu": srv.CPU,
			"threads": srv.Threads, "oom_disabled": srv.OOMDisabled},
		"feature_limits": obj{"databases": srv.DatabaseLimit, "allocations": srv.AllocationLimit, "backups": srv.BackupLimit},
		"user":           srv.OwnerID, "node": srv.NodeID, "allocation": srv.AllocationID, "nest": srv.NestID, "egg": srv.EggID,
		"container": obj{"startup_command": srv.Startup, "image": srv.Image, "installed": srv.installed(),
			"environment": c.environment(srv)},
		"updated_at": timestamp(srv.UpdatedAt), "created_at": timestamp(srv.CreatedAt),
	}
	c.serverRelationships(a, srv, inc)
	return c.flavorServer(a)
}

func (c *call) serverRelationships(a obj, srv *server, inc includes) {
	if sub, ok := inc["allocations"]; ok {
		c.relate(a, "allocations", ResAllocations, func() obj {
			var list []obj
			for _, al := range c.st.allocationsOf(0, srv.ID) {
				list = append(list, c.allocationAttrs(al, sub))
			}
			return plainList("allocation", list)
		})
	}
	if sub, ok := inc["user"]; ok {
		c.relate(a, "user", ResUsers, func() obj {
			u, _ := c.st.users.get(srv.OwnerID)
			return c.relatedItem("user", u.ID, sub, func() obj { return c.userAttrs(u, sub) })
		})
	}
	if _, ok := inc["subusers"]; ok {
		c.relate(a, "subusers", ResUsers, func() obj {
			var list []obj
			for _, su := range c.st.subusersOf(srv.ID) {
				list = append(list, obj{"id": su.ID, "user_id": su.UserID, "server_id": su.ServerID,
					"permissions": su.permissionsJSON(), "created_at": timestamp(su.CreatedAt), "updated_at": timestamp(su.UpdatedAt)})
			}
			return plainList("subuser", list)
		})
	}
	if sub, ok := inc["nest"]; ok {
		c.relate(a, "nest", ResNests, func() obj {
			n, _ := c.st.nests.get(srv.NestID)
			return c.relatedItem("nest", n.ID, sub, func() obj { return c.nestAttrs(n, sub) })
		})
	}
	if sub, ok := inc["egg"]; ok {
		c.relate(a, "egg", ResEggs, func() obj {
			e, _ := c.st.eggs.get(srv.EggID)
			return c.relatedItem("egg", e.ID, sub, func() obj { return c.eggAttrs(e, sub) })
		})
	}
	if _, ok := inc["variables"]; ok {
		c.relate(a, "variables", ResServers, func() obj {
			e, _ := c.st.eggs.get(srv.EggID)
			var list []obj
			for _, v := range c.st.variablesOf(srv.EggID) {
				attrs := c.eggVariableCopy(v, e)
				var value any
				if sv := srv.variable(v.ID); sv != nil && sv.Value != nil {
					value = *sv.Value
				}
				attrs["server_value"] = value
				list = append(list, attrs)
			}
			return plainList("server_variable", list)
		})
	}
	if sub, ok := inc["location"]; ok {
		c.relate(a, "location", ResLocations, func() obj {
			n, _ := c.st.nodes.get(srv.NodeID)
			l, _ := c.st.locations.get(n.LocationID)
			return c.relatedItem("location", l.ID, sub, func() obj { return c.locationAttrs(l, sub) })
		})
	}
	if sub, ok := inc["node"]; ok {
		c.relate(a, "node", ResNodes, func() obj {
			n, _ := c.st.nodes.get(srv.NodeID)
			return c.relatedItem("node", n.ID, sub, func() obj { return c.nodeAttrs(n, sub) })
		})
	}
	if sub, ok := inc["databases"]; ok {
		c.relate(a, "databases", ResServerDatabases, func() obj {
			var list []obj
			for _, d := range c.st.databasesOf(srv.ID) {
				list = append(list, c.databaseAttrs(d, sub))
			}
			// The panel's transformer passes "databases" as the item key.
			return plainList("databases", list)
		})
	}
}

// eggVariables validates environment.<ENV> against each of the egg's variables' own rules (all of
// them: the Application API validates as an admin) and returns the values to store: omitted and
// null values are stored as "", not as the variable's default.
func (c *call) eggVariables(eggID int, env map[string]any, errs *validationErrors) map[int]*string {
	in := input{"environment": env}
	values := map[int]*string{}
	for _, v := range c.st.variablesOf(eggID) {
		path := "environment." + v.EnvVariable
		validateField(in, field{path: path, rules: v.Rules, attr: v.Name + " variable"}, errs)
		val := ""
		if p := in.str(path); p != nil {
			val = *p
		}
		values[v.ID] = ptr(val)
	}
	return values
}

// dockerImageRule is the panel's image pattern.
const dockerImageRule = `regex:/^~?[\w\.\/\-:@ ]*$/`
