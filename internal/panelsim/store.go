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
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"time"
)

// The panel's tables. Fields mirror the database columns the transformers read, so handlers
// can be written from the panel's source; nullable columns are pointers.

type user struct {
	ID         int     `json:"id"`
	ExternalID *string `json:"external_id"`
	UUID       string  `json:"uuid"`
	Username   string  `json:"username"`
	Email      string  `json:"email"`
	FirstName  string  `json:"first_name"`
	LastName   string  `json:"last_name"`
	Language   string  `json:"language"`
	RootAdmin  bool    `json:"root_admin"`
	TOTP       bool    `json:"2fa"`
	// PasswordSHA256 stands in for the bcrypt hash: enough for a test to check a password.
	PasswordSHA256 string    `json:"password_sha256"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

type location struct {
	ID        int       `json:"id"`
	Short     string    `json:"short"`
	Long      *string   `json:"long"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

type node struct {
	ID                 int       `json:"id"`
	UUID               string    `json:"uuid"`
	Public             bool      `json:"public"`
	Name               string    `json:"name"`
	Description        *string   `json:"description"`
	LocationID         int       `json:"location_id"`
	FQDN               string    `json:"fqdn"`
	Scheme             string    `json:"scheme"`
	BehindProxy        bool      `json:"behind_proxy"`
	MaintenanceMode    bool      `json:"maintenance_mode"`
	Memory             int       `json:"memory"`
	MemoryOverallocate int       `json:"memory_overallocate"`
	Disk               int       `json:"disk"`
	DiskOverallocate   int       `json:"disk_overallocate"`
	UploadSize         int       `json:"upload_size"`
	DaemonListen       int       `json:"daemon_listen"`
	DaemonSFTP         int       `json:"daemon_sftp"`
	DaemonBase         string    `json:"daemon_base"`
	DaemonTokenID      string    `json:"daemon_token_id"`
	DaemonToken        string    `json:"-"`
	CreatedAt          time.Time `json:"created_at"`
	UpdatedAt          time.Time `json:"updated_at"`
}

type allocation struct {
	ID       int     `json:"id"`
	NodeID   int     `json:"node_id"`
	IP       string  `json:"ip"`
	Alias    *string `json:"ip_alias"`
	Port     int     `json:"port"`
	Notes    *string `json:"notes"`
	ServerID *int    `json:"server_id"`
}

type egg struct {
	SeedEgg
	NestID    int       `json:"nest_id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

type nest struct {
	ID          int       `json:"id"`
	UUID        string    `json:"uuid"`
	Author      string    `json:"author"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

type server struct {
	ID                 int        `json:"id"`
	ExternalID         *string    `json:"external_id"`
	UUID               string     `json:"uuid"`
	UUIDShort          string     `json:"uuidShort"`
	NodeID             int        `json:"node_id"`
	Name               string     `json:"name"`
	Description        string     `json:"description"`
	Status             *string    `json:"status"`
	SkipScripts        bool       `json:"skip_scripts"`
	OwnerID            int        `json:"owner_id"`
	Memory             int        `json:"memory"`
	Swap               int        `json:"swap"`
	Disk               int        `json:"disk"`
	IO                 int        `json:"io"`
	CPU                int        `json:"cpu"`
	Threads            *string    `json:"threads"`
	OOMDisabled        bool       `json:"oom_disabled"`
	AllocationID       int        `json:"allocation_id"`
	NestID             int        `json:"nest_id"`
	EggID              int        `json:"egg_id"`
	Startup            string     `json:"startup"`
	Image              string     `json:"image"`
	AllocationLimit    *int       `json:"allocation_limit"`
	DatabaseLimit      *int       `json:"database_limit"`
	BackupLimit        int        `json:"backup_limit"`
	Variables          []variable `json:"variables"`
	InstallDoneAt      time.Time  `json:"-"`
	InstallWillFail    bool       `json:"-"`
	Reinstalling       bool       `json:"-"`
	StartOnCompletion  bool       `json:"start_on_completion"`
	PowerState         string     `json:"power_state"`
	PowerStateSettleAt time.Time  `json:"-"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
}

// variable is a server_variables row: the server's value for one egg variable.
type variable struct {
	VariableID int     `json:"variable_id"`
	Value      *string `json:"variable_value"`
}

type database struct {
	ID             int       `json:"id"`
	ServerID       int       `json:"server_id"`
	HostID         int       `json:"database_host_id"`
	Database       string    `json:"database"`
	Username       string    `json:"username"`
	Remote         string    `json:"remote"`
	Password       string    `json:"-"`
	MaxConnections int       `json:"max_connections"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

type databaseHost struct {
	SeedDatabaseHost
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// setPassword stores a password's hash.
func (u *user) setPassword(password string) {
	sum := sha256.Sum256([]byte(password))
	u.PasswordSHA256 = hex.EncodeToString(sum[:])
}

// table is an auto-increment table keyed by id; ids are never reused, as in MySQL.
type table[T any] struct {
	rows   map[int]*T
	nextID int
}

func newTable[T any]() table[T] { return table[T]{rows: map[int]*T{}, nextID: 1} }

// insert stores row under a fresh id and returns it.
func (t *table[T]) insert(row *T) int {
	id := t.nextID
	t.nextID++
	t.rows[id] = row
	return id
}

// put stores a row under a given id (seeding), keeping the auto-increment past it.
func (t *table[T]) put(id int, row *T) {
	t.rows[id] = row
	if id >= t.nextID {
		t.nextID = id + 1
	}
}

func (t *table[T]) get(id int) (*T, bool) {
	r, ok := t.rows[id]
	return r, ok
}

// has reports whether a row has this id.
func (t *table[T]) has(id int) bool {
	_, ok := t.rows[id]
	return ok
}

func (t *table[T]) delete(id int) { delete(t.rows, id) }

// all returns the rows in id order, the panel's default list order.
func (t *table[T]) all() []*T {
	ids := make([]int, 0, len(t.rows))
	for id := range t.rows {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	out := make([]*T, len(ids))
	for i, id := range ids {
		out[i] = t.rows[id]
	}
	return out
}

// state is everything the panel stores. It is guarded by Sim.mu.
type state struct {
	users         table[user]
	locations     table[location]
	nodes         table[node]
	allocations   table[allocation]
	nests         table[nest]
	eggs          table[egg]
	servers       table[server]
	databases     table[database]
	databaseHosts table[databaseHost]
	// variables indexes every egg variable by id.
	variables map[int]*eggVariable
}

// eggVariable is an egg_variables row.
type eggVariable struct {
	SeedVariable
	EggID int
}

func newState() *state {
	return &state{
		users: newTable[user](), locations: newTable[location](), nodes: newTable[node](),
		allocations: newTable[allocation](), nests: newTable[nest](), eggs: newTable[egg](),
		servers: newTable[server](), databases: newTable[database](), databaseHosts: newTable[databaseHost](),
		variables: map[int]*eggVariable{},
	}
}

// where returns the rows, in id order, that keep selects.
func (t *table[T]) where(keep func(*T) bool) []*T {
	var out []*T
	for _, row := range t.all() {
		if keep(row) {
			out = append(out, row)
		}
	}
	return out
}

// serversOnNode returns the servers a node hosts.
func (s *state) serversOnNode(nodeID int) []*server {
	return s.servers.where(func(srv *server) bool { return srv.NodeID == nodeID })
}

// allocationsOf returns a node's allocations, or a server's when serverID > 0.
func (s *state) allocationsOf(nodeID, serverID int) []*allocation {
	return s.allocations.where(func(a *allocation) bool {
		return (nodeID == 0 || a.NodeID == nodeID) && (serverID == 0 || (a.ServerID != nil && *a.ServerID == serverID))
	})
}

// eggsOf returns a nest's eggs.
func (s *state) eggsOf(nestID int) []*egg {
	return s.eggs.where(func(e *egg) bool { return e.NestID == nestID })
}

// variablesOf returns an egg's variables in id order.
func (s *state) variablesOf(eggID int) []*eggVariable {
	var out []*eggVariable
	for _, v := range s.variables {
		if v.EggID == eggID {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// databasesOf returns a server's databases.
func (s *state) databasesOf(serverID int) []*database {
	return s.databases.where(func(d *database) bool { return d.ServerID == serverID })
}
