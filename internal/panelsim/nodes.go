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
	"strconv"
)

const defaultDaemonBase = "/var/lib/pterodactyl/volumes"

var nodeFilters = []filter[node]{
	like("uuid", func(n *node) string { return n.UUID }),
	like("name", func(n *node) string { return n.Name }),
	like("fqdn", func(n *node) string { return n.FQDN }),
	like("daemon_token_id", func(n *node) string { return n.DaemonTokenID }),
}

var nodeSorts = []sorter[node]{
	{"id", func(n *node) string { return itoa(n.ID) }},
	{"uuid", func(n *node) string { return n.UUID }},
	{"memory", func(n *node) string { return itoa(n.Memory) }},
	{"disk", func(n *node) string { return itoa(n.Disk) }},
}

func listNodes(c *call) (int, any, *apiError) {
	rows, err := queryTable(c, &c.st.nodes, "nodes", nodeFilters, nodeSorts)
	if err != nil {
		return 0, nil, err
	}
	inc := c.requestIncludes()
	list, err := paginateRows(c, "node", rows, pager{}, func(n **node) obj { return c.nodeAttrs(*n, inc) })
	return http.StatusOK, list, err
}

func getNode(c *call) (int, any, *apiError) {
	return http.StatusOK, item("node", c.nodeAttrs(c.boundNode, c.requestIncludes())), nil
}

// nodeFields are the panel's node rules (Node::$validationRules under their API names). An
// update sends them all again: the panel validates a PATCH like a create. description is not
// among them: StoreNodeRequest keeps only these fields, so the panel neither checks nor saves it.
func (c *call) nodeFields() []field {
	return []field{
		{path: "name", rules: `required|regex:/^([\w .-]{1,100})$/`},
		{path: "location_id", rules: "required", custom: []customRule{exists("location_id", c.st.locations.has)}},
		{path: "public", rules: "boolean"},
		{path: "fqdn", rules: "required|string"},
		{path: "scheme", rules: "required"},
		{path: "behind_proxy", rules: "boolean"},
		{path: "memory", rules: "required|numeric|min:1"},
		{path: "memory_overallocate", rules: "required|numeric|min:-1"},
		{path: "disk", rules: "required|numeric|min:1"},
		{path: "disk_overallocate", rules: "required|numeric|min:-1"},
		{path: "daemon_base", rules: `sometimes|required|regex:/^([\/][\d\w.\-\/]+)$/`},
		{path: "daemon_sftp", rules: "required|numeric|between:1,65535"},
		{path: "daemon_listen", rules: "required|numeric|between:1,65535"},
		{path: "maintenance_mode", rules: "boolean"},
		{path: "upload_size", rules: "integer|between:1,1024"},
	}
}

