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

import "strings"

// load fills the state from a seed. Holds s.mu.
func (s *Sim) load(seed *Seed) {
	now := s.now()
	for _, u := range seed.Users {
		row := &user{ID: u.ID, UUID: s.uuid(), Username: strings.ToLower(u.Username), Email: u.Email,
			FirstName: u.FirstName, LastName: u.LastName, Language: "en", RootAdmin: u.RootAdmin,
			CreatedAt: now, UpdatedAt: now}
		if u.ExternalID != "" {
			row.ExternalID = ptr(u.ExternalID)
		}
		s.st.users.put(u.ID, row)
	}
	for _, l := range seed.Locations {
		row := &location{ID: l.ID, Short: l.Short, CreatedAt: now, UpdatedAt: now}
		if l.Long != "" {
			row.Long = ptr(l.Long)
		}
		s.st.locations.put(l.ID, row)
	}
	for _, n := range seed.Nodes {
		row := &node{ID: n.ID, UUID: s.uuid(), Public: true, Name: n.Name, LocationID: n.LocationID, FQDN: n.FQDN,
			Scheme: firstNonEmpty(n.Scheme, "https"), Memory: orInt(n.Memory, 1024), Disk: orInt(n.Disk, 1024),
			UploadSize: 100, DaemonListen: 8080, DaemonSFTP: 2022, DaemonBase: defaultDaemonBase,
			DaemonTokenID: s.randomString(16), DaemonToken: s.randomString(64), CreatedAt: now, UpdatedAt: now}
		s.st.nodes.put(n.ID, row)
		for _, a := range n.Allocations {
			for _, p := range a.Ports {
				lo, hi, err := parsePortRange(p)
				if err != nil {
					continue
				}
				s.st.addAllocations(n.ID, a.IP, a.Alias, lo, hi)
			}
		}
	}
	for _, n := range seed.Nests {
		s.st.nests.put(n.ID, &nest{ID: n.ID, UUID: n.UUID, Author: n.Author, Name: n.Name,
			Description: n.Description, CreatedAt: now, UpdatedAt: now})
		for _, e := range n.Eggs {
			s.st.eggs.put(e.ID, &egg{SeedEgg: e, NestID: n.ID, CreatedAt: now, UpdatedAt: now})
			for _, v := range e.Variables {
				s.st.variables[v.ID] = &eggVariable{SeedVariable: v, EggID: e.ID}
			}
		}
	}
	s.st.eggVariables = nil // grouped again on first use
	for _, h := range seed.DatabaseHosts {
		s.st.databaseHosts.put(h.ID, &databaseHost{SeedDatabaseHost: h, CreatedAt: now, UpdatedAt: now})
	}
}

func ptr[T any](v T) *T { return &v }

func orInt(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
