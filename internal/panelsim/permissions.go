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
	"slices"
)

// permissionGroups are the subuser permissions the panel knows (app/Models/Permission.php,
// Permission::permissions()), by prefix, in the panel's order. The descriptions are the
// simulator's own short ones; the keys are the panel's.
var permissionGroups = []struct {
	prefix, description string
	keys                [][2]string // key, description
}{
	{"websocket", "Connecting to the console websocket.", [][2]string{{"connect", "Stream the console and stats."}}},
	{"control", "Power and console.", [][2]string{{"console", "Send console commands."}, {"start", "Start the server."},
		{"stop", "Stop the server."}, {"restart", "Restart the server."}}},
	{"user", "Managing other subusers.", [][2]string{{"create", "Add subusers."}, {"read", "View subusers."},
		{"update", "Change subusers."}, {"delete", "Remove subusers."}}},
	{"file", "The server's files.", [][2]string{{"create", "Create files."}, {"read", "List directories."},
		{"read-content", "Read and download files."}, {"update", "Change files."}, {"delete", "Delete files."},
		{"archive", "Archive and unpack files."}, {"sftp", "Connect over SFTP."}}},
	{"backup", "Backups.", [][2]string{{"create", "Start backups."}, {"read", "View backups."},
		{"delete", "Delete backups."}, {"download", "Download backups."}, {"restore", "Restore backups."}}},
	{"allocation", "Port allocations.", [][2]string{{"read", "View allocations."}, {"create", "Add allocations."},
		{"update", "Change allocations."}, {"delete", "Remove allocations."}}},
	{"startup", "Startup parameters.", [][2]string{{"read", "View startup variables."},
		{"update", "Change startup variables."}, {"docker-image", "Change the Docker image."}}},
	{"database", "Databases.", [][2]string{{"create", "Create databases."}, {"read", "View databases."},
		{"update", "Rotate passwords."}, {"delete", "Delete databases."}, {"view_password", "See passwords."}}},
	{"schedule", "Schedules.", [][2]string{{"create", "Create schedules."}, {"read", "View schedules."},
		{"update", "Change schedules and tasks."}, {"delete", "Delete schedules."}}},
	{"settings", "Server settings.", [][2]string{{"rename", "Rename the server."}, {"reinstall", "Reinstall the server."}}},
	{"activity", "Activity logs.", [][2]string{{"read", "View activity logs."}}},
}

// Permission keys the handlers check.
const (
	permWebsocketConnect = "websocket.connect"
	permUserCreate       = "user.create"
	permUserRead         = "user.read"
	permUserUpdate       = "user.update"
	permUserDelete       = "user.delete"
	permBackupCreate     = "backup.create"
	permBackupRead       = "backup.read"
	permBackupDelete     = "backup.delete"
	permBackupDownload   = "backup.download"
	permBackupRestore    = "backup.restore"
	permScheduleCreate   = "schedule.create"
	permScheduleRead     = "schedule.read"
	permScheduleUpdate   = "schedule.update"
	permScheduleDelete   = "schedule.delete"
)

// knownPermission tells whether key is one of the panel's "prefix.key" permissions.
func knownPermission(key string) bool {
	for _, g := range permissionGroups {
		for _, k := range g.keys {
			if g.prefix+"."+k[0] == key {
				return true
			}
		}
	}
	return false
}

// clientPermissions is GET /api/client/permissions (ClientController::permissions).
func clientPermissions(c *call) (int, any, *apiError) {
	groups := obj{}
	for _, g := range permissionGroups {
		keys := obj{}
		for _, k := range g.keys {
			keys[k[0]] = k[1]
		}
		groups[g.prefix] = obj{"description": g.description, "keys": keys}
	}
	return http.StatusOK, obj{"object": "system_permissions", "attributes": obj{"permissions": groups}}, nil
}

// subuserOf returns the key's user's subuser row on srv, if any.
func (c *call) subuserOf(srv *server) *subuser {
	for _, su := range c.st.subusers.ordered {
		if su.ServerID == srv.ID && su.UserID == c.user.ID {
			return su
		}
	}
	return nil
}

// can is ServerPolicy: root admins and the owner may do anything, a subuser what its
// permissions list.
func (c *call) can(permission string) bool {
	srv := c.boundServer
	if c.user.RootAdmin || srv.OwnerID == c.user.ID {
		return true
	}
	su := c.subuserOf(srv)
	return su != nil && slices.Contains(su.permissionList(), permission)
}

// require is a form request's or controller's permission check: the panel's AuthorizationException,
// 403 "This action is unauthorized.".
func (c *call) require(permission string) *apiError {
	if !c.can(permission) {
		return errForbidden(msgUnauthorized)
	}
	return nil
}

// guardedServer is what every client route of a server does first: AuthenticateServerAccess
// (owner, admin or subuser, else a 404; then validateCurrentState's 409, which only the server
// view and an admin's websocket escape) and the route's permission.
func (c *call) guardedServer(permission string) *apiError {
	if err := c.clientServerAccess(); err != nil {
		return err
	}
	if err := c.stateConflict(); err != nil {
		return err
	}
	if permission != "" {
		return c.require(permission)
	}
	return nil
}
