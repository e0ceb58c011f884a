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
	"strings"
	"testing"
)

// panel-api.md §4 Server databases.

func dbBody(name string) map[string]any {
	return map[string]any{"database": name, "remote": "%", "host": dbHostID}
}

func TestDatabasesCRUD(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("with-db", 1))
	base := fmt.Sprintf("/servers/%d/databases", id)

	r := e.get(base)
	wantStatus(t, r, http.StatusOK)
	if l, ok := r.at("data").([]any); r.at("object") != "list" || !ok || len(l) != 0 || has(r.body, "meta") {
		t.Errorf("empty list: %s", r.raw)
	}

	r = e.post(base, map[string]any{"database": "main", "remote": "10.0.%", "host": dbHostID})
	wantStatus(t, r, http.StatusCreated)
	dbID := num(r.at("attributes.id"))
	if r.at("object") != "server_database" || r.at("meta.resource") != fmt.Sprintf("%s%s%s/%d", e.srv.URL, appBase, base, dbID) {
		t.Errorf("create: object %v meta %v", r.at("object"), r.at("meta"))
	}
	want := map[string]any{"server": float64(id), "host": float64(dbHostID), "database": fmt.Sprintf("s%d_main", id), "remote": "10.0.%"}
	for k, v := range want {
		if got := r.at("attributes." + k); got != v {
			t.Errorf("%s = %#v, want %#v", k, got, v)
		}
	}
	for _, k := range []string{"username", "max_connections", "created_at", "updated_at"} {
		if !has(r.body, "attributes."+k) {
			t.Errorf("attribute %s missing", k)
		}
	}

	r = e.get(base)
	if l, _ := r.at("data").([]any); len(l) != 1 || has(r.body, "meta") || r.at("data.0.object") != "server_database" {
		t.Errorf("list: %s", r.raw)
	}

	// The password is an include, and is not permission-gated.
	r = e.get(fmt.Sprintf("%s/%d?include=password,host", base, dbID))
	wantStatus(t, r, http.StatusOK)
	pw, _ := r.at("attributes.relationships.password.attributes.password").(string)
	if r.at("attributes.relationships.password.object") != "database_password" || pw == "" {
		t.Errorf("password include: %v", r.at("attributes.relationships.password"))
	}
	host := r.at("attributes.relationships.host")
	if at(host, "object") != "database_host" || at(host, "attributes.name") != "local-mysql" || at(host, "attributes.port") != float64(3306) {
		t.Errorf("host include: %v", host)
	}

	r = e.post(fmt.Sprintf("%s/%d/reset-password", base, dbID), nil)
	wantStatus(t, r, http.StatusNoContent)
	after := e.get(fmt.Sprintf("%s/%d?include=password", base, dbID)).at("attributes.relationships.password.attributes.password")
	if after == pw || after == "" {
		t.Error("reset-password kept the password")
	}

	// The server's databases include says "databases".
	r = e.get(fmt.Sprintf("/servers/%d?include=databases", id))
	if r.at("attributes.relationships.databases.data.0.object") != "databases" {
		t.Errorf("databases include: %v", r.at("attributes.relationships.databases"))
	}

	wantError(t, e.post(base, dbBody("main")), http.StatusBadRequest, "DuplicateDatabaseNameException",
		"A database with that name already exists for this server.")

	wantStatus(t, e.del(fmt.Sprintf("%s/%d", base, dbID)), http.StatusNoContent)
	wantStatus(t, e.get(fmt.Sprintf("%s/%d", base, dbID)), http.StatusNotFound)
}

