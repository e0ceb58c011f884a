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

package nodes

import (
	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// API defaults of PanelNodeSpec, applied again here for objects built in Go.
const (
	defaultScheme       = "https"
	defaultUploadSize   = 100
	defaultDaemonListen = 8080
	defaultDaemonSFTP   = 2022
	defaultDaemonBase   = "/var/lib/pterodactyl/volumes"
)

// nodeName is the panel node's name: spec.name, else metadata.name.
func nodeName(pn *ptero.PanelNode) string {
	if pn.Spec.Name != "" {
		return pn.Spec.Name
	}
	return pn.Name
}

// desiredNode is the complete node the spec asks for, defaults applied. Every field the panel
// requires is set, so it serves for the create and, merged, for the PATCH that replaces.
func desiredNode(pn *ptero.PanelNode, locationID int) panel.NodeRequest {
	s := pn.Spec
	public := true
	if s.Public != nil {
		public = *s.Public
	}
	return panel.NodeRequest{
		Name:               nodeName(pn),
		LocationID:         locationID,
		FQDN:               s.FQDN,
		Scheme:             orDefault(s.Scheme, defaultScheme),
		BehindProxy:        s.BehindProxy,
		MaintenanceMode:    s.MaintenanceMode,
		Public:             &public,
		Memory:             int(s.Memory),
		MemoryOverallocate: int(s.MemoryOverallocate),
		Disk:               int(s.Disk),
		DiskOverallocate:   int(s.DiskOverallocate),
		UploadSize:         int(orDefault(s.UploadSize, defaultUploadSize)),
		DaemonListen:       int(orDefault(s.DaemonListen, defaultDaemonListen)),
		DaemonSFTP:         int(orDefault(s.DaemonSFTP, defaultDaemonSFTP)),
		DaemonBase:         orDefault(s.DaemonBase, defaultDaemonBase),
	}
}

// nodeUpToDate compares every field the spec owns with the panel's node.
func nodeUpToDate(want panel.NodeRequest, n *panel.Node) bool {
	return n.Name == want.Name && n.LocationID == want.LocationID && n.FQDN == want.FQDN &&
		n.Scheme == want.Scheme && n.BehindProxy == want.BehindProxy &&
		n.MaintenanceMode == want.MaintenanceMode && n.Public == *want.Public &&
		n.Memory == want.Memory && n.MemoryOverallocate == want.MemoryOverallocate &&
		n.Disk == want.Disk && n.DiskOverallocate == want.DiskOverallocate &&
		n.UploadSize == want.UploadSize && n.DaemonListen == want.DaemonListen &&
		n.DaemonSFTP == want.DaemonSFTP && n.DaemonBase == want.DaemonBase
}

// updateRequest starts from the node as the panel has it (NodeRequestFrom keeps what the spec does
// not own, such as the description) and puts every spec field on top: the PATCH replaces, and an
// omitted daemon_base would reset to the default.
func updateRequest(current *panel.Node, want panel.NodeRequest) panel.NodeRequest {
	req := panel.NodeRequestFrom(current)
	req.Name = want.Name
	req.LocationID = want.LocationID
	req.FQDN = want.FQDN
	req.Scheme = want.Scheme
	req.BehindProxy = want.BehindProxy
	req.MaintenanceMode = want.MaintenanceMode
	req.Public = want.Public
	req.Memory = want.Memory
	req.MemoryOverallocate = want.MemoryOverallocate
	req.Disk = want.Disk
	req.DiskOverallocate = want.DiskOverallocate
	req.UploadSize = want.UploadSize
	req.DaemonListen = want.DaemonListen
	req.DaemonSFTP = want.DaemonSFTP
	req.DaemonBase = want.DaemonBase
	return req
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
