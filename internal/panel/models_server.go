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
	"encoding/json"
)

// Server statuses. A nil Server.Status means installed and fine.
const (
	StatusInstalling      = "installing"
	StatusInstallFailed   = "install_failed"
	StatusReinstallFailed = "reinstall_failed"
	StatusSuspended       = "suspended"
	StatusRestoringBackup = "restoring_backup"
)

// Server is the panel's application server transformer.
type Server struct {
	ID         int    `json:"id"`
	ExternalID string `json:"external_id"` // "" when null
	UUID       string `json:"uuid"`
	// Identifier is the 8-character short uuid used by the client API.
	Identifier  string  `json:"identifier"`
	Name        string  `json:"name"`
	Description string  `json:"description"`
	Status      *string `json:"status"`
	// Suspended is deprecated by the panel in favour of Status.
	Suspended     bool                `json:"suspended"`
	Limits        Limits              `json:"limits"`
	FeatureLimits FeatureLimits       `json:"feature_limits"`
	User          int                 `json:"user"`
	Node          int                 `json:"node"`
	Allocation    int                 `json:"allocation"` // the default allocation's id
	Nest          int                 `json:"nest"`
	Egg           int                 `json:"egg"`
	Container     Container           `json:"container"`
	CreatedAt     Timestamp           `json:"created_at"`
	UpdatedAt     Timestamp           `json:"updated_at"`
	Relationships ServerRelationships `json:"relationships"`
}

// StatusString returns Status, "" for null.
func (s *Server) StatusString() string {
	if s.Status == nil {
		return ""
	}
	return *s.Status
}

// IsInstalling reports a pending (re)install.
func (s *Server) IsInstalling() bool { return s.StatusString() == StatusInstalling }

// InstallFailed reports a failed install or reinstall.
func (s *Server) InstallFailed() bool {
	st := s.StatusString()
	return st == StatusInstallFailed || st == StatusReinstallFailed
}

// IsSuspended uses Status, falling back to the deprecated flag.
func (s *Server) IsSuspended() bool { return s.StatusString() == StatusSuspended || s.Suspended }

// Limits are a server's resource limits as the panel reports them.
type Limits struct {
	Memory int `json:"memory"` // MiB, 0 = unlimited
	Swap   int `json:"swap"`   // MiB, -1 = unlimited
	Disk   int `json:"disk"`   // MiB, 0 = unlimited
	IO     int `json:"io"`     // 10-1000
	CPU    int `json:"cpu"`    // percent of one core, 0 = unlimited
	// Threads pins CPUs ("0-1,3"); nil when unset.
	Threads *string `json:"threads"`
	// OOMDisabled appears here in responses but is a top-level input in requests.
	OOMDisabled bool `json:"oom_disabled"`
}

// FeatureLimits caps databases, allocations and backups. nil means unlimited where the panel
// allows it (databases and allocations on build). On create, the panel turns nil into 0, and a
// databases limit of 0 blocks even admins from creating databases.
type FeatureLimits struct {
	Databases   *int `json:"databases"`
	Allocations *int `json:"allocations"`
	Backups     *int `json:"backups"`
}

// Container is the server's runtime configuration.
type Container struct {
	StartupCommand string `json:"startup_command"`
	Image          string `json:"image"`
	// Installed is 0/1 in 1.x; 0 only while installing or after a failed install.
	Installed IntBool `json:"installed"`
	// Environment holds every egg variable's value plus STARTUP and the P_SERVER_* values the
	// panel adds.
	Environment map[string]string `json:"environment"`
}

// UnmarshalJSON tolerates non-string environment values (numbers, booleans, null) that older or
// hand-edited panels return, converting them to their JSON text.
func (c *Container) UnmarshalJSON(data []byte) error {
	var raw containerWire
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	*c = raw.model()
	return nil
}

// containerWire is Container's wire shape (wire.go).
type containerWire struct {
	StartupCommand string              `json:"startup_command"`
	Image          string              `json:"image"`
	Installed      IntBool             `json:"installed"`
	Environment    map[string]envValue `json:"environment"`
}

func (raw containerWire) model() Container {
	c := Container{StartupCommand: raw.StartupCommand, Image: raw.Image, Installed: raw.Installed}
	if raw.Environment != nil {
		c.Environment = make(map[string]string, len(raw.Environment))
		for k, v := range raw.Environment {
			c.Environment[k] = string(v)
		}
	}
	return c
}

