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
	"strings"
	"testing"
)

// seedTestNests is the nest catalogue of a fresh Pterodactyl 1.11 panel, in id order.
var seedTestNests = []struct {
	id   int
	name string
}{
	{1, "Minecraft"},
	{2, "Source Engine"},
	{3, "Voice Servers"},
	{4, "Rust"},
}

// seedTestEggs is the egg catalogue a fresh 1.11.8 panel seeds: id, nest id, name and how many
// variables the egg's export declares.
var seedTestEggs = []struct {
	id        int
	nestID    int
	name      string
	variables int
}{
	{1, 1, "Bungeecord", 2},
	{2, 1, "Forge Minecraft", 4},
	{3, 1, "Sponge (SpongeVanilla)", 2},
	{4, 1, "Vanilla Minecraft", 2},
	{5, 1, "Paper", 4},
	{6, 2, "Ark: Survival Evolved", 10},
	{7, 2, "Custom Source Engine Game", 6},
	{8, 2, "Counter-Strike: Global Offensive", 3},
	{9, 2, "Insurgency", 2},
	{10, 2, "Garrys Mod", 8},
	{11, 2, "Team Fortress 2", 3},
	{12, 3, "Teamspeak3 Server", 6},
	{13, 3, "Mumble Server", 1},
	{14, 4, "Rust", 17},
}

func TestDefaultSeedUsersAndDatabaseHosts(t *testing.T) {
	s := DefaultSeed()

	if len(s.Users) != 1 {
		t.Fatalf("users: got %d, want 1", len(s.Users))
	}
	u := s.Users[0]
	if u.ID != 1 || u.Username != "admin" || u.Email != "admin@example.com" || !u.RootAdmin {
		t.Errorf("user: got %+v, want id 1 root admin admin/admin@example.com", u)
	}

	if len(s.DatabaseHosts) != 1 {
		t.Fatalf("database hosts: got %d, want 1", len(s.DatabaseHosts))
	}
	h := s.DatabaseHosts[0]
	if h.ID != 1 || h.Name != "local-mysql" || h.Host != "127.0.0.1" || h.Port != 3306 || h.Username != "pterodactyl" {
		t.Errorf("database host: got %+v", h)
	}
}

func TestDefaultSeedNests(t *testing.T) {
	s := DefaultSeed()

	if len(s.Nests) != len(seedTestNests) {
		t.Fatalf("nests: got %d, want %d", len(s.Nests), len(seedTestNests))
	}
	uuids := map[string]bool{}
	for i, want := range seedTestNests {
		n := s.Nests[i]
		if n.ID != want.id || n.Name != want.name {
			t.Errorf("nest %d: got id %d name %q, want id %d name %q", i, n.ID, n.Name, want.id, want.name)
		}
		if n.Author != "support@pterodactyl.io" {
			t.Errorf("nest %q: author %q", n.Name, n.Author)
		}
		if n.UUID == "" || uuids[n.UUID] {
			t.Errorf("nest %q: empty or duplicate uuid %q", n.Name, n.UUID)
		}
		uuids[n.UUID] = true
		if n.Description == "" {
			t.Errorf("nest %q: empty description", n.Name)
		}
	}
}

