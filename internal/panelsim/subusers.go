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
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// subuser is a subusers row (app/Models/Subuser.php). Permissions is a PHP array stored as
// JSON: Keys, when set, are its keys, which array_unique can leave with holes, and then the
// panel stores and answers an object ({"0":…,"2":…}) instead of a list.
type subuser struct {
	ID          int       `json:"id"`
	UserID      int       `json:"user_id"`
	ServerID    int       `json:"server_id"`
	Permissions []string  `json:"permissions"`
	Keys        []int     `json:"permission_keys,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

func (su *subuser) permissionList() []string { return su.Permissions }

// permissionsJSON is the permissions as json_encode writes the PHP array.
func (su *subuser) permissionsJSON() any {
	if su.Keys == nil {
		return append([]string{}, su.Permissions...)
	}
	m := obj{}
	for i, k := range su.Keys {
		m[strconv.Itoa(k)] = su.Permissions[i]
	}
	return m
}

func (s *state) subuserByUUID(serverID int, userUUID string) *subuser {
	for _, su := range s.subusers.ordered {
		if su.ServerID != serverID {
			continue
		}
		if u, ok := s.users.get(su.UserID); ok && u.UUID == userUUID {
			return su
		}
	}
	return nil
}

func (s *state) subusersOf(serverID int) []*subuser {
	return s.subusers.where(func(su *subuser) bool { return su.ServerID == serverID && s.users.has(su.UserID) })
}

// subuserAttrs is SubuserTransformer: the client UserTransformer's fields and the permissions.
func (c *call) subuserAttrs(su *subuser) obj {
	u, _ := c.st.users.get(su.UserID)
	sum := md5.Sum([]byte(strings.ToLower(u.Email)))
	return obj{"uuid": u.UUID, "username": u.Username, "email": u.Email,
		"image": "https://gravatar.com/avatar/" + hex.EncodeToString(sum[:]), "2fa_enabled": u.TOTP,
		"created_at": timestamp(u.CreatedAt), "permissions": su.permissionsJSON()}
}

// defaultPermissions is SubuserController::getDefaultPermissions: the keys the panel does not
// know are dropped without a word, websocket.connect is added, and array_unique keeps the first
// of each value with its key, so duplicates leave holes.
func defaultPermissions(requested []any) (values []string, keys []int) {
	var merged []string
	for _, p := range requested {
		if s, ok := p.(string); ok && knownPermission(s) {
			merged = append(merged, s)
		}
	}
	merged = append(merged, permWebsocketConnect)
	sparse := false
	for i, p := range merged {
		if slices.Contains(values, p) {
			sparse = true
			continue
		}
		values, keys = append(values, p), append(keys, i)
	}
	if !sparse || keys[len(keys)-1] == len(keys)-1 {
		keys = nil // 0…n-1: json_encode writes a list
	}
	return values, keys
}

// subuserRequest is SubuserRequest::authorize and the form's rules: the permission, no editing
// oneself, and, for a POST with permissions, none the requesting subuser lacks.
func (c *call) subuserRequest(permission string, rules []field) *apiError {
	if err := c.guardedServer(permission); err != nil {
		return err
	}
	if su := c.boundSubuser; su != nil && su.UserID == c.user.ID {
		return errForbidden(msgUnauthorized)
	}
	if c.r.Method == http.MethodPost && c.body.has("permissions") && !c.user.RootAdmin && c.boundServer.OwnerID != c.user.ID {
		own := c.subuserOf(c.boundServer).permissionList()
		list, _ := mustLookup(c.body, "permissions").([]any)
		for _, p := range list {
			if s, ok := p.(string); !ok || !slices.Contains(own, s) {
				return newError(http.StatusForbidden, "HttpForbiddenException",
					"Cannot assign permissions to a subuser that your account does not actively possess.")
			}
		}
	}
	var errs validationErrors
	validate(c.body, rules, &errs)
	if list, ok := mustLookup(c.body, "permissions").([]any); ok {
		for i := range list {
			validate(c.body, []field{{path: "permissions." + strconv.Itoa(i), rules: "string"}}, &errs)
		}
	}
	return errs.err()
}

var subuserPermissionsRule = field{path: "permissions", rules: "required|array"}

func listSubusers(c *call) (int, any, *apiError) {
	if err := c.subuserRequest(permUserRead, nil); err != nil {
		return 0, nil, err
	}
	var list []obj
	for _, su := range c.st.subusersOf(c.boundServer.ID) {
		list = append(list, c.subuserAttrs(su))
	}
	return http.StatusOK, plainList("server_subuser", list), nil
}

func getSubuser(c *call) (int, any, *apiError) {
	if err := c.subuserRequest(permUserRead, nil); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, item("server_subuser", c.subuserAttrs(c.boundSubuser)), nil
}

// createSubuser is SubuserCreationService::handle: the user with the email (MySQL compares it
// without case), or a new one; never the owner, never twice.
func createSubuser(c *call) (int, any, *apiError) {
	if err := c.subuserRequest(permUserCreate, []field{{path: "email", rules: "required|email|between:1,191"}, subuserPermissionsRule}); err != nil {
		return 0, nil, err
	}
	srv := c.boundServer
	email := *c.body.str("email")
	var u *user
	for _, cand := range c.st.users.ordered {
		if strings.EqualFold(cand.Email, email) {
			u = cand
			break
		}
	}
	if u != nil {
		if srv.OwnerID == u.ID {
			return 0, nil, errDisplay("UserIsServerOwnerException", "You cannot add the server owner as a subuser for this server.")
		}
		for _, su := range c.st.subusersOf(srv.ID) {
			if su.UserID == u.ID {
				return 0, nil, errDisplay("ServerSubuserExistsException", "A user with that email address is already assigned as a subuser for this server.")
			}
		}
	} else {
		u = c.newSubuserAccount(email)
	}
	requested, _ := mustLookup(c.body, "permissions").([]any)
	perms, keys := defaultPermissions(requested)
	now := c.sim.now()
	su := &subuser{UserID: u.ID, ServerID: srv.ID, Permissions: perms, Keys: keys, CreatedAt: now, UpdatedAt: now}
	su.ID = c.st.subusers.insert(su)
	return http.StatusOK, item("server_subuser", c.subuserAttrs(su)), nil
}

var notUsernameChars = regexp.MustCompile(`[^\w.-]+`)

// newSubuserAccount is the user SubuserCreationService makes for an unknown email: the local
// part cleaned and cut to 64, three random characters, "Server Subuser", a random password (the
// panel mails a link to set one).
func (c *call) newSubuserAccount(email string) *user {
	local, _, _ := strings.Cut(strings.TrimLeft(email, "@"), "@")
	local = notUsernameChars.ReplaceAllString(local, "")
	if len(local) > 64 {
		local = local[:64]
	}
	now := c.sim.now()
	u := &user{UUID: c.sim.uuid(), Email: email, Username: strings.ToLower(local + c.sim.randomString(3)),
		FirstName: "Server", LastName: "Subuser", Language: "en", CreatedAt: now, UpdatedAt: now}
	u.setPassword(c.sim.randomString(32))
	u.ID = c.st.users.insert(u)
	return u
}

// updateSubuser is SubuserController::update: the permissions are written only when their sorted
// values differ from the stored ones.
func updateSubuser(c *call) (int, any, *apiError) {
	if err := c.subuserRequest(permUserUpdate, []field{subuserPermissionsRule}); err != nil {
		return 0, nil, err
	}
	su := c.boundSubuser
	requested, _ := mustLookup(c.body, "permissions").([]any)
	perms, keys := defaultPermissions(requested)
	sortedNew, sortedOld := slices.Clone(perms), slices.Clone(su.Permissions)
	sort.Strings(sortedNew)
	sort.Strings(sortedOld)
	if !slices.Equal(sortedNew, sortedOld) {
		su.Permissions, su.Keys, su.UpdatedAt = perms, keys, c.sim.now()
	}
	return http.StatusOK, item("server_subuser", c.subuserAttrs(su)), nil
}

func deleteSubuser(c *call) (int, any, *apiError) {
	if err := c.subuserRequest(permUserDelete, nil); err != nil {
		return 0, nil, err
	}
	c.st.subusers.delete(c.boundSubuser.ID)
	return http.StatusNoContent, nil, nil
}

// Subusers returns a server's subusers.
func (s *Sim) Subusers(serverID int) []Subuser {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Subuser
	for _, su := range s.st.subusersOf(serverID) {
		out = append(out, *su)
	}
	return out
}

// SetSubuserPermissions changes a subuser's permissions behind the operator's back, stored as
// given; false if the user is no subuser of the server.
func (s *Sim) SetSubuserPermissions(serverID int, userUUID string, permissions []string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	su := s.st.subuserByUUID(serverID, userUUID)
	if su == nil {
		return false
	}
	su.Permissions, su.Keys, su.UpdatedAt = slices.Clone(permissions), nil, s.now()
	return true
}

// RemoveSubuser takes a subuser's access away behind the operator's back (the user stays); false
// if the user is no subuser of the server.
func (s *Sim) RemoveSubuser(serverID int, userUUID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	su := s.st.subuserByUUID(serverID, userUUID)
	if su == nil {
		return false
	}
	s.st.subusers.delete(su.ID)
	return true
}
