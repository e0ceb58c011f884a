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

import "net/http"

const (
	appBase    = "/api/application"
	clientBase = "/api/client"
)

// routes registers the panel's route table in the panel's own order (literal segments such as
// /nodes/deployable and /users/external/… before the {id} routes that would swallow them).
func (s *Sim) routes() {
	r := &s.router
	get, post, patch, del := http.MethodGet, http.MethodPost, http.MethodPatch, http.MethodDelete
	app := func(method, path, perm string, h handler) { r.add(method, appBase+path, applicationAPI, perm, h) }

	app(get, "/users", ResUsers, listUsers)
	app(get, "/users/external/{external_id}", ResUsers, getUserByExternalID)
	app(get, "/users/{user}", ResUsers, getUser)
	app(post, "/users", ResUsers, createUser)
	app(patch, "/users/{user}", ResUsers, updateUser)
	app(del, "/users/{user}", ResUsers, deleteUser)

	app(get, "/locations", ResLocations, listLocations)
	app(get, "/locations/{location}", ResLocations, getLocation)
	app(post, "/locations", ResLocations, createLocation)
	app(patch, "/locations/{location}", ResLocations, updateLocation)
	app(del, "/locations/{location}", ResLocations, deleteLocation)

	app(get, "/nodes", ResNodes, listNodes)
	app(get, "/nodes/deployable", ResNodes, deployableNodes)
	app(get, "/nodes/{node}", ResNodes, getNode)
	app(get, "/nodes/{node}/configuration", ResNodes, nodeConfiguration)
	app(post, "/nodes", ResNodes, createNode)
	app(patch, "/nodes/{node}", ResNodes, updateNode)
	app(del, "/nodes/{node}", ResNodes, deleteNode)

	app(get, "/nodes/{node}/allocations", ResAllocations, listAllocations)
	app(post, "/nodes/{node}/allocations", ResAllocations, createAllocations)
	app(del, "/nodes/{node}/allocations/{allocation}", ResAllocations, deleteAllocation)

	app(get, "/nests", ResNests, listNests)
	app(get, "/nests/{nest}", ResNests, getNest)
	app(get, "/nests/{nest}/eggs", ResEggs, listEggs)
	app(get, "/nests/{nest}/eggs/{egg}", ResEggs, getEgg)

	app(get, "/servers", ResServers, listServers)
	app(get, "/servers/external/{external_id}", ResServers, getServerByExternalID)
	app(get, "/servers/{server}", ResServers, getServer)
	app(post, "/servers", ResServers, createServer)
	app(patch, "/servers/{server}/details", ResServers, updateServerDetails)
	app(patch, "/servers/{server}/build", ResServers, updateServerBuild)
	app(patch, "/servers/{server}/startup", ResServers, updateServerStartup)
	app(post, "/servers/{server}/suspend", ResServers, suspendServer)
	app(post, "/servers/{server}/unsuspend", ResServers, unsuspendServer)
	app(post, "/servers/{server}/reinstall", ResServers, reinstallServer)
	app(del, "/servers/{server}", ResServers, deleteServer)
	// The panel's route is DELETE /servers/{server}/{force?}: "force" forces, anything else is a
	// normal delete.
	app(del, "/servers/{server}/{force}", ResServers, deleteServer)

	app(get, "/servers/{server}/databases", ResServerDatabases, listDatabases)
	app(get, "/servers/{server}/databases/{database}", ResServerDatabases, getDatabase)
	app(post, "/servers/{server}/databases", ResServerDatabases, createDatabase)
	app(post, "/servers/{server}/databases/{database}/reset-password", ResServerDatabases, resetDatabasePassword)
	app(del, "/servers/{server}/databases/{database}", ResServerDatabases, deleteDatabase)

	client := func(method, path string, h handler) { r.add(method, clientBase+path, clientAPI, "", h) }
	client(get, "/permissions", clientPermissions)
	client(get, "/account", clientAccount)
	client(get, "/servers/{server}", clientServer)
	client(get, "/servers/{server}/resources", clientResources)
	client(post, "/servers/{server}/power", clientPower)
	client(get, "/servers/{server}/websocket", clientWebsocket)
	client(get, "/servers/{server}/files/contents", clientFileContents)
	client(post, "/servers/{server}/files/write", clientFileWrite)

	client(get, "/servers/{server}/schedules", listSchedules)
	client(post, "/servers/{server}/schedules", createSchedule)
	client(get, "/servers/{server}/schedules/{schedule}", getSchedule)
	client(post, "/servers/{server}/schedules/{schedule}", updateSchedule)
	client(post, "/servers/{server}/schedules/{schedule}/execute", executeSchedule)
	client(del, "/servers/{server}/schedules/{schedule}", deleteSchedule)
	client(post, "/servers/{server}/schedules/{schedule}/tasks", createTask)
	client(post, "/servers/{server}/schedules/{schedule}/tasks/{task}", updateTask)
	client(del, "/servers/{server}/schedules/{schedule}/tasks/{task}", deleteTask)

	client(get, "/servers/{server}/users", listSubusers)
	client(post, "/servers/{server}/users", createSubuser)
	client(get, "/servers/{server}/users/{user}", getSubuser)
	client(post, "/servers/{server}/users/{user}", updateSubuser)
	client(del, "/servers/{server}/users/{user}", deleteSubuser)

	client(get, "/servers/{server}/backups", listBackups)
	client(post, "/servers/{server}/backups", createBackup)
	client(get, "/servers/{server}/backups/{backup}", getBackup)
	client(get, "/servers/{server}/backups/{backup}/download", downloadBackup)
	client(post, "/servers/{server}/backups/{backup}/lock", toggleBackupLock)
	client(post, "/servers/{server}/backups/{backup}/restore", restoreBackup)
	client(del, "/servers/{server}/backups/{backup}", deleteBackupRoute)
}
