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
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// Dump is the whole state, for tests and for looking at by hand (GET /_sim/state). Secrets are
// not in it: a user's password appears only as a SHA-256, so a test can check it without it.
type Dump struct {
	Users         []*User         `json:"users"`
	Locations     []*Location     `json:"locations"`
	Nodes         []*Node         `json:"nodes"`
	Allocations   []*Allocation   `json:"allocations"`
	Nests         []*Nest         `json:"nests"`
	Eggs          []DumpEgg       `json:"eggs"`
	Servers       []*Server       `json:"servers"`
	Databases     []*Database     `json:"databases"`
	DatabaseHosts []*DatabaseHost `json:"database_hosts"`
	// Backups include soft-deleted ones (deleted_at set); Schedules leave their tasks to Tasks.
	Backups   []*Backup   `json:"backups"`
	Schedules []*Schedule `json:"schedules"`
	Tasks     []*Task     `json:"tasks"`
	Subusers  []*Subuser  `json:"subusers"`
}

// The rows of the dump, named for use outside the package.
type (
	// User is a user row.
	User = user
	// Location is a location row.
	Location = location
	// Node is a node row.
	Node = node
	// Allocation is an allocation row.
	Allocation = allocation
	// Nest is a nest row.
	Nest = nest
	// Server is a server row.
	Server = server
	// Database is a server database row.
	Database = database
	// DatabaseHost is a database host row.
	DatabaseHost = databaseHost
	// Backup is a backup row.
	Backup = backup
	// Schedule is a schedule row.
	Schedule = schedule
	// Task is a schedule task row.
	Task = task
	// Subuser is a subuser row.
	Subuser = subuser
)

// DumpEgg names an egg and its nest.
type DumpEgg struct {
	ID     int    `json:"id"`
	NestID int    `json:"nest_id"`
	Name   string `json:"name"`
}

// State returns a copy of the current state.
func (s *Sim) State() Dump {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advance()
	// Marshal and unmarshal into a fresh value so the caller holds no pointer into the store.
	var d Dump
	data, _ := json.Marshal(s.dump())
	_ = json.Unmarshal(data, &d)
	return d
}

func (s *Sim) dump() Dump {
	d := Dump{Locations: s.st.locations.all(), Nodes: s.st.nodes.all(), Allocations: s.st.allocations.all(),
		Nests: s.st.nests.all(), Servers: s.st.servers.all(), Databases: s.st.databases.all(),
		DatabaseHosts: s.st.databaseHosts.all(), Backups: s.st.backups.all(), Schedules: s.st.schedules.all(),
		Tasks: s.st.tasks.all(), Subusers: s.st.subusers.all()}
	d.Users = s.st.users.all()
	for _, e := range s.st.eggs.all() {
		d.Eggs = append(d.Eggs, DumpEgg{ID: e.ID, NestID: e.NestID, Name: e.Name})
	}
	return d
}

// faultRequest is a Fault as JSON, with latency as a Go duration string ("250ms").
type faultRequest struct {
	Fault
	Latency string `json:"latency,omitempty"`
}

// control serves the test API under /_sim/; it needs no key and is never rate limited.
//
//	POST   /_sim/reset                      back to the seed
//	GET    /_sim/state                      the whole state as JSON
//	GET    /_sim/counts                     requests answered, by "METHOD route status"
//	POST   /_sim/faults                     add a fault (Fault's JSON fields)
//	DELETE /_sim/faults                     clear faults and bring Wings back
//	POST   /_sim/wings                      {"node": 0, "reachable": false}
//	POST   /_sim/install-failures           {"match": "<server name or external id>"}; "" clears
//	POST   /_sim/servers/{id}/install       {"success": false}: deliver the install callback now
//	POST   /_sim/servers/{id}/crash         the game process dies: the server goes offline
//	POST   /_sim/servers/{id}/fail-next-backup  the server's next backup fails
//	POST   /_sim/backups/{uuid}/complete    {"success": true}: Wings reports on the backup now
//	DELETE /_sim/backups/{uuid}             the backup goes behind the operator's back
func (s *Sim) control(w http.ResponseWriter, r *http.Request) {
	path := strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/_sim/"), "/")
	bad := func(msg string) { writeJSON(w, http.StatusBadRequest, obj{"error": msg}) }
	switch {
	case r.Method == http.MethodPost && path == "reset":
		s.Reset()
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodGet && path == "state":
		writeJSON(w, http.StatusOK, s.State())
	case r.Method == http.MethodGet && path == "counts":
		writeJSON(w, http.StatusOK, s.Counts())
	case r.Method == http.MethodPost && path == "faults":
		var fr faultRequest
		if err := json.NewDecoder(r.Body).Decode(&fr); err != nil {
			bad(err.Error())
			return
		}
		f := fr.Fault
		if fr.Latency != "" {
			d, err := time.ParseDuration(fr.Latency)
			if err != nil {
				bad("latency: " + err.Error())
				return
			}
			f.Latency = d
		}
		if err := f.validate(); err != nil {
			bad(err.Error())
			return
		}
		s.InjectFault(f)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodDelete && path == "faults":
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && path == "wings":
		var req struct {
			Node      int  `json:"node"`
			Reachable bool `json:"reachable"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			bad(err.Error())
			return
		}
		s.SetWingsReachable(req.Node, req.Reachable)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && path == "install-failures":
		var req struct {
			Match string `json:"match"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			bad(err.Error())
			return
		}
		s.FailInstalls(req.Match)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && strings.HasPrefix(path, "servers/") && strings.HasSuffix(path, "/install"):
		id, ok := toInt(strings.TrimSuffix(strings.TrimPrefix(path, "servers/"), "/install"))
		var req struct {
			Success bool `json:"success"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil || !ok {
			bad("want /_sim/servers/<id>/install with {\"success\": bool}")
			return
		}
		if !s.CompleteInstall(id, req.Success) {
			writeJSON(w, http.StatusNotFound, obj{"error": "no such server"})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && strings.HasPrefix(path, "servers/") && strings.HasSuffix(path, "/crash"):
		id, ok := toInt(strings.TrimSuffix(strings.TrimPrefix(path, "servers/"), "/crash"))
		if !ok {
			bad("want /_sim/servers/<id>/crash")
			return
		}
		if err := s.Crash(id); err != nil {
			writeJSON(w, http.StatusConflict, obj{"error": err.Error()})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && strings.HasPrefix(path, "servers/") && strings.HasSuffix(path, "/fail-next-backup"):
		id, ok := toInt(strings.TrimSuffix(strings.TrimPrefix(path, "servers/"), "/fail-next-backup"))
		if !ok {
			bad("want /_sim/servers/<id>/fail-next-backup")
			return
		}
		s.FailNextBackup(id)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodPost && strings.HasPrefix(path, "backups/") && strings.HasSuffix(path, "/complete"):
		var req struct {
			Success bool `json:"success"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			bad("want /_sim/backups/<uuid>/complete with {\"success\": bool}")
			return
		}
		if !s.CompleteBackup(strings.TrimSuffix(strings.TrimPrefix(path, "backups/"), "/complete"), req.Success) {
			writeJSON(w, http.StatusNotFound, obj{"error": "no unfinished backup with that uuid"})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodDelete && strings.HasPrefix(path, "backups/"):
		if !s.RemoveBackup(strings.TrimPrefix(path, "backups/")) {
			writeJSON(w, http.StatusNotFound, obj{"error": "no backup with that uuid"})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		writeJSON(w, http.StatusNotFound, obj{"error": "unknown control route " + r.Method + " " + r.URL.Path})
	}
}
