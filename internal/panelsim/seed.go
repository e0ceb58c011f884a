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
	_ "embed"
	"fmt"
	"os"

	"sigs.k8s.io/yaml"
)

// Seed is the state a simulator starts from (and returns to on reset): what a fresh panel holds,
// plus whatever a test wants to exist before it begins. The format is the same for the embedded
// default (seed/default.yaml) and for a --seed file; YAML or JSON.
type Seed struct {
	Users         []SeedUser         `json:"users,omitempty"`
	Locations     []SeedLocation     `json:"locations,omitempty"`
	Nodes         []SeedNode         `json:"nodes,omitempty"`
	Nests         []SeedNest         `json:"nests,omitempty"`
	DatabaseHosts []SeedDatabaseHost `json:"database_hosts,omitempty"`
}

// SeedUser is a panel user. The first root admin owns the simulator's API keys.
type SeedUser struct {
	ID         int    `json:"id"`
	ExternalID string `json:"external_id,omitempty"`
	Username   string `json:"username"`
	Email      string `json:"email"`
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
	RootAdmin  bool   `json:"root_admin,omitempty"`
}

// SeedLocation is a location.
type SeedLocation struct {
	ID    int    `json:"id"`
	Short string `json:"short"`
	Long  string `json:"long,omitempty"`
}

// SeedNode is a node and its allocations; unset numbers take the values a panel admin's form
// suggests (memory and disk 1024, daemon ports 8080/2022).
type SeedNode struct {
	ID          int              `json:"id"`
	Name        string           `json:"name"`
	LocationID  int              `json:"location_id"`
	FQDN        string           `json:"fqdn"`
	Scheme      string           `json:"scheme,omitempty"`
	Memory      int              `json:"memory,omitempty"`
	Disk        int              `json:"disk,omitempty"`
	Allocations []SeedAllocation `json:"allocations,omitempty"`
}

// SeedAllocation is one ip with its ports ("25565" or "25565-25570").
type SeedAllocation struct {
	IP    string   `json:"ip"`
	Alias string   `json:"alias,omitempty"`
	Ports []string `json:"ports"`
}

// SeedNest is a nest with its eggs.
type SeedNest struct {
	ID          int       `json:"id"`
	UUID        string    `json:"uuid"`
	Author      string    `json:"author"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Eggs        []SeedEgg `json:"eggs"`
}

// SeedEgg is an egg as the Application API serves it. DockerImages keeps its order: the first
// image is the deprecated docker_image attribute and the one an admin's form preselects.
type SeedEgg struct {
	ID           int            `json:"id"`
	UUID         string         `json:"uuid"`
	Name         string         `json:"name"`
	Author       string         `json:"author"`
	Description  string         `json:"description"`
	DockerImages []DockerImage  `json:"docker_images"`
	Startup      string         `json:"startup"`
	Config       SeedEggConfig  `json:"config"`
	Script       SeedEggScript  `json:"script"`
	Variables    []SeedVariable `json:"variables"`
}

// DockerImage is one labelled image of an egg.
type DockerImage struct {
	Label string `json:"label"`
	Image string `json:"image"`
}

// SeedEggConfig holds the egg's config blocks as the JSON strings the panel stores.
type SeedEggConfig struct {
	Files        string   `json:"files"`
	Startup      string   `json:"startup"`
	Logs         string   `json:"logs"`
	Stop         string   `json:"stop"`
	FileDenylist []string `json:"file_denylist"`
}

// SeedEggScript is the egg's install script.
type SeedEggScript struct {
	Privileged bool   `json:"privileged"`
	Install    string `json:"install"`
	Entry      string `json:"entry"`
	Container  string `json:"container"`
}

// SeedVariable is an egg variable with its Laravel validation rules.
type SeedVariable struct {
	ID           int    `json:"id"`
	Name         string `json:"name"`
	Description  string `json:"description"`
	EnvVariable  string `json:"env_variable"`
	DefaultValue string `json:"default_value"`
	UserViewable bool   `json:"user_viewable"`
	UserEditable bool   `json:"user_editable"`
	Rules        string `json:"rules"`
}

// SeedDatabaseHost is a database host (there are no Application routes for them in 1.x).
type SeedDatabaseHost struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Username string `json:"username"`
	NodeID   *int   `json:"node,omitempty"`
}

//go:embed seed/default.yaml
var defaultSeedYAML []byte

// DefaultSeed returns what a fresh Pterodactyl 1.11 panel holds: its admin user, the four nests
// and fourteen eggs it seeds, and one database host.
func DefaultSeed() *Seed {
	s, err := ParseSeed(defaultSeedYAML)
	if err != nil {
		panic(fmt.Sprintf("panelsim: embedded seed: %v", err))
	}
	return s
}

// LoadSeed reads a seed file (YAML or JSON).
func LoadSeed(path string) (*Seed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := ParseSeed(data)
	if err != nil {
		return nil, fmt.Errorf("seed %s: %w", path, err)
	}
	return s, nil
}

// ParseSeed decodes a seed, refusing unknown fields so a typo does not silently seed nothing.
func ParseSeed(data []byte) (*Seed, error) {
	s := &Seed{}
	if err := yaml.UnmarshalStrict(data, s); err != nil {
		return nil, err
	}
	return s, nil
}
