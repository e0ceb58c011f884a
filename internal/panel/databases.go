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
	"net/http"
)

const (
	routeDatabases             = "/api/application/servers/{server}/databases"
	routeDatabase              = "/api/application/servers/{server}/databases/{database}"
	routeDatabaseResetPassword = "/api/application/servers/{server}/databases/{database}/reset-password"
)

// DatabasesService manages a server's databases (r_server_databases).
type DatabasesService service

// ServerDatabase is the panel's server database transformer.
type ServerDatabase struct {
	ID             int       `json:"id"`
	Server         int       `json:"server"`
	Host           int       `json:"host"`
	Database       string    `json:"database"` // s{serverId}_{name}
	Username       string    `json:"username"`
	Remote         string    `json:"remote"`
	MaxConnections *int      `json:"max_connections"`
	CreatedAt      Timestamp `json:"created_at"`
	UpdatedAt      Timestamp `json:"updated_at"`
	// Relationships: "password" (not permission-gated) and "host" (r_database_hosts).
	Relationships DatabaseRelationships `json:"relationships"`
}

// DatabaseRelationships holds a database's includes.
type DatabaseRelationships struct {
	Password *DatabasePassword `json:"password,omitempty"`
	Host     *DatabaseHost     `json:"host,omitempty"`
	Denied   []string          `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *DatabaseRelationships) UnmarshalJSON(data []byte) error {
	*r = DatabaseRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw struct {
		Password relItem[DatabasePassword] `json:"password"`
		Host     relItem[DatabaseHost]     `json:"host"`
	}
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	var denied []string
	*r = DatabaseRelationships{
		Password: relOne(&denied, "password", &raw.Password),
		Host:     relOne(&denied, "host", &raw.Host),
	}
	r.Denied = denied
	return nil
}

// DatabasePassword is the "password" include. Never log it.
type DatabasePassword struct {
	Password string `json:"password"`
}

// DatabaseHost is the "host" include; 1.x has no database host routes of its own.
type DatabaseHost struct {
	ID        int       `json:"id"`
	Name      string    `json:"name"`
	Host      string    `json:"host"`
	Port      int       `json:"port"`
	Username  string    `json:"username"`
	Node      *int      `json:"node"`
	CreatedAt Timestamp `json:"created_at"`
	UpdatedAt Timestamp `json:"updated_at"`
}

// DatabaseCreateRequest is the body of POST /servers/{id}/databases.
type DatabaseCreateRequest struct {
	// Database is alpha_dash, 1-48; the panel stores s{serverId}_{name}.
	Database string `json:"database"`
	// Remote is where connections may come from: "%" or an IP pattern (^[0-9%.]{1,15}$).
	Remote string `json:"remote"`
	// Host is the database host id.
	Host int `json:"host"`
}

// List returns every database of a server (not paginated); includes: password, host.
func (s *DatabasesService) List(ctx context.Context, server int, include ...string) ([]ServerDatabase, error) {
	cl := newCall(http.MethodGet, routeDatabases, server)
	cl.query = includeQuery(include)
	dbs, _, err := getList[ServerDatabase](ctx, s.client, cl)
	return dbs, err
}

// Get returns one database of a server.
func (s *DatabasesService) Get(ctx context.Context, server, id int, include ...string) (*ServerDatabase, error) {
	cl := newCall(http.MethodGet, routeDatabase, server, id)
	cl.query = includeQuery(include)
	return getItem[ServerDatabase](ctx, s.client, cl)
}

// Create adds a database (201). 400 TooManyDatabasesException when the server's database limit
// is reached (a limit of 0 blocks even admins).
func (s *DatabasesService) Create(ctx context.Context, server int, req DatabaseCreateRequest) (*ServerDatabase, error) {
	cl := newCall(http.MethodPost, routeDatabases, server)
	cl.body = req
	return getItem[ServerDatabase](ctx, s.client, cl)
}

// ResetPassword rotates the database user's password (204). Get with include "password" to
// read the new one.
func (s *DatabasesService) ResetPassword(ctx context.Context, server, id int) error {
	return s.client.do(ctx, newCall(http.MethodPost, routeDatabaseResetPassword, server, id), nil)
}

// Delete drops a database (204).
func (s *DatabasesService) Delete(ctx context.Context, server, id int) error {
	return s.client.do(ctx, newCall(http.MethodDelete, routeDatabase, server, id), nil)
}
