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
	"context"
	"net/http"
)

const (
	routeClientServer    = "/api/client/servers/{server}"
	routeClientPower     = "/api/client/servers/{server}/power"
	routeClientResources = "/api/client/servers/{server}/resources"
	routeClientWebsocket = "/api/client/servers/{server}/websocket"
	routeClientAccount   = "/api/client/account"
)

// ClientAPIService covers the Client API routes an operator needs. They take the server's
// identifier (or uuid), never the numeric id, and need a client key (WithClientKey).
type ClientAPIService service

// PowerSignal is sent to POST /power.
type PowerSignal string

// Power signals.
const (
	PowerStart   PowerSignal = "start"
	PowerStop    PowerSignal = "stop"
	PowerRestart PowerSignal = "restart"
	PowerKill    PowerSignal = "kill"
)

// Running states reported by Resources.
const (
	StateOffline  = "offline"
	StateStarting = "starting"
	StateRunning  = "running"
	StateStopping = "stopping"
)

// ClientServer is the client API's server transformer.
type ClientServer struct {
	ServerOwner            bool   `json:"server_owner"`
	Identifier             string `json:"identifier"`
	InternalID             int    `json:"internal_id"`
	UUID                   string `json:"uuid"`
	Name                   string `json:"name"`
	Node                   string `json:"node"` // the node's name
	IsNodeUnderMaintenance bool   `json:"is_node_under_maintenance"`
	SFTPDetails            struct {
		IP   string `json:"ip"`
		Port int    `json:"port"`
	} `json:"sftp_details"`
	Description    string                    `json:"description"`
	Limits         Limits                    `json:"limits"`
	Invocation     string                    `json:"invocation"`
	DockerImage    string                    `json:"docker_image"`
	EggFeatures    []string                  `json:"egg_features"`
	FeatureLimits  FeatureLimits             `json:"feature_limits"`
	Status         *string                   `json:"status"`
	IsSuspended    bool                      `json:"is_suspended"`
	IsInstalling   bool                      `json:"is_installing"`
	IsTransferring bool                      `json:"is_transferring"`
	Relationships  ClientServerRelationships `json:"relationships"`
}

// ClientAllocation is an allocation as the client API shows it.
type ClientAllocation struct {
	ID        int     `json:"id"`
	IP        string  `json:"ip"`
	IPAlias   *string `json:"ip_alias"`
	Port      int     `json:"port"`
	Notes     *string `json:"notes"`
	IsDefault bool    `json:"is_default"`
}

// ClientVariable is a startup variable as the client API shows it (user-viewable ones only).
type ClientVariable struct {
	Name         string `json:"name"`
	Description  string `json:"description"`
	EnvVariable  string `json:"env_variable"`
	DefaultValue string `json:"default_value"`
	ServerValue  string `json:"server_value"`
	IsEditable   bool   `json:"is_editable"`
	Rules        string `json:"rules"`
}

// ClientServerRelationships holds the client server's relationships (sent by default).
type ClientServerRelationships struct {
	Allocations []ClientAllocation `json:"allocations,omitempty"`
	Variables   []ClientVariable   `json:"variables,omitempty"`
	Denied      []string           `json:"denied,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *ClientServerRelationships) UnmarshalJSON(data []byte) error {
	*r = ClientServerRelationships{}
	if noRelationships(data) {
		return nil
	}
	var raw struct {
		Allocations relList[ClientAllocation] `json:"allocations"`
		Variables   relList[ClientVariable]   `json:"variables"`
	}
	if err := unmarshal(data, &raw); err != nil {
		return err
	}
	var denied []string
	*r = ClientServerRelationships{
		Allocations: relMany(&denied, "allocations", &raw.Allocations),
		Variables:   relMany(&denied, "variables", &raw.Variables),
	}
	r.Denied = denied
	return nil
}

// ServerResources is GET /resources ("stats"); the panel caches it for 20 s per server, so it
// lags behind power actions.
type ServerResources struct {
	CurrentState string        `json:"current_state"`
	IsSuspended  bool          `json:"is_suspended"`
	Resources    ResourceUsage `json:"resources"`
}

// ResourceUsage is the live usage reported by Wings.
type ResourceUsage struct {
	MemoryBytes    int64   `json:"memory_bytes"`
	CPUAbsolute    float64 `json:"cpu_absolute"`
	DiskBytes      int64   `json:"disk_bytes"`
	NetworkRxBytes int64   `json:"network_rx_bytes"`
	NetworkTxBytes int64   `json:"network_tx_bytes"`
	Uptime         int64   `json:"uptime"` // milliseconds
}

// WebsocketCredentials connect to the server's console. Send {"event":"auth","args":[Token]}
// first; the token lives 10 minutes.
type WebsocketCredentials struct {
	Token  string `json:"token"`
	Socket string `json:"socket"`
}

// clientCall is a call on the client API; the server's identifier (or uuid) is the route's first
// parameter, params fill the ones after it (a backup's uuid, a schedule's id…).
func clientCall(method, route, identifier string, params ...any) *call {
	cl := newCall(method, route, append([]any{identifier}, params...)...)
	cl.api = clientAPI
	return cl
}

// GetServer returns a server by identifier (8 chars) or uuid. It works even while the server is
// suspended or installing.
func (s *ClientAPIService) GetServer(ctx context.Context, identifier string, include ...string) (*ClientServer, error) {
	cl := clientCall(http.MethodGet, routeClientServer, identifier)
	cl.query = includeQuery(include)
	return getItem[ClientServer](ctx, s.client, cl)
}

// SendPowerSignal asks Wings to start, stop, restart or kill the server (204). It is
// asynchronous: poll Resources for the outcome. 409 while suspended, installing, restoring or
// transferring.
func (s *ClientAPIService) SendPowerSignal(ctx context.Context, identifier string, signal PowerSignal) error {
	cl := clientCall(http.MethodPost, routeClientPower, identifier)
	cl.body = struct {
		Signal PowerSignal `json:"signal"`
	}{signal}
	return s.client.do(ctx, cl, nil)
}

// Resources returns the running state and usage (cached 20 s by the panel; 504 if Wings is down).
func (s *ClientAPIService) Resources(ctx context.Context, identifier string) (*ServerResources, error) {
	return getItem[ServerResources](ctx, s.client, clientCall(http.MethodGet, routeClientResources, identifier))
}

// Websocket returns console credentials.
func (s *ClientAPIService) Websocket(ctx context.Context, identifier string) (*WebsocketCredentials, error) {
	var out struct {
		Data WebsocketCredentials `json:"data"`
	}
	if err := s.client.do(ctx, clientCall(http.MethodGet, routeClientWebsocket, identifier), &out); err != nil {
		return nil, err
	}
	return &out.Data, nil
}

// ClientAccount is the user a client key belongs to (GET /api/client/account).
type ClientAccount struct {
	ID       int    `json:"id"`
	Admin    bool   `json:"admin"`
	Username string `json:"username"`
	Email    string `json:"email"`
}

// Account returns the user the client key belongs to: the cheapest call that proves the key works
// on the client API. An application key is refused there with a 403.
func (s *ClientAPIService) Account(ctx context.Context) (*ClientAccount, error) {
	cl := newCall(http.MethodGet, routeClientAccount)
	cl.api = clientAPI
	return getItem[ClientAccount](ctx, s.client, cl)
}
