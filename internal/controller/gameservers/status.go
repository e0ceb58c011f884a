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

package gameservers

import (
	"time"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// installPoll is how often an installing server is looked at: the panel changes its status when
// Wings reports back, with no event a watch could see.
const installPoll = 2 * time.Second

// busyPoll is how often a server restoring a backup or being transferred is looked at.
const busyPoll = 15 * time.Second

// statusTransferring is not among the panel's documented statuses, but its code knows it; a
// panel that reports it gets the state it names.
const statusTransferring = "transferring"

// stateOf maps the panel's server status to the GameServer state.
func stateOf(s *panel.Server) ptero.GameServerState {
	switch s.StatusString() {
	case panel.StatusInstalling:
		return ptero.GameServerStateInstalling
	case panel.StatusInstallFailed:
		return ptero.GameServerStateInstallFailed
	case panel.StatusReinstallFailed:
		return ptero.GameServerStateReinstallFailed
	case panel.StatusSuspended:
		return ptero.GameServerStateSuspended
	case panel.StatusRestoringBackup:
		return ptero.GameServerStateRestoringBackup
	case statusTransferring:
		return ptero.GameServerStateTransferring
	}
	if s.Suspended {
		return ptero.GameServerStateSuspended
	}
	return ptero.GameServerStateInstalled
}

// readiness says why a server that matches its spec is still not Ready, and when to look again.
// A suspended server whose spec asks for suspension is Ready: it is what the user wants.
func readiness(state ptero.GameServerState) (reason, message string, poll time.Duration) {
	switch state {
	case ptero.GameServerStateInstalling:
		return ptero.ReasonInstalling, "The server is installing.", installPoll
	case ptero.GameServerStateInstallFailed:
		return ptero.ReasonInstallFailed, "The install script failed: read the install log on the node, " +
			"fix the egg variables or the image, then set the " + ptero.AnnotationReinstall + " annotation to a new value.", 0
	case ptero.GameServerStateReinstallFailed:
		return ptero.ReasonInstallFailed, "The reinstall failed: read the install log on the node, then set the " +
			ptero.AnnotationReinstall + " annotation to a new value to try again.", 0
	case ptero.GameServerStateRestoringBackup, ptero.GameServerStateTransferring:
		// Installed and not failed: Ready, but looked at sooner to report the end of it.
		return "", "", busyPoll
	}
	return "", "", 0
}

// setObserved writes what the panel says of the server into status.
func setObserved(gs *ptero.GameServer, s *panel.Server) {
	gs.Status.ID = int64(s.ID)
	gs.Status.Identifier = s.Identifier
	gs.Status.UUID = s.UUID
	gs.Status.ExternalID = s.ExternalID
	gs.Status.NodeID = int64(s.Node)
	if n := s.Relationships.Node; n != nil {
		gs.Status.Node = n.Name
	}
	for _, a := range s.Relationships.Allocations {
		if a.ID == s.Allocation {
			gs.Status.Address = allocationAddress(a)
		}
	}
	gs.Status.State = stateOf(s)
}