// envValue is one value of container.environment, read by jsonScalarString (no copy of its JSON
// text is kept).
type envValue string

// UnmarshalJSON implements json.Unmarshaler.
func (e *envValue) UnmarshalJSON(data []byte) error {
	*e = envValue(jsonScalarString(data))
	return nil
}

// jsonScalarString returns a JSON string's value, "" for null, and the text of anything else.
func jsonScalarString(v json.RawMessage) string {
	// The usual cases without a decoder call per value: v is one valid JSON value (the decoder
	// that handed it over checked it), so only a string or null can decode into a string.
	if n := len(v); n >= 2 && v[0] == '"' && v[n-1] == '"' && plainASCII(v[1:n-1]) {
		return string(v[1 : n-1])
	}
	if len(v) > 0 && v[0] != '"' && v[0] != 'n' && v[0] != ' ' && v[0] != '\t' && v[0] != '\n' && v[0] != '\r' {
		return string(v) // a number, a boolean, an object or an array
	}
	var s string
	if unmarshal(v, &s) == nil {
		return s
	}
	if isJSONNull(v) {
		return ""
	}
	return string(v)
}

// plainASCII reports printable ASCII without quotes or escapes: a JSON string body that reads as
// itself.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x20 || c >= 0x7f || c == '\\' || c == '"' {
			return false
		}
	}
	return true
}

// Subuser is an entry of a server's "subusers" include.
type Subuser struct {
	ID          int       `json:"id"`
	UserID      int       `json:"user_id"`
	ServerID    int       `json:"server_id"`
	Permissions []string  `json:"permissions"`
	CreatedAt   Timestamp `json:"created_at"`
	UpdatedAt   Timestamp `json:"updated_at"`
}

// ServerRelationships holds a server's includes.
type ServerRelationships struct {
	Allocations []Allocation     `json:"allocations,omitempty"`
	User        *User            `json:"user,omitempty"`
	Subusers    []Subuser        `json:"subusers,omitempty"`
	Nest        *Nest            `json:"nest,omitempty"`
	Egg         *Egg             `json:"egg,omitempty"`
	Variables   []EggVariable    `json:"variables,omitempty"`
	Location    *Location        `json:"location,omitempty"`
	Node        *Node            `json:"node,omitempty"`
	Databases   []ServerDatabase `json:"databases,omitempty"`
	// Denied names includes the key was not allowed to read (null_resource).
	Denied []string `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *ServerRelationships) UnmarshalJSON(data []byte) error {
	*r = ServerRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw serverRelationshipsWire
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	*r = raw.model()
	return nil
}

// serverRelationshipsWire is ServerRelationships' wire shape (wire.go).
type serverRelationshipsWire struct {
	Allocations relList[Allocation]     `json:"allocations"`
	User        relItem[User]           `json:"user"`
	Subusers    relList[Subuser]        `json:"subusers"`
	Nest        relItem[Nest]           `json:"nest"`
	Egg         relItem[Egg]            `json:"egg"`
	Variables   relList[EggVariable]    `json:"variables"`
	Location    relItem[Location]       `json:"location"`
	Node        relItem[Node]           `json:"node"`
	Databases   relList[ServerDatabase] `json:"databases"`
}

func (raw serverRelationshipsWire) model() ServerRelationships {
	var denied []string
	r := ServerRelationships{
		Allocations: relMany(&denied, "allocations", &raw.Allocations),
		User:        relOne(&denied, "user", &raw.User),
		Subusers:    relMany(&denied, "subusers", &raw.Subusers),
		Nest:        relOne(&denied, "nest", &raw.Nest),
		Egg:         relOne(&denied, "egg", &raw.Egg),
		Variables:   relMany(&denied, "variables", &raw.Variables),
		Location:    relOne(&denied, "location", &raw.Location),
		Node:        relOne(&denied, "node", &raw.Node),
		Databases:   relMany(&denied, "databases", &raw.Databases),
	}
	r.Denied = denied
	return r
}

// serverWire is Server's wire shape (wire.go): the fields it declares stand in for the embedded
// Server's of the same name, as encoding/json resolves names.
type serverWire struct {
	Server
	Container     containerWire           `json:"container"`
	Relationships serverRelationshipsWire `json:"relationships"`
}

func (raw serverWire) model() Server {
	s := raw.Server
	s.Container = raw.Container.model()
	s.Relationships = raw.Relationships.model()
	return s
}
