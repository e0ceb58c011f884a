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

var locationFilters = []filter[location]{
	like("short", func(l *location) string { return l.Short }),
	like("long", func(l *location) string { return deref(l.Long) }),
}

var locationSorts = []sorter[location]{{"id", func(l *location) string { return itoa(l.ID) }}}

func listLocations(c *call) (int, any, *apiError) {
	rows, err := queryTable(c, &c.st.locations, "locations", locationFilters, locationSorts)
	if err != nil {
		return 0, nil, err
	}
	inc := c.requestIncludes()
	list, err := paginateRows(c, "location", rows, pager{}, func(l **location) obj { return c.locationAttrs(*l, inc) })
	return http.StatusOK, list, err
}

func getLocation(c *call) (int, any, *apiError) {
	return http.StatusOK, item("location", c.locationAttrs(c.boundLocation, c.requestIncludes())), nil
}

// locationFields are Location's rules. StoreLocationRequest::attributes (which
// UpdateLocationRequest inherits) names short "Location Identifier" and long "Location
// Description" in the panel's messages.
func (c *call) locationFields(self *location) []field {
	const short, long = "Location Identifier", "Location Description"
	return []field{
		{path: "short", rules: "required|string|between:1,60", attr: short, custom: []customRule{
			unique(&c.st.locations, self, short, func(l *location) string { return l.Short })}},
		{path: "long", rules: "nullable|string|between:1,191", attr: long},
	}
}

func createLocation(c *call) (int, any, *apiError) {
	var errs validationErrors
	validate(c.body, c.locationFields(nil), &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	now := c.sim.now()
	l := &location{Short: *c.body.str("short"), Long: c.body.str("long"), CreatedAt: now, UpdatedAt: now}
	l.ID = c.st.locations.insert(l)
	return http.StatusCreated, c.withResource(item("location", c.locationAttrs(l, c.requestIncludes())), "/locations/", l.ID), nil
}

func updateLocation(c *call) (int, any, *apiError) {
	var errs validationErrors
	validate(c.body, c.locationFields(c.boundLocation), &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	l := c.boundLocation
	l.Short = *c.body.str("short")
	if _, present := c.body.lookup("long"); present {
		l.Long = c.body.str("long")
	}
	l.UpdatedAt = c.sim.now()
	return http.StatusOK, item("location", c.locationAttrs(l, c.requestIncludes())), nil
}

func deleteLocation(c *call) (int, any, *apiError) {
	for _, n := range c.st.nodes.rows {
		if n.LocationID == c.boundLocation.ID {
			return 0, nil, errDisplay("HasActiveNodesException", "Cannot delete a location that has active nodes attached to it.")
		}
	}
	c.st.locations.delete(c.boundLocation.ID)
	return http.StatusNoContent, nil, nil
}

func (c *call) locationAttrs(l *location, inc includes) obj {
	a := obj{"id": l.ID, "short": l.Short, "long": l.Long,
		"updated_at": timestamp(l.UpdatedAt), "created_at": timestamp(l.CreatedAt)}
	if sub, ok := inc["nodes"]; ok {
		c.relate(a, "nodes", ResNodes, func() obj {
			var list []obj
			for _, n := range c.st.nodes.all() {
				if n.LocationID == l.ID {
					list = append(list, c.nodeAttrs(n, sub))
				}
			}
			return plainList("node", list)
		})
	}
	if sub, ok := inc["servers"]; ok {
		c.relate(a, "servers", ResServers, func() obj {
			var list []obj
			for _, srv := range c.st.servers.all() {
				if n, ok := c.st.nodes.get(srv.NodeID); ok && n.LocationID == l.ID {
					list = append(list, c.serverAttrs(srv, sub))
				}
			}
			return plainList("server", list)
		})
	}
	return a
}
