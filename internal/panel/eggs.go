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

package panel

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
)

const (
	routeEggs = "/api/application/nests/{nest}/eggs"
	routeEgg  = "/api/application/nests/{nest}/eggs/{egg}"
)

// EggsService reads eggs (r_eggs).
type EggsService service

// Egg is the panel's egg transformer.
type Egg struct {
	ID          int    `json:"id"`
	UUID        string `json:"uuid"`
	Name        string `json:"name"`
	Nest        int    `json:"nest"`
	Author      string `json:"author"`
	Description string `json:"description"`
	// DockerImage is the deprecated first image; prefer DockerImages.
	DockerImage   string           `json:"docker_image"`
	DockerImages  DockerImages     `json:"docker_images"`
	Config        EggConfig        `json:"config"`
	Startup       string           `json:"startup"`
	Script        EggScript        `json:"script"`
	CreatedAt     Timestamp        `json:"created_at"`
	UpdatedAt     Timestamp        `json:"updated_at"`
	Relationships EggRelationships `json:"relationships"`
}

// DockerImages maps a label to an image ({"Java 17": "ghcr.io/pterodactyl/yolks:java_17"}). Old
// eggs send a plain list; each image then is its own label.
type DockerImages map[string]string

// UnmarshalJSON accepts an object or a list.
func (m *DockerImages) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		var imgs []string
		if err := unmarshal(data, &imgs); err != nil {
			return err
		}
		out := make(DockerImages, len(imgs))
		for _, img := range imgs {
			out[img] = img
		}
		*m = out
		return nil
	}
	var out map[string]string
	if err := unmarshal(data, &out); err != nil {
		return err
	}
	*m = out
	return nil
}

// EggConfig is how Wings detects startup, stops and edits files. The free-form parts stay raw:
// PHP renders empty maps as [] and their shape is egg-specific.
type EggConfig struct {
	Files        json.RawMessage `json:"files,omitempty"`
	Startup      json.RawMessage `json:"startup,omitempty"`
	Stop         string          `json:"stop"`
	Logs         json.RawMessage `json:"logs,omitempty"`
	FileDenylist []string        `json:"file_denylist"`
	Extends      *int            `json:"extends"`
}

// EggScript is the install script.
type EggScript struct {
	Privileged bool   `json:"privileged"`
	Install    string `json:"install"`
	Entry      string `json:"entry"`
	Container  string `json:"container"`
	Extends    *int   `json:"extends"`
}

// EggVariable is an egg's variable. As a server include ("variables") it also carries the
// server's value.
type EggVariable struct {
	ID           int       `json:"id"`
	EggID        int       `json:"egg_id"`
	Name         string    `json:"name"`
	Description  string    `json:"description"`
	EnvVariable  string    `json:"env_variable"`
	DefaultValue string    `json:"default_value"`
	UserViewable IntBool   `json:"user_viewable"`
	UserEditable IntBool   `json:"user_editable"`
	Rules        string    `json:"rules"` // Laravel rules, e.g. "required|string|max:20"
	CreatedAt    Timestamp `json:"created_at"`
	UpdatedAt    Timestamp `json:"updated_at"`
	// ServerValue is set in a server's "variables" include; nil when the server has no value.
	ServerValue *string `json:"server_value,omitempty"`
}

// EggRelationships holds the includes of an egg. Config and Script are the inherited parent
// values, present only when the egg extends another.
type EggRelationships struct {
	Nest      *Nest           `json:"nest,omitempty"`
	Servers   []Server        `json:"servers,omitempty"`
	Variables []EggVariable   `json:"variables,omitempty"`
	Config    json.RawMessage `json:"config,omitempty"`
	Script    json.RawMessage `json:"script,omitempty"`
	Denied    []string        `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *EggRelationships) UnmarshalJSON(data []byte) error {
	*r = EggRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw struct {
		Nest      relItem[Nest]            `json:"nest"`
		Servers   relList[Server]          `json:"servers"`
		Variables relList[EggVariable]     `json:"variables"`
		Config    relItem[json.RawMessage] `json:"config"`
		Script    relItem[json.RawMessage] `json:"script"`
	}
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	// config and script are null_resource whenever the egg extends nothing, which says nothing
	// about permissions: keep them out of Denied.
	var denied, notInherited []string
	*r = EggRelationships{
		Nest:      relOne(&denied, "nest", &raw.Nest),
		Servers:   relMany(&denied, "servers", &raw.Servers),
		Variables: relMany(&denied, "variables", &raw.Variables),
		Config:    derefRaw(relOne(&notInherited, "config", &raw.Config)),
		Script:    derefRaw(relOne(&notInherited, "script", &raw.Script)),
	}
	r.Denied = denied
	return nil
}

// List returns every egg of a nest (the panel does not paginate this list). Includes: nest,
// servers, variables, config, script.
func (s *EggsService) List(ctx context.Context, nest int, include ...string) ([]Egg, error) {
	cl := newCall(http.MethodGet, routeEggs, nest)
	cl.query = includeQuery(include)
	eggs, _, err := getList[Egg](ctx, s.client, cl)
	return eggs, err
}

// Get returns an egg; 404 if it belongs to another nest.
func (s *EggsService) Get(ctx context.Context, nest, egg int, include ...string) (*Egg, error) {
	cl := newCall(http.MethodGet, routeEgg, nest, egg)
	cl.query = includeQuery(include)
	return getItem[Egg](ctx, s.client, cl)
}
