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

package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// PanelNodeSpec is a Wings node in the panel and the port allocations it offers.
// +kubebuilder:validation:XValidation:rule="has(self.locationRef) != has(self.locationId)",message="set exactly one of locationRef or locationId",fieldPath=".locationRef"
type PanelNodeSpec struct {
	ManagedSpec `json:",inline"`

	// name is the node's name in the panel; defaults to metadata.name.
	// +kubebuilder:validation:Pattern=`^[\w .-]{1,100}$`
	// +kubebuilder:validation:MaxLength=100
	// +optional
	Name string `json:"name,omitempty"`

	// locationRef names the PanelLocation the node belongs to. Exactly one of
	// locationRef and locationId must be set.
	// +optional
	LocationRef *LocalObjectReference `json:"locationRef,omitempty"`

	// locationId is the panel id of an existing location not managed here.
	// +kubebuilder:validation:Minimum=1
	// +optional
	LocationID *int64 `json:"locationId,omitempty"`

	// fqdn is the host name (or IP address) the panel and browsers reach Wings at.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Pattern=`^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$`
	// +required
	FQDN string `json:"fqdn"`

	// scheme is how the panel talks to Wings: https, or http for nodes without TLS.
	// +kubebuilder:validation:Enum=http;https
	// +kubebuilder:default=https
	// +optional
	Scheme string `json:"scheme,omitempty"`

	// behindProxy is true when Wings sits behind a TLS-terminating proxy (Wings then serves plain HTTP).
	// +kubebuilder:default=false
	// +optional
	BehindProxy bool `json:"behindProxy,omitempty"`

	// public nodes may be chosen by the panel's automatic deployment.
	// +kubebuilder:default=true
	// +optional
	Public *bool `json:"public,omitempty"`

	// maintenanceMode blocks users from their servers on this node.
	// +kubebuilder:default=false
	// +optional
	MaintenanceMode bool `json:"maintenanceMode,omitempty"`

	// memory is the node's total memory for servers, in MiB.
	// +kubebuilder:validation:Minimum=1
	// +required
	Memory int64 `json:"memory"`

	// memoryOverallocate is the percentage of memory the panel may hand out beyond
	// memory; -1 disables the check.
	// +kubebuilder:validation:Minimum=-1
	// +kubebuilder:default=0
	// +optional
	MemoryOverallocate int64 `json:"memoryOverallocate,omitempty"`

	// disk is the node's total disk space for servers, in MiB.
	// +kubebuilder:validation:Minimum=1
	// +required
	Disk int64 `json:"disk"`

	// diskOverallocate is the percentage of disk the panel may hand out beyond disk;
	// -1 disables the check.
	// +kubebuilder:validation:Minimum=-1
	// +kubebuilder:default=0
	// +optional
	DiskOverallocate int64 `json:"diskOverallocate,omitempty"`

	// uploadSize is the largest file upload through the panel, in MiB.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=1024
	// +kubebuilder:default=100
	// +optional
	UploadSize int32 `json:"uploadSize,omitempty"`

	// daemonListen is the port Wings' API listens on.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	// +kubebuilder:default=8080
	// +optional
	DaemonListen int32 `json:"daemonListen,omitempty"`

	// daemonSftp is the port Wings' SFTP server listens on.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=65535
	// +kubebuilder:default=2022
	// +optional
	DaemonSFTP int32 `json:"daemonSftp,omitempty"`

	// daemonBase is the directory on the node where server files live.
	// +kubebuilder:validation:Pattern=`^/[\w.\-/]+$`
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:default="/var/lib/pterodactyl/volumes"
	// +optional
	DaemonBase string `json:"daemonBase,omitempty"`

	// allocations are the IP addresses and ports servers on this node may bind.
	// Missing ones are created in the panel.
	// +kubebuilder:validation:MaxItems=64
	// +listType=atomic
	// +optional
	Allocations []NodeAllocation `json:"allocations,omitempty"`

	// pruneAllocations deletes unassigned panel allocations of this node that
	// allocations no longer lists. Assigned ones are never deleted; they are reported.
	// +kubebuilder:default=false
	// +optional
	PruneAllocations bool `json:"pruneAllocations,omitempty"`

	// wingsConfigSecretRef, when set, names a Secret the operator writes the node's
	// Wings config.yml into (key config.yml), ready to mount into a Wings pod.
	// +optional
	WingsConfigSecretRef *SecretReference `json:"wingsConfigSecretRef,omitempty"`
}

// NodeAllocation is a set of ports on one IP address of a node.
type NodeAllocation struct {
	// ip is the address servers bind to (an IPv4 address, or a host name the panel resolves).
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Pattern=`^[A-Za-z0-9]([A-Za-z0-9.:-]*[A-Za-z0-9])?$`
	// +required
	IP string `json:"ip"`

	// alias is the address shown to players instead of ip (e.g. play.example.com).
	// +kubebuilder:validation:MaxLength=191
	// +optional
	Alias string `json:"alias,omitempty"`

	// ports are single ports ("25565") or ranges ("25570-25580"), each within 1025-65535,
	// a range holding at most 1000 ports.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=100
	// +listType=atomic
	// +required
	Ports []PortSpec `json:"ports"`
}

// NodeAllocationStatus counts the node's allocations in the panel.
type NodeAllocationStatus struct {
	// total is the number of allocations (IP and port pairs) the node has in the panel.
	Total int32 `json:"total"`
	// assigned is how many of them a server uses; the rest are free for new servers.
	Assigned int32 `json:"assigned"`
}

// PanelNodeStatus is what the operator last saw of the node in the panel.
type PanelNodeStatus struct {
	ManagedStatus `json:",inline"`

	// uuid of the node in the panel, as Wings' config.yml also carries it.
	// +optional
	UUID string `json:"uuid,omitempty"`

	// location is the short code of the node's panel location.
	// +optional
	Location string `json:"location,omitempty"`

	// allocations counts the node's allocations in the panel.
	// +optional
	Allocations *NodeAllocationStatus `json:"allocations,omitempty"`
}

// PanelNode is a Wings node in the panel (/api/application/nodes) with its allocations.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,shortName=pnode,categories=pterodactyl
// +kubebuilder:printcolumn:name="ID",type=integer,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="FQDN",type=string,JSONPath=`.spec.fqdn`
// +kubebuilder:printcolumn:name="LOCATION",type=string,JSONPath=`.status.location`
// +kubebuilder:printcolumn:name="MEMORY",type=integer,JSONPath=`.spec.memory`
// +kubebuilder:printcolumn:name="DISK",type=integer,JSONPath=`.spec.disk`
// +kubebuilder:printcolumn:name="ALLOCATIONS",type=integer,JSONPath=`.status.allocations.total`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="ASSIGNED",type=integer,JSONPath=`.status.allocations.assigned`,priority=1
// +kubebuilder:printcolumn:name="MAINTENANCE",type=boolean,JSONPath=`.spec.maintenanceMode`,priority=1
// +kubebuilder:printcolumn:name="PANEL",type=string,JSONPath=`.spec.panelRef.name`,priority=1
// +kubebuilder:printcolumn:name="SYNCED",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type PanelNode struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec PanelNodeSpec `json:"spec"`
	// +optional
	Status PanelNodeStatus `json:"status,omitempty"`
}

// PanelNodeList contains a list of PanelNode.
// +kubebuilder:object:root=true
type PanelNodeList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PanelNode `json:"items"`
}

func init() {
	register(&PanelNode{}, &PanelNodeList{})
}
