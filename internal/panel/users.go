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
	"iter"
	"net/http"
)

const (
	routeUsers        = "/api/application/users"
	routeUser         = "/api/application/users/{user}"
	routeUserExternal = "/api/application/users/external/{external_id}"
)

// UsersService manages panel users (r_users).
type UsersService service

// User is the panel's user transformer.
type User struct {
	ID         int    `json:"id"`
	ExternalID string `json:"external_id"` // "" when null
	UUID       string `json:"uuid"`
	Username   string `json:"username"` // stored lowercase
	Email      string `json:"email"`
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
	Language   string `json:"language"`
	RootAdmin  bool   `json:"root_admin"`
	// TwoFactor is the "2fa" attribute.
	TwoFactor     bool              `json:"2fa"`
	CreatedAt     Timestamp         `json:"created_at"`
	UpdatedAt     Timestamp         `json:"updated_at"`
	Relationships UserRelationships `json:"relationships"`
}

// UserRelationships holds the includes of a user ("servers").
type UserRelationships struct {
	Servers []Server `json:"servers,omitempty"`
	// Denied names includes the key was not allowed to read.
	Denied []string `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *UserRelationships) UnmarshalJSON(data []byte) error {
	*r = UserRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw struct {
		Servers relList[Server] `json:"servers"`
	}
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	var denied []string
	*r = UserRelationships{
		Servers: relMany(&denied, "servers", &raw.Servers),
	}
	r.Denied = denied
	return nil
}

// UserCreateRequest is the body of POST /users.
type UserCreateRequest struct {
	Email      string `json:"email"`
	Username   string `json:"username"`
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
	ExternalID string `json:"external_id,omitempty"`
	// Password is optional; without one the panel sets a random password and mails the user a
	// reset link.
	Password  string `json:"password,omitempty"`
	Language  string `json:"language,omitempty"`
	RootAdmin bool   `json:"root_admin"`
}

// UserUpdateRequest is the body of PATCH /users/{id}. Email, username and both names are
// required every time (start from UserUpdateRequestFrom); nil pointers leave a field unchanged.
type UserUpdateRequest struct {
	Email     string `json:"email"`
	Username  string `json:"username"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	// ExternalID: nil keeps it, "" clears it (the panel turns "" into null).
	ExternalID *string `json:"external_id,omitempty"`
	// Password: nil keeps the current password.
	Password  *string `json:"password,omitempty"`
	Language  string  `json:"language,omitempty"`
	RootAdmin *bool   `json:"root_admin,omitempty"`
}

// List returns one page of users. Filters: email, uuid, username, external_id (partial match);
// sorts: id, uuid; include: servers.
func (s *UsersService) List(ctx context.Context, opts *ListOptions) ([]User, *Pagination, error) {
	cl := newCall(http.MethodGet, routeUsers)
	cl.query = opts.values()
	return getList[User](ctx, s.client, cl)
}

// All iterates over every user, page by page.
func (s *UsersService) All(ctx context.Context, opts *ListOptions) iter.Seq2[User, error] {
	return all(ctx, opts, s.List)
}

// ListAll collects every page.
func (s *UsersService) ListAll(ctx context.Context, opts *ListOptions) ([]User, error) {
	return collect(s.All(ctx, opts))
}

// Get returns a user by id.
func (s *UsersService) Get(ctx context.Context, id int, include ...string) (*User, error) {
	cl := newCall(http.MethodGet, routeUser, id)
	cl.query = includeQuery(include)
	return getItem[User](ctx, s.client, cl)
}

// GetByExternalID returns the user whose external_id is exactly externalID.
func (s *UsersService) GetByExternalID(ctx context.Context, externalID string, include ...string) (*User, error) {
	cl := newCall(http.MethodGet, routeUserExternal, externalID)
	cl.query = includeQuery(include)
	return getItem[User](ctx, s.client, cl)
}

// Create adds a user (201).
func (s *UsersService) Create(ctx context.Context, req UserCreateRequest) (*User, error) {
	cl := newCall(http.MethodPost, routeUsers)
	cl.body = req
	return getItem[User](ctx, s.client, cl)
}

// Update replaces the user's editable fields.
func (s *UsersService) Update(ctx context.Context, id int, req UserUpdateRequest) (*User, error) {
	cl := newCall(http.MethodPatch, routeUser, id)
	cl.body = req
	return getItem[User](ctx, s.client, cl)
}

// Delete removes a user (204). A user who owns servers cannot be deleted (400 DisplayException).
func (s *UsersService) Delete(ctx context.Context, id int) error {
	return s.client.do(ctx, newCall(http.MethodDelete, routeUser, id), nil)
}
