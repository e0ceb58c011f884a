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
	"slices"
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
	// Files are the server's files on Wings (path → content), written and read through the
	// client API; a reinstall keeps them, as Wings keeps the volume.
	Files     map[string][]byte `json:"-"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
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

// table is an auto-increment table keyed by id; ids are never reused, as in MySQL. It keeps
// its rows in id order as they come and go, so a list costs no sort.
type table[T any] struct {
	rows   map[int]*T
	nextID int
	// ids and ordered are the rows in id order, side by side.
	ids     []int
	ordered []*T
	// version changes whenever a row is added or removed.
	version int
}

func newTable[T any]() table[T] { return table[T]{rows: map[int]*T{}, nextID: 1} }

// insert stores row under a fresh id and returns it.
func (t *table[T]) insert(row *T) int {
	id := t.nextID
	t.nextID++
	t.rows[id] = row
	// A fresh id is above every other, so the row goes last.
	t.ids = append(t.ids, id)
	t.ordered = append(t.ordered, row)
	t.version++
	return id
}

// put stores a row under a given id (seeding), keeping the auto-increment past it.
func (t *table[T]) put(id int, row *T) {
	t.rows[id] = row
	if id >= t.nextID {
		t.nextID = id + 1
	}
	i, found := slices.BinarySearch(t.ids, id)
	if found {
		t.ordered[i] = row
	} else {
		t.ids = slices.Insert(t.ids, i, id)
		t.ordered = slices.Insert(t.ordered, i, row)
	}
	t.version++
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

func (t *table[T]) delete(id int) {
	if _, ok := t.rows[id]; !ok {
		return
	}
	delete(t.rows, id)
	if i, found := slices.BinarySearch(t.ids, id); found {
		t.ids = slices.Delete(t.ids, i, i+1)
		t.ordered = slices.Delete(t.ordered, i, i+1)
	}
	t.version++
}

// all returns the rows in id order, the panel's default list order, in a slice of the caller's.
func (t *table[T]) all() []*T {
	out := make([]*T, len(t.ordered))
	copy(out, t.ordered)
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
	// The client API's server resources: backups (soft-deleted rows stay, as the panel's
	// throttle counts them), schedules with their tasks, and subusers.
	backups   table[backup]
	schedules table[schedule]
	tasks     table[task]
	subusers  table[subuser]
	// jobs are queued schedule tasks (the panel's queue worker), restores the backup restores
	// Wings is running, by server id.
	jobs     []*taskJob
	restores map[int]*restoreJob
	// variables indexes every egg variable by id; eggVariables groups them by egg, in id order.
	// Both are written only while a seed loads.
	variables    map[int]*eggVariable
	eggVariables map[int][]*eggVariable

	// timed holds every server with a pending install callback or power transition (and maybe
	// some without any left, or deleted): what advance looks at, rather than every server.
	timed map[int]*server

	// readOnly is set while a GET is served: nothing writes the tables then, so the relations
	// index may be kept from one read to the next. Any other request drops it (Sim.process).
	readOnly bool
	rel      *relations
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
		backups: newTable[backup](), schedules: newTable[schedule](), tasks: newTable[task](), subusers: newTable[subuser](),
		restores:  map[int]*restoreJob{},
		variables: map[int]*eggVariable{}, timed: map[int]*server{},
	}
}

// schedule notes that srv has a timer (InstallDoneAt or PowerStateSettleAt) for advance.
func (s *state) schedule(srv *server) { s.timed[srv.ID] = srv }

// relations indexes the rows that point at other rows (the foreign keys includes and node
// totals follow), each list in id order. It stands in for the panel's SQL indexes: without it a
// page of 500 servers with includes would scan every allocation, server and database per row.
// Each part is built when first needed.
type relations struct {
	versions tableVersions
	columns  map[string][]string // see tableColumn

	allocs         bool // allocsByNode and allocsByServer are built
	allocsByNode   map[int][]*allocation
	allocsByServer map[int][]*allocation

	servers        bool // serversByNode, serversByOwner and usage are built
	serversByNode  map[int][]*server
	serversByOwner map[int][]*server
	usage          map[int][2]int // node id → the sum of its servers' memory and disk

	databases         bool
	databasesByServer map[int][]*database
}

// index returns the relations index while a read-only request is served (a new one if a table
// gained or lost rows since); nil otherwise, and callers then scan the tables. A write request
// may change the columns the index groups by (an allocation's server_id, a server's owner and
// limits) without adding or removing a row, so it never uses the index, and drops it.
func (s *state) index() *relations {
	if !s.readOnly {
		return nil
	}
	v := s.versions()
	if s.rel == nil || s.rel.versions != v {
		s.rel = &relations{versions: v, columns: map[string][]string{}}
	}
	return s.rel
}

// allocationIndex, serverIndex and databaseIndex return the index with that part built, or nil.
func (s *state) allocationIndex() *relations {
	r := s.index()
	if r == nil || r.allocs {
		return r
	}
	r.allocs, r.allocsByNode, r.allocsByServer = true, map[int][]*allocation{}, map[int][]*allocation{}
	for _, a := range s.allocations.ordered {
		r.allocsByNode[a.NodeID] = append(r.allocsByNode[a.NodeID], a)
		if a.ServerID != nil {
			r.allocsByServer[*a.ServerID] = append(r.allocsByServer[*a.ServerID], a)
		}
	}
	return r
}

func (s *state) serverIndex() *relations {
	r := s.index()
	if r == nil || r.servers {
		return r
	}
	r.servers, r.serversByNode, r.serversByOwner, r.usage = true, map[int][]*server{}, map[int][]*server{}, map[int][2]int{}
	for _, srv := range s.servers.ordered {
		r.serversByNode[srv.NodeID] = append(r.serversByNode[srv.NodeID], srv)
		r.serversByOwner[srv.OwnerID] = append(r.serversByOwner[srv.OwnerID], srv)
		u := r.usage[srv.NodeID]
		r.usage[srv.NodeID] = [2]int{u[0] + srv.Memory, u[1] + srv.Disk}
	}
	return r
}

func (s *state) databaseIndex() *relations {
	r := s.index()
	if r == nil || r.databases {
		return r
	}
	r.databases, r.databasesByServer = true, map[int][]*database{}
	for _, d := range s.databases.ordered {
		r.databasesByServer[d.ServerID] = append(r.databasesByServer[d.ServerID], d)
	}
	return r
}

// tableVersions are the versions of the tables the relations index reads.
type tableVersions [6]int

func (s *state) versions() tableVersions {
	return tableVersions{s.servers.version, s.allocations.version, s.databases.version,
		s.users.version, s.nodes.version, s.locations.version}
}

// dropIndex forgets the relations index.
func (s *state) dropIndex() { s.rel = nil }

// where returns the rows, in id order, that keep selects.
func (t *table[T]) where(keep func(*T) bool) []*T {
	var out []*T
	for _, row := range t.ordered {
		if keep(row) {
			out = append(out, row)
		}
	}
	return out
}

// readOnlyRows returns an index list capped so that a caller's append copies it.
func readOnlyRows[T any](rows []*T) []*T { return rows[:len(rows):len(rows)] }

// serversOnNode returns the servers a node hosts.
func (s *state) serversOnNode(nodeID int) []*server {
	if r := s.serverIndex(); r != nil {
		return readOnlyRows(r.serversByNode[nodeID])
	}
	return s.servers.where(func(srv *server) bool { return srv.NodeID == nodeID })
}

// serversOf returns the servers a user owns.
func (s *state) serversOf(userID int) []*server {
	if r := s.serverIndex(); r != nil {
		return readOnlyRows(r.serversByOwner[userID])
	}
	return s.servers.where(func(srv *server) bool { return srv.OwnerID == userID })
}

// allocatedResources sums the memory and disk of a node's servers (allocated_resources).
func (s *state) allocatedResources(nodeID int) (memory, disk int) {
	if r := s.serverIndex(); r != nil {
		u := r.usage[nodeID]
		return u[0], u[1]
	}
	for _, srv := range s.serversOnNode(nodeID) {
		memory += srv.Memory
		disk += srv.Disk
	}
	return memory, disk
}

// allocationsOf returns a node's allocations, or a server's when serverID > 0.
func (s *state) allocationsOf(nodeID, serverID int) []*allocation {
	if r := s.allocationIndex(); r != nil {
		switch {
		case serverID > 0 && nodeID == 0:
			return readOnlyRows(r.allocsByServer[serverID])
		case serverID == 0 && nodeID > 0:
			return readOnlyRows(r.allocsByNode[nodeID])
		}
	}
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
	if s.eggVariables == nil {
		s.eggVariables = map[int][]*eggVariable{}
		for _, v := range s.variables {
			s.eggVariables[v.EggID] = append(s.eggVariables[v.EggID], v)
		}
		for _, list := range s.eggVariables {
			sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
		}
	}
	list := s.eggVariables[eggID]
	return list[:len(list):len(list)]
}

// databasesOf returns a server's databases.
func (s *state) databasesOf(serverID int) []*database {
	if r := s.databaseIndex(); r != nil {
		return readOnlyRows(r.databasesByServer[serverID])
	}
	return s.databases.where(func(d *database) bool { return d.ServerID == serverID })
}

// dropServerRows is the cascade of a server's delete: its backups (Wings deleted their files with
// the server), schedules, tasks, subusers, queued tasks and running restore.
func (s *state) dropServerRows(serverID int) {
	for _, b := range s.backups.where(func(b *backup) bool { return b.ServerID == serverID }) {
		s.backups.delete(b.ID)
	}
	for _, sc := range s.schedules.where(func(sc *schedule) bool { return sc.ServerID == serverID }) {
		for _, t := range s.tasksOf(sc.ID) {
			s.tasks.delete(t.ID)
		}
		s.schedules.delete(sc.ID)
	}
	for _, su := range s.subusers.where(func(su *subuser) bool { return su.ServerID == serverID }) {
		s.subusers.delete(su.ID)
	}
	delete(s.restores, serverID)
}
