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
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// Subusers as SubuserController, SubuserRequest and SubuserCreationService make them, and the
// permission checks (ServerPolicy) a subuser's key then meets.

func subusersOf(ident string) string { return "/servers/" + ident + "/users" }

var playerKey = panelsim.Key{Token: "ptlc_player" + strings.Repeat("p", 37), UserID: playerID}

func TestClientSubuserPermissionsAreCleaned(t *testing.T) {
	e := newEnv(t)
	_, ident := e.backupServer("shared", 1, 1)

	// Keys the panel does not know are dropped without an error, and websocket.connect is
	// always added (SubuserController::getDefaultPermissions).
	r := e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "player@example.com",
		"permissions": []string{"control.console", "nonsense.key", "file.read"}})
	wantStatus(t, r, http.StatusOK)
	if r.at("object") != "server_subuser" || fmt.Sprint(r.at("attributes.permissions")) != "[control.console file.read websocket.connect]" ||
		r.at("attributes.email") != "player@example.com" || r.at("attributes.username") != "player" {
		t.Fatalf("subuser %s", r.raw)
	}
	if img, _ := r.at("attributes.image").(string); !strings.HasPrefix(img, "https://gravatar.com/avatar/") || len(img) != 28+32 {
		t.Errorf("image %q", img)
	}
	uuid := r.at("attributes.uuid").(string)

	wantError(t, e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "PLAYER@example.com", "permissions": []string{"file.read"}}),
		http.StatusBadRequest, "ServerSubuserExistsException", "A user with that email address is already assigned as a subuser for this server.")
	wantError(t, e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "admin@example.com", "permissions": []string{"file.read"}}),
		http.StatusBadRequest, "UserIsServerOwnerException", "You cannot add the server owner as a subuser for this server.")
	// An empty list fails "required".
	r = e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "x@example.com", "permissions": []string{}})
	wantValidation(t, r, "permissions", "required", "The permissions field is required.")
	r = e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "not-an-email", "permissions": []any{5}})
	wantValidation(t, r, "email", "email", "The email must be a valid email address.")
	wantValidation(t, r, "permissions.0", "string", "The permissions.0 must be a string.")

	// A duplicate leaves a hole in the PHP array, and the panel then answers an object.
	r = e.clientAPI(http.MethodPost, subusersOf(ident)+"/"+uuid, map[string]any{"permissions": []string{"backup.read", "backup.read"}})
	wantStatus(t, r, http.StatusOK)
	if got := fmt.Sprint(r.at("attributes.permissions")); got != "map[0:backup.read 2:websocket.connect]" {
		t.Errorf("duplicate permissions %s", got)
	}
	r = e.clientAPI(http.MethodGet, subusersOf(ident)+"/"+uuid, nil)
	wantStatus(t, r, http.StatusOK)
	r = e.clientAPI(http.MethodGet, subusersOf(ident), nil)
	if list, _ := r.at("data").([]any); len(list) != 1 || r.at("meta") != nil {
		t.Errorf("list %s", r.raw)
	}

	// An unknown email makes a user: the local part and three random characters.
	r = e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "new.friend+x@example.org", "permissions": []string{"control.start"}})
	wantStatus(t, r, http.StatusOK)
	if name, _ := r.at("attributes.username").(string); !strings.HasPrefix(name, "new.friendx") || len(name) != len("new.friendx")+3 {
		t.Errorf("new user's username %q", name)
	}
	wantStatus(t, e.clientAPI(http.MethodDelete, subusersOf(ident)+"/"+uuid, nil), http.StatusNoContent)
	wantStatus(t, e.clientAPI(http.MethodGet, subusersOf(ident)+"/"+uuid, nil), http.StatusNotFound)
	if len(e.sim.Subusers(e.serverID(ident))) != 1 {
		t.Errorf("Sim.Subusers after delete: %+v", e.sim.Subusers(e.serverID(ident)))
	}
}

// serverID finds a server's id by its identifier.
func (e *env) serverID(ident string) int {
	for _, s := range e.sim.State().Servers {
		if s.UUIDShort == ident {
			return s.ID
		}
	}
	return 0
}

func TestClientSubuserKeyMeetsItsPermissions(t *testing.T) {
	e := newEnv(t, withKeys(playerKey))
	id, ident := e.backupServer("friends", 1, 2)
	as := withKey(playerKey.Token)
	r := e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "player@example.com", "permissions": []string{"backup.read", "user.create"}})
	uuid := r.at("attributes.uuid").(string)

	// A subuser sees the server, and what its permissions allow.
	r = e.clientAPI(http.MethodGet, "/servers/"+ident, nil, as)
	if r.status != http.StatusOK || r.at("attributes.server_owner") != false {
		t.Fatalf("subuser's server view %d %s", r.status, r.raw)
	}
	wantStatus(t, e.clientAPI(http.MethodGet, backupsOf(ident), nil, as), http.StatusOK)
	wantError(t, e.clientAPI(http.MethodPost, backupsOf(ident), nil, as), http.StatusForbidden, "AccessDeniedHttpException", "This action is unauthorized.")
	wantStatus(t, e.clientAPI(http.MethodGet, schedulesOf(ident), nil, as), http.StatusForbidden)
	// Never itself, and never more than it has.
	wantStatus(t, e.clientAPI(http.MethodGet, subusersOf(ident)+"/"+uuid, nil, as), http.StatusForbidden)
	wantError(t, e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "z@example.com", "permissions": []string{"backup.delete"}}, as),
		http.StatusForbidden, "HttpForbiddenException", "Cannot assign permissions to a subuser that your account does not actively possess.")

	// Changed behind the operator's back, the permissions apply at once.
	if !e.sim.SetSubuserPermissions(id, uuid, []string{"backup.create", "websocket.connect"}) {
		t.Fatal("SetSubuserPermissions found nothing")
	}
	r = e.clientAPI(http.MethodPost, backupsOf(ident), map[string]any{"is_locked": true}, as)
	wantStatus(t, r, http.StatusOK)
	// Without backup.delete the lock is ignored (BackupController::store).
	if r.at("attributes.is_locked") != false {
		t.Errorf("a subuser without backup.delete locked a backup")
	}
}