func createNode(c *call) (int, any, *apiError) {
	var errs validationErrors
	validate(c.body, c.nodeFields(), &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	now := c.sim.now()
	n := &node{UUID: c.sim.uuid(), DaemonTokenID: c.sim.randomString(16), DaemonToken: c.sim.randomString(64),
		Public: true, UploadSize: 100, CreatedAt: now, UpdatedAt: now}
	c.applyNode(n)
	n.ID = c.st.nodes.insert(n)
	return http.StatusCreated, c.withResource(item("node", c.nodeAttrs(n, c.requestIncludes())), "/nodes/", n.ID), nil
}

func updateNode(c *call) (int, any, *apiError) {
	var errs validationErrors
	validate(c.body, c.nodeFields(), &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	n := c.boundNode
	c.applyNode(n)
	if reset, _ := c.body.boolean("reset_secret"); reset {
		n.DaemonTokenID, n.DaemonToken = c.sim.randomString(16), c.sim.randomString(64)
	}
	n.UpdatedAt = c.sim.now()
	// The panel saves, then pushes the new configuration to Wings; if that fails, the change stays
	// saved and the answer is a 400 all the same.
	if !c.sim.wingsReachable(n.ID) {
		return 0, nil, errDisplay("ConfigurationNotPersistedException",
			"The daemon configuration has been updated, however there was an error encountered while attempting to automatically update the configuration file on the Daemon. You will need to manually update the configuration file (config.yml) for the daemon to apply these changes.")
	}
	// NodeTransformer serves the model's toArray(), which carries every relation loaded on it.
	// Only the update loads one: NodeUpdateService builds the Wings config for the pushed node,
	// and Node::getConfiguration reads $node->mounts (for allowed_mounts), so this answer alone
	// has a mounts list. The simulator has no mounts, so it is always empty.
	a := c.nodeAttrs(n, c.requestIncludes())
	a["mounts"] = []any{}
	return http.StatusOK, item("node", a), nil
}

// applyNode writes validated input. daemon_base is reset when omitted, as the panel's request
// fills in its default before saving. description is dropped on create and update alike (the
// UpdateNodeRequest extends the StoreNodeRequest and its field list).
func (c *call) applyNode(n *node) {
	in := c.body
	n.Name = in.strOr("name", n.Name)
	n.LocationID = in.intOr("location_id", n.LocationID)
	n.FQDN = in.strOr("fqdn", n.FQDN)
	n.Scheme = in.strOr("scheme", n.Scheme)
	n.Public = in.boolOr("public", n.Public)
	n.BehindProxy = in.boolOr("behind_proxy", n.BehindProxy)
	n.MaintenanceMode = in.boolOr("maintenance_mode", n.MaintenanceMode)
	n.Memory = in.intOr("memory", n.Memory)
	n.MemoryOverallocate = in.intOr("memory_overallocate", n.MemoryOverallocate)
	n.Disk = in.intOr("disk", n.Disk)
	n.DiskOverallocate = in.intOr("disk_overallocate", n.DiskOverallocate)
	n.UploadSize = in.intOr("upload_size", n.UploadSize)
	n.DaemonListen = in.intOr("daemon_listen", n.DaemonListen)
	n.DaemonSFTP = in.intOr("daemon_sftp", n.DaemonSFTP)
	n.DaemonBase = in.strOr("daemon_base", defaultDaemonBase)
}

func deleteNode(c *call) (int, any, *apiError) {
	if len(c.st.serversOnNode(c.boundNode.ID)) > 0 {
		return 0, nil, errDisplay("HasActiveServersException", "A node must have no servers linked to it in order to be deleted.")
	}
	for _, a := range c.st.allocationsOf(c.boundNode.ID, 0) {
		c.st.allocations.delete(a.ID)
	}
	c.st.nodes.delete(c.boundNode.ID)
	return http.StatusNoContent, nil, nil
}

// nodeConfiguration is Wings' config.yml as JSON, without the envelope.
func nodeConfiguration(c *call) (int, any, *apiError) {
	n := c.boundNode
	return http.StatusOK, obj{
		"debug": false, "uuid": n.UUID, "token_id": n.DaemonTokenID, "token": n.DaemonToken,
		"api": obj{"host": "0.0.0.0", "port": n.DaemonListen, "ssl": obj{
			"enabled": !n.BehindProxy && n.Scheme == "https",
			"cert":    "/etc/letsencrypt/live/" + n.FQDN + "/fullchain.pem",
			"key":     "/etc/letsencrypt/live/" + n.FQDN + "/privkey.pem",
		}, "upload_limit": n.UploadSize},
		"system":         obj{"data": n.DaemonBase, "sftp": obj{"bind_port": n.DaemonSFTP}},
		"allowed_mounts": []any{},
		"remote":         c.baseURL,
	}, nil
}

// deployableNodes lists public nodes with room for memory and disk, optionally in some
// locations. It is paginated only when ?page is given (and not empty).
func deployableNodes(c *call) (int, any, *apiError) {
	in := input{}
	for _, k := range []string{"memory", "disk"} {
		if c.query.Has(k) {
			in[k] = c.query.Get(k)
		}
	}
	var errs validationErrors
	validate(in, []field{{path: "memory", rules: "required|integer|min:0"}, {path: "disk", rules: "required|integer|min:0"}}, &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	var locations []int
	for _, raw := range append(c.query["location_ids[]"], c.query["location_ids"]...) {
		if id, err := strconv.Atoi(raw); err == nil {
			locations = append(locations, id)
		}
	}
	// The controller passes ?per_page and ?page to handle(?int $perPage, ?int $page): they are
	// coerced (or refused) before any query, and a page makes the answer paginated.
	if _, _, err := c.perPage(true); err != nil {
		return 0, nil, err
	}
	pg := pager{intPerPage: true}
	rawPage, paged, pageArray := c.phpQuery("page")
	if paged {
		f, kind := phpNumeric(rawPage)
		switch {
		case pageArray || kind == phpNonNumeric:
			return 0, nil, errPHP("TypeError")
		case kind == phpLeadingNumeric:
			return 0, nil, errPHP("ErrorException")
		}
		// paginate() reads ?page itself for a falsy page, and the paginator shows page 1 for
		// anything below 1; a negative page's offset is 0.
		pg.page = max(phpInt(rawPage, f), 1)
	}
	nodes := c.st.viableNodes(in.intOr("memory", 0), in.intOr("disk", 0), locations)
	noneViable := errDisplay("NoViableNodeException", "No nodes satisfying the requirements specified for automatic deployment could be found.")
	inc := c.requestIncludes()
	attrs := make([]obj, len(nodes))
	for i, n := range nodes {
		attrs[i] = c.nodeAttrs(n, inc)
	}
	if !paged {
		if len(nodes) == 0 {
			return 0, nil, noneViable
		}
		return http.StatusOK, plainList("node", attrs), nil
	}
	list, err := paginate(c, "node", attrs, pg)
	if err != nil {
		return 0, nil, err
	}
	// The service checks the page it got: past the last one, that is no viable node either.
	if data, _ := list["data"].([]obj); len(data) == 0 {
		return 0, nil, noneViable
	}
	return http.StatusOK, list, nil
}

// viableNodes is FindViableNodesService: public nodes, in the given locations if any, where the
// servers' sum plus the request fits capacity × (1 + overallocate/100).
func (s *state) viableNodes(memory, disk int, locations []int) []*node {
	var out []*node
	for _, n := range s.nodes.all() {
		if !n.Public || (len(locations) > 0 && !containsInt(locations, n.LocationID)) {
			continue
		}
		usedMem, usedDisk := s.allocatedResources(n.ID)
		if float64(usedMem+memory) <= float64(n.Memory)*(1+float64(n.MemoryOverallocate)/100) &&
			float64(usedDisk+disk) <= float64(n.Disk)*(1+float64(n.DiskOverallocate)/100) {
			out = append(out, n)
		}
	}
	return out
}

func (c *call) nodeAttrs(n *node, inc includes) obj {
	mem, disk := c.st.allocatedResources(n.ID)
	a := obj{
		"id": n.ID, "uuid": n.UUID, "public": n.Public, "name": n.Name, "description": n.Description,
		"location_id": n.LocationID, "fqdn": n.FQDN, "scheme": n.Scheme, "behind_proxy": n.BehindProxy,
		"maintenance_mode": n.MaintenanceMode, "memory": n.Memory, "memory_overallocate": n.MemoryOverallocate,
		"disk": n.Disk, "disk_overallocate": n.DiskOverallocate, "upload_size": n.UploadSize,
		"daemon_listen": n.DaemonListen, "daemon_sftp": n.DaemonSFTP, "daemon_base": n.DaemonBase,
		"created_at": timestamp(n.CreatedAt), "updated_at": timestamp(n.UpdatedAt),
		"allocated_resources": obj{"memory": mem, "disk": disk},
	}
	if sub, ok := inc["allocations"]; ok {
		c.relate(a, "allocations", ResAllocations, func() obj {
			var list []obj
			for _, al := range c.st.allocationsOf(n.ID, 0) {
				list = append(list, c.allocationAttrs(al, sub))
			}
			return plainList("allocation", list)
		})
	}
	if sub, ok := inc["location"]; ok {
		c.relate(a, "location", ResLocations, func() obj {
			l, _ := c.st.locations.get(n.LocationID)
			return c.relatedItem("location", l.ID, sub, func() obj { return c.locationAttrs(l, sub) })
		})
	}
	if sub, ok := inc["servers"]; ok {
		c.relate(a, "servers", ResServers, func() obj {
			var list []obj
			for _, srv := range c.st.serversOnNode(n.ID) {
				list = append(list, c.serverAttrs(srv, sub))
			}
			return plainList("server", list)
		})
	}
	return c.flavorNode(a)
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