func TestDefaultSeedEggs(t *testing.T) {
	s := DefaultSeed()

	type placed struct {
		nestID int
		egg    SeedEgg
	}
	var eggs []placed
	for _, n := range s.Nests {
		prev := 0
		for _, e := range n.Eggs {
			if e.ID <= prev {
				t.Errorf("nest %q: egg %d (%q) listed after egg %d", n.Name, e.ID, e.Name, prev)
			}
			prev = e.ID
			eggs = append(eggs, placed{n.ID, e})
		}
	}
	if len(eggs) != len(seedTestEggs) {
		t.Fatalf("eggs: got %d, want %d", len(eggs), len(seedTestEggs))
	}

	byID := map[int]placed{}
	uuids := map[string]bool{}
	for _, p := range eggs {
		if _, dup := byID[p.egg.ID]; dup {
			t.Errorf("duplicate egg id %d", p.egg.ID)
		}
		byID[p.egg.ID] = p
		if p.egg.UUID == "" || uuids[p.egg.UUID] {
			t.Errorf("egg %q: empty or duplicate uuid %q", p.egg.Name, p.egg.UUID)
		}
		uuids[p.egg.UUID] = true
	}

	for _, want := range seedTestEggs {
		p, ok := byID[want.id]
		if !ok {
			t.Errorf("egg %d (%q) missing", want.id, want.name)
			continue
		}
		e := p.egg
		if e.Name != want.name || p.nestID != want.nestID {
			t.Errorf("egg %d: got %q in nest %d, want %q in nest %d", want.id, e.Name, p.nestID, want.name, want.nestID)
		}
		if len(e.DockerImages) == 0 {
			t.Errorf("egg %q: no docker images", e.Name)
		}
		if e.Startup == "" || e.Config.Stop == "" || e.Script.Entry == "" || e.Script.Container == "" {
			t.Errorf("egg %q: empty startup, stop, script entry or container", e.Name)
		}
		if e.Config.FileDenylist == nil {
			t.Errorf("egg %q: file_denylist should be an empty list, not absent", e.Name)
		}
		if strings.Contains(e.Config.Files+e.Config.Startup+e.Config.Logs, "\r") {
			t.Errorf("egg %q: config still has carriage returns", e.Name)
		}
		// Every export in the catalogue declares at least one variable.
		if want.variables > 0 && len(e.Variables) == 0 {
			t.Errorf("egg %q: no variables", e.Name)
		}
		if len(e.Variables) != want.variables {
			t.Errorf("egg %q: got %d variables, want %d", e.Name, len(e.Variables), want.variables)
		}
	}
}

func TestDefaultSeedPaperImages(t *testing.T) {
	s := DefaultSeed()
	for _, n := range s.Nests {
		for _, e := range n.Eggs {
			if e.Name != "Paper" {
				continue
			}
			if len(e.DockerImages) == 0 {
				t.Fatal("Paper: no docker images")
			}
			first := e.DockerImages[0]
			if first.Label != "Java 21" || first.Image != "ghcr.io/pterodactyl/yolks:java_21" {
				t.Errorf("Paper: first image %+v, want Java 21 ghcr.io/pterodactyl/yolks:java_21", first)
			}
			return
		}
	}
	t.Fatal("Paper egg not found")
}

func TestDefaultSeedVariables(t *testing.T) {
	s := DefaultSeed()

	next := 1
	for _, n := range s.Nests {
		for _, e := range n.Eggs {
			for _, v := range e.Variables {
				if v.Rules == "" {
					t.Errorf("egg %q variable %s: empty rules", e.Name, v.EnvVariable)
				}
				if v.EnvVariable == "" || v.Name == "" {
					t.Errorf("egg %q variable %d: empty name or env_variable", e.Name, v.ID)
				}
				if v.ID != next {
					t.Errorf("egg %q variable %s: id %d, want %d", e.Name, v.EnvVariable, v.ID, next)
				}
				next++
				if e.Name == "Paper" && v.EnvVariable == "SERVER_JARFILE" {
					const want = `required|regex:/^([\w\d._-]+)(\.jar)$/`
					if v.Rules != want {
						t.Errorf("Paper SERVER_JARFILE rules: got %q, want %q", v.Rules, want)
					}
					if v.DefaultValue != "server.jar" {
						t.Errorf("Paper SERVER_JARFILE default: got %q", v.DefaultValue)
					}
				}
			}
		}
	}
	if next-1 != 70 {
		t.Errorf("variables: got %d, want 70", next-1)
	}
}

func TestParseSeedRejectsUnknownField(t *testing.T) {
	doc := []byte("nests:\n  - id: 1\n    name: Minecraft\n    eggz: []\n")
	_, err := ParseSeed(doc)
	if err == nil {
		t.Fatal("ParseSeed accepted a document with an unknown field")
	}
	if !strings.Contains(err.Error(), "eggz") {
		t.Errorf("error %q does not name the unknown field eggz", err)
	}

	if _, err := ParseSeed([]byte("nests:\n  - id: 1\n    name: Minecraft\n    eggs: []\n")); err != nil {
		t.Errorf("ParseSeed refused a valid document: %v", err)
	}
}