func TestClientPermissionsList(t *testing.T) {
	e := newEnv(t)
	r := e.clientAPI(http.MethodGet, "/permissions", nil)
	wantStatus(t, r, http.StatusOK)
	if r.at("object") != "system_permissions" {
		t.Fatalf("permissions %s", r.raw)
	}
	for _, k := range []string{"websocket.keys.connect", "control.keys.console", "file.keys.read-content", "backup.keys.restore",
		"schedule.keys.update", "user.keys.delete", "database.keys.view_password", "startup.keys.docker-image", "activity.keys.read"} {
		if !has(r.body, "attributes.permissions."+k) {
			t.Errorf("no %s", k)
		}
	}
	if !has(r.body, "attributes.permissions.control.description") {
		t.Error("groups have descriptions")
	}
}

func TestClientSubuserPowerFilesAndConsole(t *testing.T) {
	e := newEnv(t, withKeys(playerKey))
	_, ident := e.backupServer("console", 1, 1)
	as := withKey(playerKey.Token)
	wantStatus(t, e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "player@example.com",
		"permissions": []string{"control.start", "file.read-content"}}), http.StatusOK)

	// SendPowerRequest's permission follows the signal; an unknown signal is a 403 for a
	// subuser, where the owner gets the 422.
	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "start"}, as), http.StatusNoContent)
	wantError(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "kill"}, as),
		http.StatusForbidden, "AccessDeniedHttpException", "This action is unauthorized.")
	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "explode"}, as), http.StatusForbidden)
	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "explode"}), http.StatusUnprocessableEntity)

	wantStatus(t, e.clientAPI(http.MethodPost, fileRoute(ident, "write", "/a.txt"), "x", textPlain, as), http.StatusForbidden)
	wantStatus(t, e.clientAPI(http.MethodPost, fileRoute(ident, "write", "/a.txt"), "x", textPlain), http.StatusNoContent)
	wantStatus(t, e.clientAPI(http.MethodGet, fileRoute(ident, "contents", "/a.txt"), nil, as), http.StatusOK)

	// websocket.connect is always granted, so the console opens.
	wantStatus(t, e.clientAPI(http.MethodGet, "/servers/"+ident+"/websocket", nil, as), http.StatusOK)
}

func TestApplicationServerIncludesSubusers(t *testing.T) {
	e := newEnv(t)
	id, ident := e.backupServer("included", 1, 1)
	wantStatus(t, e.clientAPI(http.MethodPost, subusersOf(ident), map[string]any{"email": "player@example.com",
		"permissions": []string{"file.read"}}), http.StatusOK)
	// Application SubuserTransformer: ids, the stored permissions and the link's timestamps.
	r := e.get(fmt.Sprintf("/servers/%d?include=subusers", id))
	wantStatus(t, r, http.StatusOK)
	sub := "attributes.relationships.subusers.data.0."
	if r.at(sub+"object") != "subuser" || num(r.at(sub+"attributes.user_id")) != playerID || num(r.at(sub+"attributes.server_id")) != id ||
		fmt.Sprint(r.at(sub+"attributes.permissions")) != "[file.read websocket.connect]" || r.at(sub+"attributes.created_at") == nil {
		t.Errorf("subusers include: %s", r.raw)
	}
}

func TestClientWebsocketStateConflicts(t *testing.T) {
	owner := panelsim.Key{Token: "ptlc_player" + strings.Repeat("q", 37), UserID: playerID}
	e := newEnv(t, installDelay(time.Minute), withKeys(owner))
	b := serverBody("watched", 1)
	b["user"] = playerID
	id := e.createServer(b)
	ident := e.identifierOf(id)
	ws := "/servers/" + ident + "/websocket"
	// Installing: the owner gets the 409, a root admin may watch the install.
	wantError(t, e.clientAPI(http.MethodGet, ws, nil, withKey(owner.Token)), http.StatusConflict, "ServerStateConflictException",
		"This server has not yet completed its installation process, please try again later.")
	wantStatus(t, e.clientAPI(http.MethodGet, ws, nil), http.StatusOK)
	// Suspended: nobody.
	e.sim.CompleteInstall(id, true)
	wantStatus(t, e.post(fmt.Sprintf("/servers/%d/suspend", id), nil), http.StatusNoContent)
	wantStatus(t, e.clientAPI(http.MethodGet, ws, nil), http.StatusConflict)
}
