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

// GameServerSpec is a game server in the panel: who owns it, what it runs, its
// limits, where it is placed and whether it is suspended.
// +kubebuilder:validation:XValidation:rule="has(self.allocation) != has(self.deploy)",message="set exactly one of allocation or deploy",fieldPath=".allocation"
type GameServerSpec struct {
	GameServerTemplateSpec `json:",inline"`

	// allocation places the server on a given node and port. Exactly one of
	// allocation and deploy must be set.
	// +optional
	Allocation *ServerAllocation `json:"allocation,omitempty"`

	// deploy lets the panel pick a node and a port among the given locations.
	// It is only used to create the server and cannot change afterwards.
	// +optional
	Deploy *ServerDeploy `json:"deploy,omitempty"`
}

// GameServerTemplateSpec is everything of a GameServerSpec but its placement: what a
// GameServerSet's template gives every replica, the set choosing each one's node and ports.
type GameServerTemplateSpec struct {
	ManagedSpec `json:",inline"`

	// name is the server's display name in the panel; defaults to metadata.name.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +optional
	Name string `json:"name,omitempty"`

	// description is shown to the server's users in the panel.
	// +kubebuilder:validation:MaxLength=4096
	// +optional
	Description string `json:"description,omitempty"`

	// externalId identifies the server for the operator; it defaults to
	// <panel externalIdPrefix><namespace>.<name>.
	// No "/": the panel matches /external/{id} against the decoded path, so such an id could be
	// stored but never looked up again.
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Pattern=`^[^\s/]+$`
	// +optional
	ExternalID string `json:"externalId,omitempty"`

	// owner is the panel user who owns the server.
	// +required
	Owner ServerOwner `json:"owner"`

	// egg is what the server runs: an egg picked by id, or by nest and egg name.
	// +required
	Egg EggSelector `json:"egg"`

	// image is the Docker image; defaults to the egg's first image.
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Pattern=`^~?[\w./\-:@ ]*$`
	// +optional
	Image string `json:"image,omitempty"`

	// startup is the startup command; defaults to the egg's.
	// +kubebuilder:validation:MaxLength=4096
	// +optional
	Startup string `json:"startup,omitempty"`

	// environment sets egg variables by their environment name. Variables not given
	// take the egg's default value (the panel itself would store an empty string).
	// +kubebuilder:validation:MaxProperties=128
	// +kubebuilder:validation:XValidation:rule="self.all(k, k.matches('^[A-Za-z0-9_]{1,191}$'))",message="environment keys must be variable names of letters, digits and underscores"
	// +optional
	Environment map[string]string `json:"environment,omitempty"`

	// skipScripts skips the egg's install script when the server is installed or reinstalled:
	// the image must then bring everything the server needs. Default false.
	// +kubebuilder:default=false
	// +optional
	SkipScripts bool `json:"skipScripts,omitempty"`

	// startOnCompletion starts the server once its installation has finished.
	// Only used when the server is created.
	// +kubebuilder:default=true
	// +optional
	StartOnCompletion *bool `json:"startOnCompletion,omitempty"`

	// limits are the server's resource limits in the panel (memory, swap, disk, IO, CPU, threads).
	// A GameServerSet also places its replicas by memory and disk.
	// +required
	Limits ServerLimits `json:"limits"`

	// featureLimits cap how many databases, extra ports and backups the server may have; each
	// defaults to 0 (none).
	// +kubebuilder:default={}
	// +optional
	FeatureLimits FeatureLimits `json:"featureLimits,omitempty"`

	// suspended suspends (true) or unsuspends (false) the server.
	// +kubebuilder:default=false
	// +optional
	Suspended bool `json:"suspended,omitempty"`

	// forceDelete deletes the server even when its node cannot be reached
	// (the panel's force delete); the server's files may stay on the node.
	// +kubebuilder:default=false
	// +optional
	ForceDelete bool `json:"forceDelete,omitempty"`

	// power is the power state the operator keeps the server in, through the panel's client
	// API: Running starts it, and starts it again when it stops on its own; Stopped stops it.
	// Unset leaves power to the panel's users. Needs the Panel's clientKey.
	// +optional
	Power PowerState `json:"power,omitempty"`

	// restartPolicy: OnChange restarts a running server once after a reconcile changed its
	// build, startup, environment or files, which only take effect on restart. Never leaves the
	// restart to you (or to the restart annotation).
	// +kubebuilder:default=Never
	// +optional
	RestartPolicy RestartPolicy `json:"restartPolicy,omitempty"`

	// files are written into the server's file system through the panel's client API, and
	// written again when their source changes or someone edits them in the panel. Needs the
	// Panel's clientKey.
	// +kubebuilder:validation:MaxItems=32
	// +listType=map
	// +listMapKey=path
	// +optional
	Files []ServerFile `json:"files,omitempty"`
}

