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

// Permission bits of an application key's r_* columns.
const (
	PermRead      = 1
	PermWrite     = 2
	PermReadWrite = PermRead | PermWrite
)

// The r_* columns of an application key, by the name the panel gives them.
const (
	ResUsers           = "users"
	ResNodes           = "nodes"
	ResAllocations     = "allocations"
	ResLocations       = "locations"
	ResServers         = "servers"
	ResServerDatabases = "server_databases"
	ResNests           = "nests"
	ResEggs            = "eggs"
	ResDatabaseHosts   = "database_hosts"
)

// Key is an API key the simulator accepts. Application keys ("ptla_") carry per-resource
// permissions; client keys ("ptlc_") act with their user's rights.
type Key struct {
	Token string
	// UserID owns the key; 0 means the first root admin of the seed. The rate-limit bucket is the
	// user's, shared by all their keys.
	UserID int
	// Permissions by resource (ResUsers, …) for application keys; nil grants read and write on all.
	Permissions map[string]int
}

// Options configure a simulator. The zero value is a panel with the default seed, random keys,
// the panel's rate limits and servers that install at once.
type Options struct {
	// ApplicationKey is the admin's application key; "" picks a random one (see Sim.ApplicationKey).
	ApplicationKey string
	// ClientKey is the admin's client key; "" picks a random one.
	ClientKey string
	// ExtraKeys are further keys, for permission tests.
	ExtraKeys []Key
	// RateLimitPerMinute is the Application API's per-user budget; 0 means the panel's 240, a
	// negative value turns throttling off.
	RateLimitPerMinute int
	// ClientRateLimitPerMinute is the client API's budget; 0 means 720, negative is off.
	ClientRateLimitPerMinute int
	// InstallDelay is how long a server stays "installing" after create or reinstall.
	InstallDelay time.Duration
	// StartDelay is how long a server stays "starting" after a start or restart signal, and
	// StopDelay "stopping" after a stop; 0 means a second. A kill is immediate.
	StartDelay, StopDelay time.Duration
	// BackupDuration is how long Wings takes to make a backup before it reports back, and
	// RestoreDuration to restore one; 0 means 3 seconds, a negative value reports at the next
	// request.
	BackupDuration, RestoreDuration time.Duration
	// BackupThrottleLimit backups may be started per server within BackupThrottlePeriod (the
	// panel's backups.throttles: 0 means its 2 and 10 minutes; a negative period turns the
	// throttle off).
	BackupThrottleLimit  int
	BackupThrottlePeriod time.Duration
	// Seed is the starting state; nil means DefaultSeed().
	Seed *Seed
	// RandSeed makes uuids, tokens, passwords and deploy choices repeatable; 0 means 1.
	RandSeed int64
	// BaseURL is what the panel believes its URL to be (meta.resource links, Wings' remote); ""
	// means the scheme and host of each request.
	BaseURL string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Flavor is which panel the simulator answers as (flavor.go): "" or FlavorPterodactyl is
	// Pterodactyl 1.x; the others answer enough of Jexactyl, 0.7 and 0.6 to test detection.
	Flavor Flavor
}

func (o *Options) defaults() {
	if o.RateLimitPerMinute == 0 {
		o.RateLimitPerMinute = 240
	}
	if o.ClientRateLimitPerMinute == 0 {
		o.ClientRateLimitPerMinute = 720
	}
	if o.BackupThrottleLimit == 0 {
		o.BackupThrottleLimit = 2
	}
	if o.BackupThrottlePeriod == 0 {
		o.BackupThrottlePeriod = 10 * time.Minute
	}
	if o.Seed == nil {
		o.Seed = DefaultSeed()
	}
	if o.RandSeed == 0 {
		o.RandSeed = 1
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}
