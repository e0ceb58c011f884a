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
	"regexp"
	"strings"
)

var usernamePattern = regexp.MustCompile(`^[a-z0-9]([\w.-]+)[a-z0-9]$`)

var userFilters = []filter[user]{
	like("email", func(u *user) string { return u.Email }),
	like("uuid", func(u *user) string { return u.UUID }),
	like("username", func(u *user) string { return u.Username }),
	like("external_id", func(u *user) string { return deref(u.ExternalID) }),
}

var userSorts = []sorter[user]{
	{"id", func(u *user) string { return itoa(u.ID) }},
	{"uuid", func(u *user) string { return u.UUID }},
}

func listUsers(c *call) (int, any, *apiError) {
	rows, err := queryTable(c, &c.st.users, "users", userFilters, userSorts)
	if err != nil {
		return 0, nil, err
	}
	inc := c.requestIncludes()
	list, err := paginateRows(c, "user", rows, pager{}, func(u **user) obj { return c.userAttrs(*u, inc) })
	return http.StatusOK, list, err
}

func getUser(c *call) (int, any, *apiError) {
	return http.StatusOK, item("user", c.userAttrs(c.boundUser, c.requestIncludes())), nil
}

func getUserByExternalID(c *call) (int, any, *apiError) {
	for _, u := range c.st.users.all() {
		if u.ExternalID != nil && sqlEqual(*u.ExternalID, c.params["external_id"]) {
			return http.StatusOK, item("user", c.userAttrs(u, c.requestIncludes())), nil
		}
	}
	return 0, nil, errNotFound()
}

// userFields are the panel's user rules; on update every core field is required again.
// StoreUserRequest::attributes (which UpdateUserRequest inherits) renames external_id and
// root_admin in the messages; its First Name and Last Name are keyed name_first and name_last,
// which the API's first_name and last_name never match, so those keep their plain names.
func (c *call) userFields(self *user) []field {
	users := &c.st.users
	return []field{
		{path: "email", rules: "required|email|between:1,191", custom: []customRule{
			unique(users, self, "email", func(u *user) string { return u.Email })}},
		{path: "external_id", rules: "sometimes|nullable|string|max:191", attr: attrUserExternalID, custom: []customRule{
			unique(users, self, attrUserExternalID, func(u *user) string { return deref(u.ExternalID) })}},
		{path: "username", rules: "required|between:1,191", custom: []customRule{
			func(v any) (string, string, bool) {
				if !usernamePattern.MatchString(strings.ToLower(scalarText(v))) {
					return "p_username", "The username must start and end with alpha-numeric characters and contain only letters, numbers, dashes, underscores, and periods.", false
				}
				return "", "", true
			},
			unique(users, self, "username", func(u *user) string { return u.Username }),
		}},
		{path: "first_name", rules: "required|string|between:1,191"},
		{path: "last_name", rules: "required|string|between:1,191"},
		{path: "password", rules: "sometimes|nullable|string"},
		{path: "language", rules: "sometimes|string|in:en"},
		{path: "root_admin", rules: "sometimes|boolean", attr: "Root Administrator Status"},
	}
}

// attrUserExternalID is the user's external_id in validation messages.
const attrUserExternalID = "Third Party Identifier"

func createUser(c *call) (int, any, *apiError) {
	var errs validationErrors
	validate(c.body, c.userFields(nil), &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	now := c.sim.now()
	u := &user{UUID: c.sim.uuid(), Language: "en", CreatedAt: now, UpdatedAt: now}
	c.applyUser(u)
	if u.PasswordSHA256 == "" {
		// The panel sets a random password and mails a reset link.
		u.setPassword(c.sim.randomString(32))
	}
	u.ID = c.st.users.insert(u)
	return http.StatusCreated, c.withResource(item("user", c.userAttrs(u, c.requestIncludes())), "/users/", u.ID), nil
}

func updateUser(c *call) (int, any, *apiError) {
	var errs validationErrors
	validate(c.body, c.userFields(c.boundUser), &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	c.applyUser(c.boundUser)
	c.boundUser.UpdatedAt = c.sim.now()
	return http.StatusOK, item("user", c.userAttrs(c.boundUser, c.requestIncludes())), nil
}

// applyUser writes validated input; fields left out keep their value, a null password too.
func (c *call) applyUser(u *user) {
	in := c.body
	u.Email = in.strOr("email", u.Email)
	u.Username = strings.ToLower(in.strOr("username", u.Username))
	u.FirstName = in.strOr("first_name", u.FirstName)
	u.LastName = in.strOr("last_name", u.LastName)
	if _, present := in.lookup("external_id"); present {
		u.ExternalID = in.str("external_id")
	}
	if p := in.str("password"); p != nil {
		u.setPassword(*p)
	}
	u.Language = in.strOr("language", u.Language)
	u.RootAdmin = in.boolOr("root_admin", u.RootAdmin)
}

func deleteUser(c *call) (int, any, *apiError) {
	for _, srv := range c.st.servers.rows {
		if srv.OwnerID == c.boundUser.ID {
			return 0, nil, errDisplay("DisplayException",
				"Cannot delete a user with active servers attached to their account. Please delete their servers before continuing.")
		}
	}
	for _, su := range c.st.subusers.where(func(su *subuser) bool { return su.UserID == c.boundUser.ID }) {
		c.st.subusers.delete(su.ID) // the foreign key cascades
	}
	c.st.users.delete(c.boundUser.ID)
	return http.StatusNoContent, nil, nil
}

func (c *call) userAttrs(u *user, inc includes) obj {
	a := obj{
		"id": u.ID, "external_id": u.ExternalID, "uuid": u.UUID, "username": u.Username, "email": u.Email,
		"first_name": u.FirstName, "last_name": u.LastName, "language": u.Language, "root_admin": u.RootAdmin,
		"2fa": u.TOTP, "created_at": timestamp(u.CreatedAt), "updated_at": timestamp(u.UpdatedAt),
	}
	if sub, ok := inc["servers"]; ok {
		c.relate(a, "servers", ResServers, func() obj {
			var list []obj
			for _, srv := range c.st.serversOf(u.ID) {
				list = append(list, c.serverAttrs(srv, sub))
			}
			return plainList("server", list)
		})
	}
	return c.flavorUser(a)
}

// relate adds an include under attributes.relationships, or null_resource without read rights.
func (c *call) relate(attrs obj, name, resource string, build func() obj) {
	rel, _ := attrs["relationships"].(obj)
	if rel == nil {
		rel = obj{}
		attrs["relationships"] = rel
	}
	if resource != "" && !c.canRead(resource) {
		rel[name] = nullResource()
		return
	}
	rel[name] = build()
}

// withResource adds the meta.resource link creates of users, nodes, locations and databases carry.
func (c *call) withResource(body obj, path string, id int) obj {
	body["meta"] = obj{"resource": c.baseURL + appBase + path + itoa(id)}
	return body
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
