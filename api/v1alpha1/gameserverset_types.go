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
	"k8s.io/apimachinery/pkg/util/intstr"
)

// LabelSet names, on each replica, the GameServerSet it belongs to; status.selector selects on it.
const LabelSet = "pterodactyl.gameops.dev/set"

// LabelTemplateHash is, on each replica, a hash of the set template it was made from: replicas
// whose hash is not the template's are replaced by a rolling update.
const LabelTemplateHash = "pterodactyl.gameops.dev/template-hash"

// Condition types of a GameServerSet, besides Ready (every replica available and up to date).
const (
	// ConditionProgressing is True while the set creates, replaces or removes replicas, and
	// once done (reason ReplicasUpToDate); False when it cannot go on (NoCapacity, PanelNotReady).
	ConditionProgressing = "Progressing"
	// ConditionAvailable is True when at least replicas minus maxUnavailable replicas are available.
	ConditionAvailable = "Available"
)

// Condition reasons of a GameServerSet.
const (
	// ReasonNoCapacity: no node the placement selects has the free ports or the memory and disk
	// for another replica; the set tries again when PanelNodes change.
	ReasonNoCapacity = "NoCapacity"
	// ReasonScaling: replicas are being created or deleted to reach spec.replicas.
	ReasonScaling = "Scaling"
	// ReasonRollingUpdate: replicas of an older template are being replaced.
	ReasonRollingUpdate = "RollingUpdate"
	// ReasonReplicasUpToDate: every replica is of the current template, and there are as many
	// as wanted.
	ReasonReplicasUpToDate = "ReplicasUpToDate"
	// ReasonReplicasUnavailable: fewer replicas are available than the set needs.
	ReasonReplicasUnavailable = "ReplicasUnavailable"
)

// GameServerSetSpec is a fleet of identical game servers: how many, from which template, placed
// on which nodes, and how they are replaced when the template changes.
type GameServerSetSpec struct {
	// replicas is the number of game servers wanted; the /scale subresource sets it, so
	// `kubectl scale` and HorizontalPodAutoscalers work.
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=10000
	// +kubebuilder:default=1
	// +optional
	Replicas *int32 `json:"replicas,omitempty"`

	// template is what every replica runs: a GameServer spec without allocation or deploy,
	// which the set chooses per replica.
	// +required
	Template GameServerTemplate `json:"template"`

	// placement says on which nodes replicas run and how many ports each gets.
	// +required
	Placement GameServerPlacement `json:"placement"`

	// strategy is how replicas of an older template are replaced: RollingUpdate (the default) a
	// few at a time, or Recreate all at once.
	// +kubebuilder:default={type: RollingUpdate}
	// +optional
	Strategy GameServerSetStrategy `json:"strategy,omitempty"`

	// scaleDownOrder is which replicas go first when the set scales down: OfflineFirst (those
	// not running, then the newest), Newest or Oldest.
	// +kubebuilder:default=OfflineFirst
	// +optional
	ScaleDownOrder ScaleDownOrder `json:"scaleDownOrder,omitempty"`
}

// GameServerTemplate is the labels, annotations and spec every replica gets.
type GameServerTemplate struct {
	// metadata: the labels and annotations of each replica.
	// +optional
	Metadata TemplateMetadata `json:"metadata,omitempty"`

	// spec of each replica, less its placement. externalId cannot be set: each replica has its own.
	// +kubebuilder:validation:XValidation:rule="!has(self.externalId)",message="template.spec.externalId cannot be set: each replica gets its own external id"
	// +required
	Spec GameServerTemplateSpec `json:"spec"`
}

// TemplateMetadata is the part of a replica's metadata the template sets.
type TemplateMetadata struct {
	// labels of each replica, besides pterodactyl.gameops.dev/set and the template hash. Part of
	// the template: changing them replaces the replicas.
	// +optional
	Labels map[string]string `json:"labels,omitempty"`
	// annotations of each replica. Part of the template: changing them replaces the replicas.
	// +optional
	Annotations map[string]string `json:"annotations,omitempty"`
}

// GameServerPlacement picks each replica's node and ports.
// +kubebuilder:validation:XValidation:rule="!has(self.nodeSelector) || !has(self.nodeSelector.matchExpressions) || self.nodeSelector.matchExpressions.all(e, e.operator in ['In', 'NotIn', 'Exists', 'DoesNotExist'])",message="placement.nodeSelector.matchExpressions operators are In, NotIn, Exists or DoesNotExist",fieldPath=".nodeSelector"
type GameServerPlacement struct {
	// nodeSelector selects the PanelNodes replicas may run on, by their labels; empty selects
	// every PanelNode of the template's Panel.
	// +optional
	NodeSelector *metav1.LabelSelector `json:"nodeSelector,omitempty"`

	// ports is how many of a node's free allocations each replica gets, all on one IP; the
	// first is its primary (allocation.port), the others its additionalPorts.
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=101
	// +kubebuilder:default=1
	// +optional
	Ports int32 `json:"ports,omitempty"`

	// spread: LeastAllocated puts a new replica on the node with the least memory and disk in
	// use; Packed on the fullest node that still has room, leaving whole nodes free.
	// +kubebuilder:default=LeastAllocated
	// +optional
	Spread Spread `json:"spread,omitempty"`
}

// Spread is how replicas are spread over the nodes that can hold them.
// +kubebuilder:validation:Enum=LeastAllocated;Packed
type Spread string

// The spreads.
const (
	SpreadLeastAllocated Spread = "LeastAllocated"
	SpreadPacked         Spread = "Packed"
)

// ScaleDownOrder is which replicas a scale-down removes first.
// +kubebuilder:validation:Enum=OfflineFirst;Newest;Oldest
type ScaleDownOrder string