// PowerState is the power state a GameServer is kept in.
// +kubebuilder:validation:Enum=Running;Stopped
type PowerState string

// The power states spec.power accepts.
const (
	PowerRunning PowerState = "Running"
	PowerStopped PowerState = "Stopped"
)

// RestartPolicy says whether a change that takes effect on restart restarts the server.
// +kubebuilder:validation:Enum=Never;OnChange
type RestartPolicy string

// The restart policies.
const (
	RestartNever    RestartPolicy = "Never"
	RestartOnChange RestartPolicy = "OnChange"
)

// ServerFile is one file kept in a server's file system, from exactly one source.
// +kubebuilder:validation:XValidation:rule="(has(self.configMapRef) ? 1 : 0) + (has(self.secretRef) ? 1 : 0) + (has(self.content) ? 1 : 0) == 1",message="set exactly one of configMapRef, secretRef or content"
type ServerFile struct {
	// path of the file inside the server, absolute: "/server.properties",
	// "/plugins/Essentials/config.yml". No "." or ".." segments, no trailing "/".
	// +kubebuilder:validation:MinLength=2
	// +kubebuilder:validation:MaxLength=1024
	// +kubebuilder:validation:XValidation:rule="self.startsWith('/')",message="path must be absolute (start with /)"
	// +kubebuilder:validation:XValidation:rule="!self.endsWith('/')",message="path must name a file, not end with /"
	// +kubebuilder:validation:XValidation:rule="!self.contains('//')",message="path must not contain an empty segment (//)"
	// +kubebuilder:validation:XValidation:rule="!self.matches('(^|/)[.][.]?(/|$)')",message="path must not contain . or .. segments"
	// +required
	Path string `json:"path"`

	// configMapRef takes the content from a key of a ConfigMap in the GameServer's namespace.
	// +optional
	ConfigMapRef *LocalKeyReference `json:"configMapRef,omitempty"`

	// secretRef takes the content from a key of a Secret in the GameServer's namespace.
	// +optional
	SecretRef *LocalKeyReference `json:"secretRef,omitempty"`

	// content is the file's content, inline, up to 64 KiB; use configMapRef or secretRef for
	// larger files or secrets.
	// +kubebuilder:validation:MaxLength=65536
	// +optional
	Content *string `json:"content,omitempty"`
}

// ServerOwner picks the panel user who owns a server.
// +kubebuilder:validation:XValidation:rule="(has(self.userRef) ? 1 : 0) + (has(self.id) ? 1 : 0) + (has(self.email) ? 1 : 0) == 1",message="set exactly one of owner.userRef, owner.id or owner.email"
type ServerOwner struct {
	// userRef names a PanelUser in the same namespace.
	// +optional
	UserRef *LocalObjectReference `json:"userRef,omitempty"`

	// id is the panel id of an existing user.
	// +kubebuilder:validation:Minimum=1
	// +optional
	ID *int64 `json:"id,omitempty"`

	// email of an existing panel user, looked up exactly.
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Format=email
	// +optional
	Email *string `json:"email,omitempty"`
}

