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
	"fmt"
	"net/http"
)

const maxDatabaseName = 48

// listDatabases is not paginated: the whole collection, no meta.
func listDatabases(c *call) (int, any, *apiError) {
	inc := c.requestIncludes()
	var attrs []obj
	for _, d := range c.st.databasesOf(c.boundServer.ID) {
		attrs = append(attrs, c.databaseAttrs(d, inc))
	}
	return http.StatusOK, plainList("server_database", attrs), nil
}

func getDatabase(c *call) (int, any, *apiError) {
	return http.StatusOK, item("server_database", c.databaseAttrs(c.boundDatabase, c.requestIncludes())), nil
}

// createDatabase is DatabaseManagementService: the server's database limit (0 blocks even
// admins, null is unlimited), then s<serverId>_<name> cut to 48 characters, unique per server.
func createDatabase(c *call) (int, any, *apiError) {
	srv := c.boundServer
	var errs validationErrors
	validate(c.body, []field{
		{path: "database", rules: "required|alpha_dash|min:1|max:48"},
		{path: "remote", rules: "required|string|regex:/^[0-9%.]{1,15}$/"},
		{path: "host", rules: "required|integer", custom: []customRule{exists("host", c.st.databaseHosts.has)}},
	}, &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	existing := c.st.databasesOf(srv.ID)
	if srv.DatabaseLimit != nil && len(existing) >= *srv.DatabaseLimit {
		return 0, nil, errDisplay("TooManyDatabasesException", "Cannot create additional databases on this server: the database limit has been reached.")
	}
	name := fmt.Sprintf("s%d_%s", srv.ID, *c.body.str("database"))
	if len(name) > maxDatabaseName {
		name = name[:maxDatabaseName]
	}
	for _, d := range existing {
		if d.Database == name {
			return 0, nil, errDisplay("DuplicateDatabaseNameException", "A database with that name already exists for this server.")
		}
	}
	now := c.sim.now()
	d := &database{ServerID: srv.ID, HostID: c.body.intOr("host", 0), Database: name,
		Username: fmt.Sprintf("u%d_%s", srv.ID, c.sim.randomString(10)), Remote: *c.body.str("remote"),
		Password: c.sim.randomString(24), CreatedAt: now, UpdatedAt: now}
	d.ID = c.st.databases.insert(d)
	body := item("server_database", c.databaseAttrs(d, c.requestIncludes()))
	return http.StatusCreated, c.withResource(body, fmt.Sprintf("/servers/%d/databases/", srv.ID), d.ID), nil
}

func resetDatabasePassword(c *call) (int, any, *apiError) {
	c.boundDatabase.Password = c.sim.randomString(24)
	c.boundDatabase.UpdatedAt = c.sim.now()
	return http.StatusNoContent, nil, nil
}

func deleteDatabase(c *call) (int, any, *apiError) {
	c.st.databases.delete(c.boundDatabase.ID)
	return http.StatusNoContent, nil, nil
}

func (c *call) databaseAttrs(d *database, inc includes) obj {
	a := obj{"id": d.ID, "server": d.ServerID, "host": d.HostID, "database": d.Database, "username": d.Username,
		"remote": d.Remote, "max_connections": d.MaxConnections,
		"created_at": timestamp(d.CreatedAt), "updated_at": timestamp(d.UpdatedAt)}
	if _, ok := inc["password"]; ok {
		// Not permission-gated in the panel.
		c.relate(a, "password", "", func() obj { return item("database_password", obj{"password": d.Password}) })
	}
	if _, ok := inc["host"]; ok {
		c.relate(a, "host", ResDatabaseHosts, func() obj {
			h, _ := c.st.databaseHosts.get(d.HostID)
			return item("database_host", obj{"id": h.ID, "name": h.Name, "host": h.Host, "port": h.Port,
				"username": h.Username, "node": h.NodeID, "created_at": timestamp(h.CreatedAt), "updated_at": timestamp(h.UpdatedAt)})
		})
	}
	return a
}
