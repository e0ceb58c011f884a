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
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// panel-api.md §4 Users.

func TestUsersCreate(t *testing.T) {
	e := newEnv(t)
	body := userBody("MixedCase")
	body["external_id"] = "crm-1"
	body["root_admin"] = "1"
	r := e.post("/users", body)
	wantStatus(t, r, http.StatusCreated)
	if r.at("object") != "user" {
		t.Errorf("object %v", r.at("object"))
	}
	if got := r.at("meta.resource"); got != e.srv.URL+appBase+"/users/3" {
		t.Errorf("meta.resource %v", got)
	}
	attrs := r.at("attributes").(map[string]any)
	var keys []string
	for k := range attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if got := strings.Join(keys, ","); got != "2fa,created_at,email,external_id,first_name,id,language,last_name,root_admin,updated_at,username,uuid" {
		t.Errorf("attribute keys %s", got)
	}
	if attrs["username"] != "mixedcase" {
		t.Errorf("username %v, want it stored lowercase", attrs["username"])
	}
	if attrs["root_admin"] != true || attrs["language"] != "en" || attrs["2fa"] != false || attrs["external_id"] != "crm-1" {
		t.Errorf("attributes %v", attrs)
	}
	if attrs["created_at"] != "2024-01-02T03:04:05+00:00" {
		t.Errorf("created_at %v, want the panel's +00:00 form", attrs["created_at"])
	}

	// Without a password the panel sets a random one; a password has no length rule.
	short := userBody("shortpw")
	short["password"] = "x"
	wantStatus(t, e.post("/users", short), http.StatusCreated)
	sum := sha256.Sum256([]byte("x"))
	for _, u := range e.sim.State().Users {
		if u.Username == "shortpw" && u.PasswordSHA256 != hex.EncodeToString(sum[:]) {
			t.Error("password x was not stored")
		}
		if u.Username == "mixedcase" && u.PasswordSHA256 == "" {
			t.Error("no random password set")
		}
	}
}

func TestUsersValidation(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name   string
		change func(map[string]any)
		field  string
		rule   string
		detail string
	}{
		{"email missing", func(b map[string]any) { delete(b, "email") }, "email", "required", "The email field is required."},
		{"email blank is null", func(b map[string]any) { b["email"] = "   " }, "email", "required", "The email field is required."},
		{"email invalid", func(b map[string]any) { b["email"] = "not-an-email" }, "email", "email", "The email must be a valid email address."},
		{"email taken, other case", func(b map[string]any) { b["email"] = "ADMIN@example.com" }, "email", "unique", "The email has already been taken."},
		{"username missing", func(b map[string]any) { delete(b, "username") }, "username", "required", "The username field is required."},
		{"username too short", func(b map[string]any) { b["username"] = "ab" }, "username", "p_username",
			"The username must start and end with alpha-numeric characters and contain only letters, numbers, dashes, underscores, and periods."},
		{"username bad edge", func(b map[string]any) { b["username"] = "-abc" }, "username", "p_username",
			"The username must start and end with alpha-numeric characters and contain only letters, numbers, dashes, underscores, and periods."},
		{"username taken, other case", func(b map[string]any) { b["username"] = "PLAYER" }, "username", "unique", "The username has already been taken."},
		{"first name missing", func(b map[string]any) { delete(b, "first_name") }, "first_name", "required", "The first name field is required."},
		{"first name number", func(b map[string]any) { b["first_name"] = 5 }, "first_name", "string", "The first name must be a string."},
		{"first name too long", func(b map[string]any) { b["first_name"] = strings.Repeat("a", 192) }, "first_name", "between",
			"The first name must be between 1 and 191 characters."},
		{"last name missing", func(b map[string]any) { delete(b, "last_name") }, "last_name", "required", "The last name field is required."},
		{"external id taken", func(b map[string]any) { b["external_id"] = "player-ext" }, "external_id", "unique", "The Third Party Identifier has already been taken."},
		{"external id too long", func(b map[string]any) { b["external_id"] = strings.Repeat("e", 192) }, "external_id", "max",
			"The Third Party Identifier may not be greater than 191 characters."},
		{"language not en", func(b map[string]any) { b["language"] = "de" }, "language", "in", "The selected language is invalid."},
		{"root admin as text", func(b map[string]any) { b["root_admin"] = "true" }, "root_admin", "boolean", "The Root Administrator Status field must be true or false."},
		{"password a number", func(b map[string]any) { b["password"] = 12345678 }, "password", "string", "The password must be a string."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := userBody("valid")
			tc.change(b)
			r := e.post("/users", b)
			wantValidation(t, r, tc.field, tc.rule, tc.detail)
			if got := validationFields(r); len(got) != 1 {
				t.Errorf("failed fields %v, want only %s", got, tc.field)
			}
		})
	}
	// Each failed field is its own entry.
	r := e.post("/users", map[string]any{})
	if got := strings.Join(validationFields(r), ","); got != "email,username,first_name,last_name" {
		t.Errorf("empty create: fields %s", got)
	}
	if len(e.sim.State().Users) != 2 {
		t.Error("a failed create left a user behind")
	}
}

func TestUsersTrimsStrings(t *testing.T) {
	e := newEnv(t)
	b := userBody("trimmed")
	b["first_name"] = "  Bob  "
	b["password"] = "  spaced  "
	r := e.post("/users", b)
	wantStatus(t, r, http.StatusCreated)
	if r.at("attributes.first_name") != "Bob" {
		t.Errorf("first_name %q, want it trimmed", r.at("attributes.first_name"))
	}
	sum := sha256.Sum256([]byte("  spaced  "))
	for _, u := range e.sim.State().Users {
		if u.Username == "trimmed" && u.PasswordSHA256 != hex.EncodeToString(sum[:]) {
			t.Error("the password was trimmed")
		}
	}
}

