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
	"maps"
	"strings"
)

// The panel's PATCH routes replace state: whatever a request leaves out is reset (details clears
// external_id and description, node PATCH resets daemon_base, startup writes "" into every egg
// variable it is not given). These helpers build a complete request from the current state, so
// callers change only the fields they mean to change and send the rest back as it was.

// DetailsRequestFrom keeps name, owner, external id and description.
func DetailsRequestFrom(s *Server) ServerDetailsRequest {
	return ServerDetailsRequest{
		Name:        s.Name,
		User:        s.User,
		ExternalID:  s.ExternalID,
		Description: s.Description,
	}
}

// BuildRequestFrom keeps the default allocation, every limit, threads, the OOM setting and the
// feature limits (nil stays nil, which on build means unlimited for databases and allocations).
func BuildRequestFrom(s *Server) ServerBuildRequest {
	req := ServerBuildRequest{
		Allocation:  s.Allocation,
		OOMDisabled: ptr(s.Limits.OOMDisabled),
		Limits: BuildLimits{
			Memory: s.Limits.Memory,
			Swap:   s.Limits.Swap,
			Disk:   s.Limits.Disk,
			IO:     s.Limits.IO,
			CPU:    s.Limits.CPU,
		},
		FeatureLimits: FeatureLimits{
			Databases:   clonePtr(s.FeatureLimits.Databases),
			Allocations: clonePtr(s.FeatureLimits.Allocations),
			Backups:     clonePtr(s.FeatureLimits.Backups),
		},
	}
	if s.Limits.Threads != nil {
		req.Threads = ptr(*s.Limits.Threads)
	}
	return req
}

// panelEnvironment names what the panel adds to container.environment on its own; sending them
// back as variables would be noise.
func panelEnvironment(key string) bool {
	return key == "STARTUP" || strings.HasPrefix(key, "P_SERVER_")
}

// StartupRequestFrom keeps startup command, egg, image and the WHOLE environment, because a
// startup PATCH with a non-empty environment writes "" into every variable it is not given.
//
// variables are the egg's variables (from the server's "variables" include or the egg's); every
// one of them is sent, with the server's value when it has one, else the value in
// container.environment, else the default. With no variables the container environment is sent,
// minus what the panel adds itself (STARTUP, P_SERVER_*). SkipScripts is false; set it if needed.
func StartupRequestFrom(s *Server, variables []EggVariable) ServerStartupRequest {
	if variables == nil {
		variables = s.Relationships.Variables
	}
	env := make(map[string]string, max(len(variables), len(s.Container.Environment)))
	if len(variables) == 0 {
		for k, v := range s.Container.Environment {
			if !panelEnvironment(k) {
				env[k] = v
			}
		}
	}
	for _, v := range variables {
		if v.EnvVariable == "" {
			continue
		}
		switch val, ok := s.Container.Environment[v.EnvVariable]; {
		case v.ServerValue != nil:
			env[v.EnvVariable] = *v.ServerValue
		case ok:
			env[v.EnvVariable] = val
		default:
			env[v.EnvVariable] = v.DefaultValue
		}
	}
	return ServerStartupRequest{
		Startup:     s.Container.StartupCommand,
		Environment: env,
		Egg:         s.Egg,
		Image:       s.Container.Image,
	}
}

// NodeRequestFrom keeps every field a node PATCH requires, daemon_base included (it would reset to
// the default otherwise).
func NodeRequestFrom(n *Node) NodeRequest {
	return NodeRequest{
		Name:               n.Name,
		Description:        n.Description,
		LocationID:         n.LocationID,
		FQDN:               n.FQDN,
		Scheme:             n.Scheme,
		BehindProxy:        n.BehindProxy,
		MaintenanceMode:    n.MaintenanceMode,
		Public:             ptr(n.Public),
		Memory:             n.Memory,
		MemoryOverallocate: n.MemoryOverallocate,
		Disk:               n.Disk,
		DiskOverallocate:   n.DiskOverallocate,
		UploadSize:         n.UploadSize,
		DaemonListen:       n.DaemonListen,
		DaemonSFTP:         n.DaemonSFTP,
		DaemonBase:         n.DaemonBase,
	}
}

// UserUpdateRequestFrom keeps email, username and names (all required) and the external id,
// language and admin flag. The password is left unchanged.
func UserUpdateRequestFrom(u *User) UserUpdateRequest {
	return UserUpdateRequest{
		Email:      u.Email,
		Username:   u.Username,
		FirstName:  u.FirstName,
		LastName:   u.LastName,
		ExternalID: ptr(u.ExternalID),
		Language:   u.Language,
		RootAdmin:  ptr(u.RootAdmin),
	}
}

// LocationRequestFrom keeps short and long.
func LocationRequestFrom(l *Location) LocationRequest {
	return LocationRequest{Short: l.Short, Long: l.Long}
}

// CreateEnvironment fills an environment for a new server from the egg's variables: values
// given win, every other variable gets its default. Without it the panel would store "" for
// each variable left out.
func CreateEnvironment(variables []EggVariable, values map[string]string) map[string]string {
	env := make(map[string]string, len(variables)+len(values))
	for _, v := range variables {
		if v.EnvVariable != "" {
			env[v.EnvVariable] = v.DefaultValue
		}
	}
	maps.Copy(env, values)
	return env
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	return ptr(*p)
}