// EggSelector picks an egg by id, or by nest name and egg name.
// +kubebuilder:validation:XValidation:rule="has(self.id) != (has(self.nest) || has(self.name))",message="set either egg.id or egg.nest and egg.name"
// +kubebuilder:validation:XValidation:rule="has(self.nest) == has(self.name)",message="egg.nest and egg.name go together"
type EggSelector struct {
	// id is the panel id of the egg.
	// +kubebuilder:validation:Minimum=1
	// +optional
	ID *int64 `json:"id,omitempty"`

	// nest is the name of the nest the egg belongs to, e.g. Minecraft.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +optional
	Nest string `json:"nest,omitempty"`

	// name is the egg's name inside the nest, e.g. Paper.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +optional
	Name string `json:"name,omitempty"`
}

// ServerLimits are a server's resource limits.
type ServerLimits struct {
	// memory is the most memory the server may use, in MiB; 0 means unlimited.
	// +kubebuilder:validation:Minimum=0
	// +required
	Memory int64 `json:"memory"`

	// swap in MiB; 0 disables swap, -1 allows unlimited swap.
	// +kubebuilder:validation:Minimum=-1
	// +kubebuilder:default=0
	// +optional
	Swap int64 `json:"swap"`

	// disk is the most disk space the server's files may take, in MiB; 0 means unlimited.
	// +kubebuilder:validation:Minimum=0
	// +required
	Disk int64 `json:"disk"`

	// io is the block IO weight, 10 to 1000.
	// +kubebuilder:validation:Minimum=10
	// +kubebuilder:validation:Maximum=1000
	// +kubebuilder:default=500
	// +optional
	IO int32 `json:"io,omitempty"`

	// cpu is the CPU limit in percent of one core (200 = two cores); 0 means unlimited.
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:default=0
	// +optional
	CPU int64 `json:"cpu"`

	// threads pins the server to CPU cores, e.g. "0-1,3"; empty means any core.
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Pattern=`^([0-9-,]+)?$`
	// +optional
	Threads string `json:"threads,omitempty"`

	// oomDisabled stops the kernel's OOM killer from killing the server's processes.
	// +kubebuilder:default=true
	// +optional
	OOMDisabled *bool `json:"oomDisabled,omitempty"`
}

// FeatureLimits cap how many databases, allocations and backups a server's users may create.
type FeatureLimits struct {
	// databases is how many databases the server may have; default 0, which also blocks the
	// operator's ServerDatabases for it.
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:default=0
	// +optional
	Databases int32 `json:"databases"`

	// allocations is how many allocations (ports) the server's users may have; default 0.
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:default=0
	// +optional
	Allocations int32 `json:"allocations"`

	// backups is how many backups the server may keep in the panel; default 0 (none).
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:default=0
	// +optional
	Backups int32 `json:"backups"`
}

// ServerAllocation places a server on a node and port chosen here.
// +kubebuilder:validation:XValidation:rule="has(self.nodeRef) != has(self.nodeId)",message="set exactly one of allocation.nodeRef or allocation.nodeId"
// +kubebuilder:validation:XValidation:rule="!has(self.additionalPorts) || !(self.port in self.additionalPorts)",message="allocation.additionalPorts must not repeat allocation.port",fieldPath=".additionalPorts"
type ServerAllocation struct {
	// nodeRef names the PanelNode to place the server on.
	// +optional
	NodeRef *LocalObjectReference `json:"nodeRef,omitempty"`

	// nodeId is the panel id of a node not managed here.
	// +kubebuilder:validation:Minimum=1
	// +optional
	NodeID *int64 `json:"nodeId,omitempty"`

	// ip picks among the node's addresses; optional when the port exists on one IP only.
	// +kubebuilder:validation:MaxLength=191
	// +optional
	IP string `json:"ip,omitempty"`

	// port becomes the server's default allocation; it can be changed.
	// +kubebuilder:validation:Minimum=1025
	// +kubebuilder:validation:Maximum=65535
	// +required
	Port int32 `json:"port"`

	// additionalPorts are further allocations on the same IP given to the server.
	// +kubebuilder:validation:MaxItems=100
	// +kubebuilder:validation:items:Minimum=1025
	// +kubebuilder:validation:items:Maximum=65535
	// +listType=set
	// +optional
	AdditionalPorts []int32 `json:"additionalPorts,omitempty"`
}

