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

// suspendServer sets the status, then syncs Wings; if Wings fails, the status is rolled back.
func suspendServer(c *call) (int, any, *apiError) { return c.setSuspended(true) }

// unsuspendServer writes a null status, even over "installing".
func unsuspendServer(c *call) (int, any, *apiError) { return c.setSuspended(false) }

func (c *call) setSuspended(suspend bool) (int, any, *apiError) {
	srv := c.boundServer
	if (deref(srv.Status) == statusSuspended) == suspend {
		return http.StatusNoContent, nil, nil
	}
	if !c.sim.wingsReachable(srv.NodeID) {
		return 0, nil, errDaemonUnreachable()
	}
	if suspend {
		srv.Status = ptr(statusSuspended)
		srv.PowerState = "offline"
	} else {
		srv.Status = nil
	}
	srv.UpdatedAt = c.sim.now()
	return http.StatusNoContent, nil, nil
}

// reinstallServer sets "installing" and asks Wings to reinstall, in one transaction: a Wings
// failure undoes both. There is no state check, so it clears a suspension.
func reinstallServer(c *call) (int, any, *apiError) {
	srv := c.boundServer
	if !c.sim.wingsReachable(srv.NodeID) {
		return 0, nil, errDaemonUnreachable()
	}
	srv.Status = ptr(statusInstalling)
	srv.UpdatedAt = c.sim.now()
	c.sim.startInstall(srv, true)
	return http.StatusNoContent, nil, nil
}

// deleteServer asks Wings to delete the server (any error but a 404 aborts, unless forced),
// drops its databases, frees its allocations and removes it.
func deleteServer(c *call) (int, any, *apiError) {
	srv := c.boundServer
	force := c.params["force"] == "force"
	if !force && !c.sim.wingsReachable(srv.NodeID) {
		return 0, nil, errDaemonUnreachable()
	}
	for _, d := range c.st.databasesOf(srv.ID) {
		c.st.databases.delete(d.ID)
	}
	for _, a := range c.st.allocationsOf(0, srv.ID) {
		a.ServerID = nil
	}
	c.st.dropServerRows(srv.ID)
	c.st.servers.delete(srv.ID)
	return http.StatusNoContent, nil, nil
}