func TestDatabasesValidation(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("db-rules", 1))
	base := fmt.Sprintf("/servers/%d/databases", id)
	cases := []struct {
		name   string
		change func(map[string]any)
		field  string
		rule   string
		detail string
	}{
		{"database missing", func(b map[string]any) { delete(b, "database") }, "database", "required", "The database field is required."},
		{"database with a space", func(b map[string]any) { b["database"] = "my db" }, "database", "alpha_dash",
			"The database may only contain letters, numbers, dashes and underscores."},
		{"database too long", func(b map[string]any) { b["database"] = strings.Repeat("d", 49) }, "database", "max",
			"The database may not be greater than 48 characters."},
		{"remote missing", func(b map[string]any) { delete(b, "remote") }, "remote", "required", "The remote field is required."},
		{"remote a hostname", func(b map[string]any) { b["remote"] = "db.example.com" }, "remote", "regex", "The remote format is invalid."},
		{"host unknown", func(b map[string]any) { b["host"] = 99 }, "host", "exists", "The selected host is invalid."},
		{"host missing", func(b map[string]any) { delete(b, "host") }, "host", "required", "The host field is required."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := dbBody("ok")
			tc.change(b)
			wantValidation(t, e.post(base, b), tc.field, tc.rule, tc.detail)
		})
	}
	// The stored name is cut to 48 characters.
	r := e.post(base, dbBody(strings.Repeat("n", 48)))
	wantStatus(t, r, http.StatusCreated)
	if got, _ := r.at("attributes.database").(string); len(got) != 48 || !strings.HasPrefix(got, fmt.Sprintf("s%d_n", id)) {
		t.Errorf("long name stored as %q", got)
	}
}

func TestDatabasesLimit(t *testing.T) {
	e := newEnv(t)
	b := serverBody("no-dbs", 1)
	set(b, "feature_limits.databases", 0)
	zero := e.createServer(b)
	wantError(t, e.post(fmt.Sprintf("/servers/%d/databases", zero), dbBody("blocked")), http.StatusBadRequest, "TooManyDatabasesException",
		"Cannot create additional databases on this server: the database limit has been reached.")

	b = serverBody("one-db", 2)
	set(b, "feature_limits.databases", 1)
	one := e.createServer(b)
	base := fmt.Sprintf("/servers/%d/databases", one)
	wantStatus(t, e.post(base, dbBody("first")), http.StatusCreated)
	wantStatus(t, e.post(base, dbBody("second")), http.StatusBadRequest)

	// A build with databases: null lifts the limit.
	build := buildBody(2, 1024)
	set(build, "feature_limits.databases", nil)
	wantStatus(t, e.patch(fmt.Sprintf("/servers/%d/build", one), build), http.StatusOK)
	wantStatus(t, e.post(base, dbBody("second")), http.StatusCreated)
	wantStatus(t, e.post(base, dbBody("third")), http.StatusCreated)
}

func TestDatabasesScopedToTheServer(t *testing.T) {
	e := newEnv(t)
	a := e.createServer(serverBody("a", 1))
	b := e.createServer(serverBody("b", 2))
	r := e.post(fmt.Sprintf("/servers/%d/databases", a), dbBody("main"))
	dbID := num(r.at("attributes.id"))
	wantStatus(t, e.get(fmt.Sprintf("/servers/%d/databases/%d", b, dbID)), http.StatusNotFound)
	wantStatus(t, e.del(fmt.Sprintf("/servers/%d/databases/%d", b, dbID)), http.StatusNotFound)
	wantStatus(t, e.get(fmt.Sprintf("/servers/%d/databases/%d", a, dbID)), http.StatusOK)
}

// The create answers with the request's includes, as DatabaseController::store renders the new
// database through the same transformer as a GET.
func TestDatabasesCreateIncludes(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("with-db", 1))
	base := fmt.Sprintf("/servers/%d/databases", id)
	r := e.post(base+"?include=password,host", dbBody("main"))
	wantStatus(t, r, http.StatusCreated)
	pw, _ := r.at("attributes.relationships.password.attributes.password").(string)
	if r.at("attributes.relationships.password.object") != "database_password" || pw == "" {
		t.Errorf("password include: %v", r.at("attributes.relationships.password"))
	}
	if r.at("attributes.relationships.host.object") != "database_host" || num(r.at("attributes.relationships.host.attributes.id")) != dbHostID {
		t.Errorf("host include: %v", r.at("attributes.relationships.host"))
	}
	dbID := num(r.at("attributes.id"))
	if got := e.get(fmt.Sprintf("%s/%d?include=password", base, dbID)).at("attributes.relationships.password.attributes.password"); got != pw {
		t.Errorf("password %v on GET, %q on the create", got, pw)
	}
}