func TestUsersGet(t *testing.T) {
	e := newEnv(t)
	r := e.get("/users/2")
	wantStatus(t, r, http.StatusOK)
	if r.at("object") != "user" || r.at("attributes.username") != "player" || r.at("attributes.root_admin") != false {
		t.Errorf("user 2: %s", r.raw)
	}
	if has(r.body, "meta") {
		t.Error("a GET carries meta")
	}
	r = e.get("/users/external/player-ext")
	wantStatus(t, r, http.StatusOK)
	if num(r.at("attributes.id")) != 2 {
		t.Errorf("by external id: %s", r.raw)
	}
	// The external id lookup is exact.
	wantError(t, e.get("/users/external/player"), http.StatusNotFound, "NotFoundHttpException",
		"The requested resource could not be found on the server.")
	wantStatus(t, e.get("/users/99"), http.StatusNotFound)
}

func TestUsersUpdateReplaces(t *testing.T) {
	e := newEnv(t)
	r := e.patch("/users/2", map[string]any{"first_name": "Only"})
	for _, f := range []string{"email", "username", "last_name"} {
		wantValidation(t, r, f, "required", fmt.Sprintf("The %s field is required.", strings.ReplaceAll(f, "_", " ")))
	}

	before := e.sim.State().Users[1].PasswordSHA256
	r = e.patch("/users/2", map[string]any{"email": "player@example.com", "username": "Player", "first_name": "New",
		"last_name": "Name", "password": nil})
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.first_name") != "New" || r.at("attributes.username") != "player" {
		t.Errorf("update: %s", r.raw)
	}
	if has(r.body, "meta") {
		t.Error("an update carries meta")
	}
	// Omitted optional fields and a null password stay as they were.
	if r.at("attributes.external_id") != "player-ext" {
		t.Errorf("external_id %v, want it unchanged", r.at("attributes.external_id"))
	}
	if after := e.sim.State().Users[1].PasswordSHA256; after != before {
		t.Error("a null password changed the password")
	}
	// Uniqueness ignores the user itself but not the others.
	r = e.patch("/users/2", map[string]any{"email": "admin@example.com", "username": "player", "first_name": "a", "last_name": "b"})
	wantValidation(t, r, "email", "unique", "The email has already been taken.")
}

func TestUsersDelete(t *testing.T) {
	e := newEnv(t)
	b := serverBody("owned", 1)
	b["user"] = playerID
	id := e.createServer(b)
	r := e.del("/users/2")
	wantError(t, r, http.StatusBadRequest, "DisplayException",
		"Cannot delete a user with active servers attached to their account. Please delete their servers before continuing.")

	wantStatus(t, e.del(fmt.Sprintf("/servers/%d", id)), http.StatusNoContent)
	r = e.del("/users/2")
	wantStatus(t, r, http.StatusNoContent)
	if len(r.raw) != 0 {
		t.Errorf("204 with a body: %s", r.raw)
	}
	wantStatus(t, e.get("/users/2"), http.StatusNotFound)
}

// A create or update answers with the request's includes: a new user's servers are an empty list.
func TestUsersWriteIncludes(t *testing.T) {
	e := newEnv(t)
	r := e.post("/users?include=servers", userBody("included"))
	wantStatus(t, r, http.StatusCreated)
	if got := relIDs(r, "attributes.relationships.servers"); got == nil || len(got) != 0 {
		t.Errorf("create: servers include %v, want an empty list", r.at("attributes.relationships.servers"))
	}
	if r.at("meta.resource") != e.srv.URL+appBase+"/users/3" {
		t.Errorf("create: meta %v", r.at("meta"))
	}

	b := serverBody("owned", 1)
	b["user"] = playerID
	id := e.createServer(b)
	r = e.patch("/users/2?include=servers", map[string]any{"email": "player@example.com", "username": "player",
		"first_name": "Plain", "last_name": "Player"})
	wantStatus(t, r, http.StatusOK)
	if got := fmt.Sprint(relIDs(r, "attributes.relationships.servers")); got != fmt.Sprint([]int{id}) {
		t.Errorf("update: servers include %s, want [%d]", got, id)
	}
}

// Uniqueness ignores case (utf8mb4_unicode_ci), and StoreUserRequest::attributes names
// external_id "Third Party Identifier" in the messages.
func TestUsersUniqueIgnoresCase(t *testing.T) {
	e := newEnv(t)
	b := userBody("other")
	b["external_id"] = "PLAYER-EXT" // user 2 has player-ext
	wantBody(t, e.post("/users", b), http.StatusUnprocessableEntity,
		`{"errors":[{"code":"ValidationException","status":"422","detail":"The Third Party Identifier has already been taken.",`+
			`"meta":{"source_field":"external_id","rule":"unique"}}]}`)
	r := e.patch("/users/1", map[string]any{"email": "admin@example.com", "username": "admin", "first_name": "a", "last_name": "b",
		"external_id": "Player-Ext"})
	wantValidation(t, r, "external_id", "unique", "The Third Party Identifier has already been taken.")
	// A user's own external id, in another case, is not taken.
	r = e.patch("/users/2", map[string]any{"email": "player@example.com", "username": "player", "first_name": "a", "last_name": "b",
		"external_id": "PLAYER-EXT"})
	wantStatus(t, r, http.StatusOK)
	if len(e.sim.State().Users) != 2 {
		t.Error("a refused create left a user behind")
	}
}