// ServerDeploy lets the panel pick a node and a free port for a new server.
// +kubebuilder:validation:XValidation:rule="(has(self.locationRefs) && size(self.locationRefs) > 0) || (has(self.locationIds) && size(self.locationIds) > 0)",message="deploy needs at least one location in locationRefs or locationIds"
type ServerDeploy struct {
	// locationRefs names PanelLocations whose public nodes may host the server.
	// +kubebuilder:validation:MaxItems=32
	// +listType=atomic
	// +optional
	LocationRefs []LocalObjectReference `json:"locationRefs,omitempty"`

	// locationIds are panel ids of locations not managed here.
	// +kubebuilder:validation:MaxItems=32
	// +kubebuilder:validation:items:Minimum=1
	// +listType=set
	// +optional
	LocationIDs []int64 `json:"locationIds,omitempty"`

	// dedicatedIp only picks an IP address no other server has a port on.
	// +kubebuilder:default=false
	// +optional
	DedicatedIP bool `json:"dedicatedIp,omitempty"`

	// portRange limits the port the panel picks, e.g. ["25565-25600"].
	// +kubebuilder:validation:MaxItems=32
	// +listType=atomic
	// +optional
	PortRange []PortSpec `json:"portRange,omitempty"`
}

// GameServerState is the server's installation and availability state in the panel.
// +kubebuilder:validation:Enum=Pending;Installing;InstallFailed;ReinstallFailed;Installed;Suspended;RestoringBackup;Transferring
type GameServerState string

// The states a GameServer reports, derived from the panel's server status.
const (
	GameServerStatePending         GameServerState = "Pending"
	GameServerStateInstalling      GameServerState = "Installing"
	GameServerStateInstallFailed   GameServerState = "InstallFailed"
	GameServerStateReinstallFailed GameServerState = "ReinstallFailed"
	GameServerStateInstalled       GameServerState = "Installed"
	GameServerStateSuspended       GameServerState = "Suspended"
	GameServerStateRestoringBackup GameServerState = "RestoringBackup"
	GameServerStateTransferring    GameServerState = "Transferring"
)

// GameServerStatus is what the operator last saw of the server in the panel.
type GameServerStatus struct {
	ManagedStatus `json:",inline"`

	// identifier is the server's short id used in the panel's URLs and client API.
	// +optional
	Identifier string `json:"identifier,omitempty"`

	// uuid of the server in the panel; its first 8 characters are the identifier.
	// +optional
	UUID string `json:"uuid,omitempty"`

	// externalId the server carries in the panel: spec.externalId, or the one the operator derived.
	// +optional
	ExternalID string `json:"externalId,omitempty"`

	// node is the name of the node the server runs on.
	// +optional
	Node string `json:"node,omitempty"`

	// nodeId is the panel id of that node.
	// +optional
	NodeID int64 `json:"nodeId,omitempty"`

	// address is the server's default allocation as players reach it (alias or ip, and port).
	// +optional
	Address string `json:"address,omitempty"`

	// state is the server's installation state, from the panel's server status: Pending until it
	// exists, Installing, Installed, InstallFailed or ReinstallFailed, Suspended, RestoringBackup
	// or Transferring.
	// +optional
	State GameServerState `json:"state,omitempty"`

	// lastReinstallToken is the reinstall annotation value last acted on.
	// +optional
	LastReinstallToken string `json:"lastReinstallToken,omitempty"`

	// power is the server's power state as the panel reports it (its current_state), read when
	// spec.power or spec.files is set.
	// +optional
	Power ServerPower `json:"power,omitempty"`

	// resources are the server's resource use as the panel's client API last reported it, read
	// with power when spec.power or spec.files is set.
	// +optional
	Resources *ServerResources `json:"resources,omitempty"`

	// lastRestartToken is the restart annotation value last acted on.
	// +optional
	LastRestartToken string `json:"lastRestartToken,omitempty"`
}