// The scale-down orders.
const (
	ScaleDownOfflineFirst ScaleDownOrder = "OfflineFirst"
	ScaleDownNewest       ScaleDownOrder = "Newest"
	ScaleDownOldest       ScaleDownOrder = "Oldest"
)

// GameServerSetStrategy is how replicas of an older template are replaced. A replica is replaced,
// not changed in place: its panel server is deleted and a new one made from the template.
// +kubebuilder:validation:XValidation:rule="self.type == 'RollingUpdate' || !has(self.rollingUpdate)",message="strategy.rollingUpdate is only for type RollingUpdate",fieldPath=".rollingUpdate"
type GameServerSetStrategy struct {
	// type: RollingUpdate replaces a few replicas at a time (rollingUpdate); Recreate deletes
	// every old replica before creating new ones.
	// +kubebuilder:default=RollingUpdate
	// +optional
	Type StrategyType `json:"type,omitempty"`

	// rollingUpdate bounds a rolling update: maxUnavailable (default 1) and maxSurge (default 0).
	// +optional
	RollingUpdate *RollingUpdate `json:"rollingUpdate,omitempty"`
}

// StrategyType is a GameServerSet's update strategy.
// +kubebuilder:validation:Enum=RollingUpdate;Recreate
type StrategyType string

// The strategy types.
const (
	StrategyRollingUpdate StrategyType = "RollingUpdate"
	StrategyRecreate      StrategyType = "Recreate"
)

// RollingUpdate bounds how many replicas a rolling update takes away or adds at once.
// +kubebuilder:validation:XValidation:rule="!(has(self.maxUnavailable) && self.maxUnavailable == 0 && (!has(self.maxSurge) || self.maxSurge == 0))",message="rollingUpdate.maxUnavailable and rollingUpdate.maxSurge cannot both be 0: the update could never go on"
type RollingUpdate struct {
	// maxUnavailable is how many replicas (or what percentage of replicas, rounded down) may be
	// unavailable during the update; default 1.
	// +kubebuilder:validation:XIntOrString
	// +kubebuilder:validation:XValidation:rule="type(self) == string ? self.matches('^[0-9]+%$') : self >= 0",message="rollingUpdate.maxUnavailable must be a count of 0 or more or a percentage such as 25%"
	// +optional
	MaxUnavailable *intstr.IntOrString `json:"maxUnavailable,omitempty"`

	// maxSurge is how many replicas (or what percentage, rounded up) may be created above
	// replicas during the update; default 0, which frees an old replica's ports before its
	// successor needs them.
	// +kubebuilder:validation:XIntOrString
	// +kubebuilder:validation:XValidation:rule="type(self) == string ? self.matches('^[0-9]+%$') : self >= 0",message="rollingUpdate.maxSurge must be a count of 0 or more or a percentage such as 25%"
	// +optional
	MaxSurge *intstr.IntOrString `json:"maxSurge,omitempty"`
}

// GameServerSetStatus counts the set's replicas.
type GameServerSetStatus struct {
	// replicas is how many replicas (GameServers of this set) exist and are not being deleted.
	// +optional
	Replicas int32 `json:"replicas"`

	// readyReplicas is how many replicas are Ready.
	// +optional
	ReadyReplicas int32 `json:"readyReplicas"`

	// runningReplicas is how many replicas the panel reports running (their status.power).
	// +optional
	RunningReplicas int32 `json:"runningReplicas"`

	// updatedReplicas is how many replicas are of the current template.
	// +optional
	UpdatedReplicas int32 `json:"updatedReplicas"`

	// selector selects the replicas, as a label selector string (for the /scale subresource).
	// +optional
	Selector string `json:"selector,omitempty"`

	// observedGeneration is the generation of the spec these counts are for.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// conditions: Ready (as many replicas as wanted, all Ready and of the current template),
	// Progressing (replicas being created, replaced or removed; False with NoCapacity when no
	// node has room), Available (at least replicas minus maxUnavailable are Ready).
	// +listType=map
	// +listMapKey=type
	// +optional
	Conditions []metav1.Condition `json:"conditions,omitempty"`
}

// GameServerSet runs replicas identical GameServers from one template, spread over the nodes
// its placement selects, and replaces them when the template changes.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:subresource:scale:specpath=.spec.replicas,statuspath=.status.replicas,selectorpath=.status.selector
// +kubebuilder:resource:scope=Namespaced,shortName=gss,categories=pterodactyl
// +kubebuilder:printcolumn:name="DESIRED",type=integer,JSONPath=`.spec.replicas`
// +kubebuilder:printcolumn:name="READY",type=integer,JSONPath=`.status.readyReplicas`
// +kubebuilder:printcolumn:name="RUNNING",type=integer,JSONPath=`.status.runningReplicas`
// +kubebuilder:printcolumn:name="UPDATED",type=integer,JSONPath=`.status.updatedReplicas`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="STRATEGY",type=string,JSONPath=`.spec.strategy.type`,priority=1
// +kubebuilder:printcolumn:name="SELECTOR",type=string,JSONPath=`.status.selector`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
// +kubebuilder:validation:XValidation:rule="size(self.metadata.name) <= 57",message="metadata.name of a GameServerSet has at most 57 characters: replicas are named <set>-<5 characters> and labelled with the set's name (63 at most)"
type GameServerSet struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec GameServerSetSpec `json:"spec"`
	// +optional
	Status GameServerSetStatus `json:"status,omitempty"`
}

// GameServerSetList contains a list of GameServerSet.
// +kubebuilder:object:root=true
type GameServerSetList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []GameServerSet `json:"items"`
}

func init() {
	register(&GameServerSet{}, &GameServerSetList{})
}
