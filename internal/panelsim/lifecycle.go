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

import "time"

// startInstall schedules Wings' install callback after the install delay. Holds s.mu.
func (s *Sim) startInstall(srv *server, reinstall bool) {
	srv.InstallDoneAt = s.now().Add(s.opts.InstallDelay)
	srv.Reinstalling = reinstall
	srv.InstallWillFail = s.installFailures[deref(srv.ExternalID)] || s.installFailures[srv.Name]
	s.st.schedule(srv)
}

// advance delivers the install callbacks that are due, and settles power transitions. It runs
// before every request, so time moves the way a client sees it without background goroutines.
// Holds s.mu.
func (s *Sim) advance() {
	now := s.now()
	for id, srv := range s.st.timed {
		if cur, ok := s.st.servers.get(id); !ok || cur != srv {
			delete(s.st.timed, id) // deleted, or rolled back
			continue
		}
		if !srv.InstallDoneAt.IsZero() && !now.Before(srv.InstallDoneAt) {
			s.completeInstall(srv, !srv.InstallWillFail)
		}
		if !srv.PowerStateSettleAt.IsZero() && !now.Before(srv.PowerStateSettleAt) {
			srv.PowerState = settledPowerState(srv.PowerState)
			srv.PowerStateSettleAt = time.Time{}
		}
		if srv.InstallDoneAt.IsZero() && srv.PowerStateSettleAt.IsZero() {
			delete(s.st.timed, id)
		}
	}
	s.advanceBackups(now)
	s.advanceSchedules(now)
}

// completeInstall is Wings' "installation finished" callback: a suspended server stays suspended,
// otherwise the status becomes null or (re)install_failed.
func (s *Sim) completeInstall(srv *server, success bool) {
	srv.InstallDoneAt = time.Time{}
	switch {
	case deref(srv.Status) == statusSuspended:
	case success:
		srv.Status = nil
		if srv.StartOnCompletion && !srv.Reinstalling {
			srv.PowerState = "running"
		}
	case srv.Reinstalling:
		srv.Status = ptr(statusReinstallFailed)
	default:
		srv.Status = ptr(statusInstallFailed)
	}
	srv.Reinstalling = false
	srv.UpdatedAt = s.now()
}

// FailInstalls makes every future install of a server with this name or external id fail (""
// clears the list).
func (s *Sim) FailInstalls(nameOrExternalID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if nameOrExternalID == "" {
		s.installFailures = map[string]bool{}
		return
	}
	s.installFailures[nameOrExternalID] = true
}

// CompleteInstall delivers a server's pending install callback now, with the given result. It
// reports false when the server does not exist.
func (s *Sim) CompleteInstall(serverID int, success bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	srv, ok := s.st.servers.get(serverID)
	if !ok {
		return false
	}
	s.completeInstall(srv, success)
	return true
}
