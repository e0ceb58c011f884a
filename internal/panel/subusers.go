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
	"bytes"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	routeClientSubusers    = "/api/client/servers/{server}/users"
	routeClientSubuser     = "/api/client/servers/{server}/users/{user}"
	routeClientPermissions = "/api/client/permissions"
)

// Codes of the panel's subuser refusals (both 400).
const (
	// CodeSubuserExists: the email's user is a subuser of the server already.
	CodeSubuserExists = "ServerSubuserExistsException"
	// CodeSubuserIsOwner: the email is the server owner's.
	CodeSubuserIsOwner = "UserIsServerOwnerException"
)

// PermissionWebsocketConnect is the one permission the panel gives every subuser, whatever was
// asked for.
const PermissionWebsocketConnect = "websocket.connect"

// SubuserPermissionKeys are the permission keys of Pterodactyl 1.11 (Permission::permissions()),
// sorted: what an API schema can enumerate. The panel drops any other key without an error;
// Permissions asks a running panel for its own list.
var SubuserPermissionKeys = []string{
	"activity.read",
	"allocation.create", "allocation.delete", "allocation.read", "allocation.update",
	"backup.create", "backup.delete", "backup.download", "backup.read", "backup.restore",
	"control.console", "control.restart", "control.start", "control.stop",
	"database.create", "database.delete", "database.read", "database.update", "database.view_password",
	"file.archive", "file.create", "file.delete", "file.read", "file.read-content", "file.sftp", "file.update",
	"schedule.create", "schedule.delete", "schedule.read", "schedule.update",
	"settings.reinstall", "settings.rename",
	"startup.docker-image", "startup.read", "startup.update",
	"user.create", "user.delete", "user.read", "user.update",
	"websocket.connect",
}

// ClientSubuser is the client API's subuser transformer: the user and their permissions on the server.
type ClientSubuser struct {
	UUID     string `json:"uuid"` // the user's uuid: how a subuser is addressed
	Username string `json:"username"`
	Email    string `json:"email"`
	Image    string `json:"image"` // a Gravatar URL
	// TwoFactorEnabled is the "2fa_enabled" attribute.
	TwoFactorEnabled bool           `json:"2fa_enabled"`
	CreatedAt        time.Time      `json:"created_at"` // the user's, not the subuser link's
	Permissions      PermissionList `json:"permissions"`
}

// PermissionList is a subuser's permissions. The panel stores a PHP array that can have holes
// (array_unique after a duplicate), and answers such an array as a JSON object keyed by
// index; both forms decode, the object's values in key order.
type PermissionList []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *PermissionList) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || data[0] != '{' {
		var list []string
		if err := unmarshal(data, &list); err != nil {
			return err
		}
		*l = list
		return nil
	}
	var byKey map[string]string
	if err := unmarshal(data, &byKey); err != nil {
		return err
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		x, errA := strconv.Atoi(a)
		y, errB := strconv.Atoi(b)
		if errA != nil || errB != nil {
			return strings.Compare(a, b)
		}
		return x - y
	})
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = byKey[k]
	}
	*l = out
	return nil
}

// IsSubuserExists reports the panel's refusal to add a user who is a subuser already.
func IsSubuserExists(err error) bool { return HasErrorCode(err, CodeSubuserExists) }

// IsSubuserOwner reports the panel's refusal to make the server's owner a subuser.
func IsSubuserOwner(err error) bool { return HasErrorCode(err, CodeSubuserIsOwner) }

// SubuserRequest is the body of a subuser create (Email and Permissions) or update (Permissions
// only). The panel keeps only the keys it knows (see Permissions), adds websocket.connect and
// answers with what it stored, so compare against that rather than against what was sent.
type SubuserRequest struct {
	Email       string   `json:"email,omitempty"`
	Permissions []string `json:"permissions"`
}

// ListSubusers returns a server's subusers (not paginated).
func (s *ClientAPIService) ListSubusers(ctx context.Context, identifier string) ([]ClientSubuser, error) {
	out, _, err := getList[ClientSubuser](ctx, s.client, clientCall(http.MethodGet, routeClientSubusers, identifier))
	return out, err
}

// GetSubuser returns a subuser by the user's uuid; a user who is no subuser of the server is a
// 404.
func (s *ClientAPIService) GetSubuser(ctx context.Context, identifier, userUUID string) (*ClientSubuser, error) {
	return getItem[ClientSubuser](ctx, s.client, clientCall(http.MethodGet, routeClientSubuser, identifier, userUUID))
}

// CreateSubuser gives the user with this email access to the server; the panel creates the user
// (and mails them a link to set a password) when no user has the email. 400
// ServerSubuserExistsException or UserIsServerOwnerException otherwise.
func (s *ClientAPIService) CreateSubuser(ctx context.Context, identifier, email string, permissions []string) (*ClientSubuser, error) {
	cl := clientCall(http.MethodPost, routeClientSubusers, identifier)
	cl.body = SubuserRequest{Email: email, Permissions: wirePermissions(permissions)}
	return getItem[ClientSubuser](ctx, s.client, cl)
}

// UpdateSubuserPermissions replaces a subuser's permissions (retried like a PATCH).
func (s *ClientAPIService) UpdateSubuserPermissions(ctx context.Context, identifier, userUUID string, permissions []string) (*ClientSubuser, error) {
	cl := clientCall(http.MethodPost, routeClientSubuser, identifier, userUUID)
	cl.body, cl.replaces = SubuserRequest{Permissions: wirePermissions(permissions)}, true
	return getItem[ClientSubuser](ctx, s.client, cl)
}

// DeleteSubuser removes the user's access to the server (204); the user stays. A 404 can mean a
// retried delete already did it.
func (s *ClientAPIService) DeleteSubuser(ctx context.Context, identifier, userUUID string) error {
	return s.client.do(ctx, clientCall(http.MethodDelete, routeClientSubuser, identifier, userUUID), nil)
}

// wirePermissions is the list to send: without duplicates (a duplicate leaves a hole in the
// panel's array, which it then answers as a JSON object), and never empty (the panel's rule is
// "required", which an empty list fails; websocket.connect is what the panel would store anyway).
func wirePermissions(list []string) []string {
	out := make([]string, 0, len(list))
	for _, p := range list {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = append(out, PermissionWebsocketConnect)
	}
	return out
}

// SystemPermissions is GET /api/client/permissions: the permission groups a subuser can be
// given, by prefix ("control", "file", …).
type SystemPermissions struct {
	Groups map[string]PermissionGroup `json:"permissions"`
}

// PermissionGroup is one prefix's description and keys (key → description).
type PermissionGroup struct {
	Description string            `json:"description"`
	Keys        map[string]string `json:"keys"`
}

// Keys returns every permission key, "prefix.key", sorted.
func (p *SystemPermissions) Keys() []string {
	var out []string
	for prefix, g := range p.Groups {
		for k := range g.Keys {
			out = append(out, prefix+"."+k)
		}
	}
	slices.Sort(out)
	return out
}

// Permissions returns the panel's list of subuser permissions.
func (s *ClientAPIService) Permissions(ctx context.Context) (*SystemPermissions, error) {
	cl := newCall(http.MethodGet, routeClientPermissions)
	cl.api = clientAPI
	return getItem[SystemPermissions](ctx, s.client, cl)
}