// ServerPower is the panel's current_state of a server.
// +kubebuilder:validation:Enum=offline;starting;running;stopping
type ServerPower string

// The power states the panel reports.
const (
	ServerPowerOffline  ServerPower = "offline"
	ServerPowerStarting ServerPower = "starting"
	ServerPowerRunning  ServerPower = "running"
	ServerPowerStopping ServerPower = "stopping"
)

// ServerResources is a server's resource use, from the panel's client API.
type ServerResources struct {
	// memoryBytes is the memory the server uses, in bytes.
	MemoryBytes int64 `json:"memoryBytes"`
	// cpuAbsolute is the CPU the server uses, in percent of one core, e.g. "37.5".
	CPUAbsolute string `json:"cpuAbsolute"`
	// diskBytes is the disk space the server's files take, in bytes.
	DiskBytes int64 `json:"diskBytes"`
	// networkRxBytes is how many bytes the server received since it started.
	NetworkRxBytes int64 `json:"networkRxBytes"`
	// networkTxBytes is how many bytes the server sent since it started.
	NetworkTxBytes int64 `json:"networkTxBytes"`
	// uptimeSeconds is how long the server has been running, in seconds; 0 when it is not running.
	UptimeSeconds int64 `json:"uptimeSeconds"`
}

// GameServer is a game server in the panel (/api/application/servers).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=pgs,categories=pterodactyl
// +kubebuilder:printcolumn:name="ID",type=integer,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="IDENTIFIER",type=string,JSONPath=`.status.identifier`
// +kubebuilder:printcolumn:name="NODE",type=string,JSONPath=`.status.node`
// +kubebuilder:printcolumn:name="ADDRESS",type=string,JSONPath=`.status.address`
// +kubebuilder:printcolumn:name="STATE",type=string,JSONPath=`.status.state`
// +kubebuilder:printcolumn:name="POWER",type=string,JSONPath=`.status.power`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="MEMORY",type=integer,JSONPath=`.spec.limits.memory`,priority=1
// +kubebuilder:printcolumn:name="EXTERNAL-ID",type=string,JSONPath=`.status.externalId`,priority=1
// +kubebuilder:printcolumn:name="PANEL",type=string,JSONPath=`.spec.panelRef.name`,priority=1
// +kubebuilder:printcolumn:name="SYNCED",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.status) || !has(oldSelf.status.id) || (has(self.spec.deploy) == has(oldSelf.spec.deploy) && (!has(self.spec.deploy) || self.spec.deploy == oldSelf.spec.deploy))",message="deploy cannot change once the server exists in the panel",fieldPath=".spec.deploy"
// +kubebuilder:validation:XValidation:rule="!has(oldSelf.status) || !has(oldSelf.status.id) || !has(self.spec.allocation) || !has(oldSelf.spec.allocation) || (has(self.spec.allocation.nodeRef) == has(oldSelf.spec.allocation.nodeRef) && (!has(self.spec.allocation.nodeRef) || self.spec.allocation.nodeRef.name == oldSelf.spec.allocation.nodeRef.name) && has(self.spec.allocation.nodeId) == has(oldSelf.spec.allocation.nodeId) && (!has(self.spec.allocation.nodeId) || self.spec.allocation.nodeId == oldSelf.spec.allocation.nodeId))",message="the node of a server cannot change once it exists in the panel",fieldPath=".spec.allocation"
type GameServer struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec GameServerSpec `json:"spec"`
	// +optional
	Status GameServerStatus `json:"status,omitempty"`
}

// GameServerList contains a list of GameServer.
// +kubebuilder:object:root=true
type GameServerList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []GameServer `json:"items"`
}

func init() {
	register(&GameServer{}, &GameServerList{})
}
