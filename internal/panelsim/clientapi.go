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
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// How long a power transition takes unless Options say otherwise, and how long /resources
// answers from its cache.
const (
	powerSettleTime = time.Second
	resourcesCache  = 20 * time.Second
)

// powerDelay is how long a server stays in a transition state: Options.StartDelay for
// "starting", Options.StopDelay for "stopping".
func (s *Sim) powerDelay(state string) time.Duration {
	d := s.opts.StartDelay
	if state == "stopping" {
		d = s.opts.StopDelay
	}
	if d <= 0 {
		return powerSettleTime
	}
	return d
}

// Crash stops a running or starting server's game at once, as a crashing process does: Wings
// reports it offline, and /resources shows it once the panel's 20-second cache of Wings' answer
// has expired, as on a real panel.
func (s *Sim) Crash(serverID int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	srv, ok := s.st.servers.get(serverID)
	if !ok {
		return fmt.Errorf("panelsim: no server %d", serverID)
	}
	if srv.PowerState != "running" && srv.PowerState != "starting" {
		return fmt.Errorf("panelsim: server %d is %s, not running", serverID, srv.PowerState)
	}
	srv.PowerState, srv.PowerStateSettleAt = "offline", time.Time{}
	return nil
}

// clientServerAccess: the owner, root admins and the server's subusers see a server on the
// client API; anyone else gets a 404, as if it did not exist (AuthenticateServerAccess).
func (c *call) clientServerAccess() *apiError {
	if c.user.RootAdmin || c.boundServer.OwnerID == c.user.ID || c.subuserOf(c.boundServer) != nil {
		return nil
	}
	return errNotFound()
}

func clientServer(c *call) (int, any, *apiError) {
	if err := c.clientServerAccess(); err != nil {
		return 0, nil, err
	}
	srv := c.boundServer
	n, _ := c.st.nodes.get(srv.NodeID)
	st := deref(srv.Status)
	return http.StatusOK, item("server", obj{
		"server_owner": srv.OwnerID == c.user.ID, "identifier": srv.UUIDShort, "internal_id": srv.ID,
		"uuid": srv.UUID, "name": srv.Name, "node": n.Name, "is_node_under_maintenance": n.MaintenanceMode,
		"sftp_details": obj{"ip": n.FQDN, "port": n.DaemonSFTP}, "description": srv.Description,
		"limits": obj{"memory": srv.Memory, "swap": srv.Swap, "disk": srv.Disk, "io": srv.IO, "cpu": srv.CPU,
			"threads": srv.Threads, "oom_disabled": srv.OOMDisabled},
		"invocation": srv.Startup, "docker_image": srv.Image, "egg_features": []string{},
		"feature_limits": obj{"databases": srv.DatabaseLimit, "allocations": srv.AllocationLimit, "backups": srv.BackupLimit},
		"status":         srv.Status, "is_suspended": st == statusSuspended, "is_installing": st == statusInstalling,
		"is_transferring": false,
	}), nil
}

// stateConflict is the 409 the client API answers for power and resources while a server
// cannot run. The checks and their order are Server::validateCurrentState's and the messages
// ServerStateConflictException's: "not installed" covers install_failed as well as installing,
// as container.installed does.
func (c *call) stateConflict() *apiError {
	srv := c.boundServer
	n, _ := c.st.nodes.get(srv.NodeID)
	msg := ""
	switch {
	case deref(srv.Status) == statusSuspended:
		msg = "This server is currently suspended and the functionality requested is unavailable."
	case n.MaintenanceMode:
		msg = "The node of this server is currently under maintenance and the functionality requested is unavailable."
	case srv.installed() == 0:
		msg = "This server has not yet completed its installation process, please try again later."
	case deref(srv.Status) == statusRestoringBackup:
		msg = "This server is currently restoring from a backup, please try again later."
	}
	if msg == "" {
		return nil
	}
	return newError(http.StatusConflict, "ServerStateConflictException", msg)
}

