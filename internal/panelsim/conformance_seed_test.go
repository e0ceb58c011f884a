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
	"os"
	"path/filepath"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// A seed file (seed.go's format) is what the simulator serves, and what a reset returns to.

const seedYAML = `
users:
  - id: 1
    username: Root
    email: root@example.com
    first_name: Root
    last_name: Admin
    root_admin: true
  - id: 7
    external_id: crm-7
    username: gamer
    email: gamer@example.com
    first_name: Game
    last_name: Er
locations:
  - id: 3
    short: de-fra
    long: Frankfurt
nodes:
  - id: 4
    name: wings-fra-1
    location_id: 3
    fqdn: wings-fra-1.example.com
    memory: 16384
    disk: 102400
    allocations:
      - ip: 192.0.2.10
        alias: fra.example.com
        ports: ["27015", "25565-25567"]
`

func TestSeedFileIsServed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seed.yaml")
	if err := os.WriteFile(path, []byte(seedYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	seed, err := panelsim.LoadSeed(path)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, func(o *panelsim.Options) { o.Seed = seed })

	r := e.get("/users")
	if got := fmt.Sprint(dataIDs(r)); got != "[1 7]" {
		t.Errorf("users %s", got)
	}
	if r.at("data.0.attributes.username") != "root" || r.at("data.0.attributes.root_admin") != true {
		t.Errorf("root user %v (usernames are stored lowercase)", r.at("data.0.attributes"))
	}
	if num(e.get("/users/external/crm-7").at("attributes.id")) != 7 {
		t.Error("external id of user 7 not served")
	}

	r = e.get("/locations/3?include=nodes")
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.long") != "Frankfurt" || r.at("attributes.relationships.nodes.data.0.attributes.id") != float64(4) {
		t.Errorf("location 3: %s", r.raw)
	}

	r = e.get("/nodes/4")
	want := map[string]any{"name": "wings-fra-1", "location_id": float64(3), "fqdn": "wings-fra-1.example.com",
		"memory": float64(16384), "disk": float64(102400), "scheme": "https", "daemon_listen": float64(8080), "daemon_sftp": float64(2022)}
	for k, v := range want {
		if got := r.at("attributes." + k); got != v {
			t.Errorf("node %s = %#v, want %#v", k, got, v)
		}
	}

	r = e.get("/nodes/4/allocations")
	var got []string
	for _, it := range r.at("data").([]any) {
		got = append(got, fmt.Sprintf("%v:%v/%v", at(it, "attributes.ip"), at(it, "attributes.port"), at(it, "attributes.alias")))
	}
	if fmt.Sprint(got) != "[192.0.2.10:27015/fra.example.com 192.0.2.10:25565/fra.example.com 192.0.2.10:25566/fra.example.com 192.0.2.10:25567/fra.example.com]" {
		t.Errorf("allocations %v", got)
	}

	// Without nests in the seed there are none; a reset returns to the file's state.
	if num(e.get("/nests").at("meta.pagination.total")) != 0 {
		t.Error("nests served from a seed without any")
	}
	wantStatus(t, e.post("/locations", map[string]any{"short": "extra"}), http.StatusCreated)
	e.sim.Reset()
	if got := fmt.Sprint(dataIDs(e.get("/locations"))); got != "[3]" {
		t.Errorf("locations after reset: %s", got)
	}
	// Auto-increment ids continue past the seeded ones.
	if got := e.post("/locations", map[string]any{"short": "next"}).at("attributes.id"); got != float64(4) {
		t.Errorf("next location id %v, want 4", got)
	}
}
