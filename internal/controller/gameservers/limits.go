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

package gameservers

import (
	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// defaultIO is the panel's own default block IO weight, and the API server's for spec.limits.io.
const defaultIO = 500

// panelLimits converts the spec's limits to the panel's, for create and build alike. An io of 0
// (a spec built without the API server's defaulting) means the spec leaves io to the panel, and
// becomes unsetIO: the panel's default when creating, the server's current weight when updating,
// so an unset io never shows as a change. Threads "" is no pinning, which create says by
// omitting it.
func panelLimits(l ptero.ServerLimits, unsetIO int) panel.CreateLimits {
	io := int(l.IO)
	if io == 0 {
		io = unsetIO
	}
	out := panel.CreateLimits{BuildLimits: panel.BuildLimits{Memory: int(l.Memory), Swap: int(l.Swap), Disk: int(l.Disk), IO: io, CPU: int(l.CPU)}}
	if l.Threads != "" {
		out.Threads = ptr.To(l.Threads)
	}
	return out
}

// panelFeatureLimits converts the spec's feature limits. Every one is sent as a number: the spec
// has no "unlimited", and a null would mean 0 on create but, for databases and allocations,
// unlimited on build.
func panelFeatureLimits(f ptero.FeatureLimits) panel.FeatureLimits {
	return panel.FeatureLimits{
		Databases:   ptr.To(int(f.Databases)),
		Allocations: ptr.To(int(f.Allocations)),
		Backups:     ptr.To(int(f.Backups)),
	}
}