// clientPower relays a signal to Wings and answers 204 at once: the state changes afterwards.
func clientPower(c *call) (int, any, *apiError) {
	if err := c.clientServerAccess(); err != nil {
		return 0, nil, err
	}
	if err := c.stateConflict(); err != nil {
		return 0, nil, err
	}
	// SendPowerRequest's permission follows the signal; an unknown one asks for "__invalid",
	// which only the owner and admins pass, to meet the 422 below.
	perm := map[string]string{"start": "control.start", "stop": "control.stop", "kill": "control.stop",
		"restart": "control.restart"}[c.body.strOr("signal", "")]
	if err := c.require(firstNonEmpty(perm, "__invalid")); err != nil {
		return 0, nil, err
	}
	var errs validationErrors
	validate(c.body, []field{{path: "signal", rules: "required|string|in:start,stop,restart,kill"}}, &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	srv := c.boundServer
	if !c.sim.wingsReachable(srv.NodeID) {
		return 0, nil, errDaemonUnreachable()
	}
	switch *c.body.str("signal") {
	case "start", "restart":
		srv.PowerState = "starting"
	case "stop":
		srv.PowerState = "stopping"
	case "kill":
		srv.PowerState = "offline"
	}
	srv.PowerStateSettleAt = c.sim.now().Add(c.sim.powerDelay(srv.PowerState))
	c.st.schedule(srv)
	return http.StatusNoContent, nil, nil
}

func settledPowerState(s string) string {
	switch s {
	case "starting":
		return "running"
	case "stopping":
		return "offline"
	}
	return s
}

// clientResources answers from a 20-second cache per server, as the panel does, so a state
// change after a power signal shows up late.
func clientResources(c *call) (int, any, *apiError) {
	if err := c.clientServerAccess(); err != nil {
		return 0, nil, err
	}
	if err := c.stateConflict(); err != nil {
		return 0, nil, err
	}
	srv := c.boundServer
	if !c.sim.wingsReachable(srv.NodeID) {
		return 0, nil, errDaemonUnreachable()
	}
	now := c.sim.now()
	cached, ok := c.sim.resources[srv.ID]
	if !ok || now.Sub(cached.at) >= resourcesCache {
		running := srv.PowerState == "running"
		mem := 0
		if running {
			mem = srv.Memory * 1024 * 1024 / 2
		}
		cached = resourceSnapshot{at: now, body: obj{"object": "stats", "attributes": obj{
			"current_state": srv.PowerState, "is_suspended": deref(srv.Status) == statusSuspended,
			"resources": obj{"memory_bytes": mem, "cpu_absolute": 0, "disk_bytes": 0,
				"network_rx_bytes": 0, "network_tx_bytes": 0, "uptime": 0},
		}}}
		c.sim.resources[srv.ID] = cached
	}
	return http.StatusOK, cached.body, nil
}

type resourceSnapshot struct {
	at   time.Time
	body obj
}

// clientWebsocket hands out a Wings socket address and a ten-minute token. The token is shaped
// like the panel's JWT but not signed with a key anyone checks: no Wings runs here.
func clientWebsocket(c *call) (int, any, *apiError) {
	if err := c.clientServerAccess(); err != nil {
		return 0, nil, err
	}
	// AuthenticateServerAccess lets only root admins through to the websocket while the server
	// installs, restores or transfers (to watch it), and nobody while it is suspended or its node
	// is in maintenance.
	if err := c.stateConflict(); err != nil {
		srv := c.boundServer
		n, _ := c.st.nodes.get(srv.NodeID)
		if !c.user.RootAdmin || deref(srv.Status) == statusSuspended || n.MaintenanceMode {
			return 0, nil, err
		}
	}
	if !c.can(permWebsocketConnect) {
		return 0, nil, newError(http.StatusForbidden, "HttpForbiddenException",
			"You do not have permission to connect to this server's websocket.")
	}
	srv := c.boundServer
	n, _ := c.st.nodes.get(srv.NodeID)
	scheme := "ws"
	if n.Scheme == "https" {
		scheme = "wss"
	}
	now := c.sim.now()
	claims, _ := json.Marshal(obj{"iss": c.baseURL, "aud": []string{n.Scheme + "://" + n.FQDN + ":" + itoa(n.DaemonListen)},
		"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "server_uuid": srv.UUID, "user_uuid": c.user.UUID,
		"permissions": []string{"*"}})
	enc := base64.RawURLEncoding
	token := enc.EncodeToString([]byte(`{"typ":"JWT","alg":"HS256"}`)) + "." + enc.EncodeToString(claims) + "." +
		enc.EncodeToString([]byte(c.sim.randomString(32)))
	return http.StatusOK, obj{"data": obj{"token": token,
		"socket": scheme + "://" + n.FQDN + ":" + itoa(n.DaemonListen) + "/api/servers/" + srv.UUID + "/ws"}}, nil
}
