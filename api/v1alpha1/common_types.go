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

// Annotations understood on every panel-backed kind.
const (
	// AnnotationPaused set to "true" makes the controller leave the object alone.
	AnnotationPaused = "pterodactyl.gameops.dev/paused"
	// AnnotationPanelID adopts an existing panel object with that numeric id
	// instead of creating a new one.
	AnnotationPanelID = "pterodactyl.gameops.dev/panel-id"
	// AnnotationReinstall triggers one reinstall of a GameServer each time its value changes.
	AnnotationReinstall = "pterodactyl.gameops.dev/reinstall"
	// AnnotationRestart restarts a running GameServer once each time its value changes.
	AnnotationRestart = "pterodactyl.gameops.dev/restart"
	// AnnotationRotatePassword triggers one password rotation of a ServerDatabase
	// each time its value changes.
	AnnotationRotatePassword = "pterodactyl.gameops.dev/rotate-password"

	// Finalizer guards the deletion of panel-backed objects until the panel agrees.
	Finalizer = "pterodactyl.gameops.dev/finalizer"
)

// Condition types shared by every kind.
const (
	// ConditionReady is True when the panel object exists and matches the spec.
	ConditionReady = "Ready"
	// ConditionSynced is True when the last reconcile reached the panel and applied without error.
	ConditionSynced = "Synced"
	// ConditionStalled is True, with the failure's reason, while the object waits for a person:
	// the spec, the credentials or the panel has to change before it can get Ready. It is absent
	// otherwise (kstatus' abnormal-true convention), so that Flux and kstatus report such an object
	// as Failed at once, and the Argo CD health check as Degraded, instead of progressing forever.
	ConditionStalled = "Stalled"
)

// Condition reasons shared by every kind. They are part of the user-facing
// contract: troubleshooting docs and GitOps health checks key on them.
const (
	ReasonAvailable         = "Available"
	ReasonReconcileSuccess  = "ReconcileSuccess"
	ReasonCreating          = "Creating"
	ReasonDeleting          = "Deleting"
	ReasonPaused            = "Paused"
	ReasonInvalidSpec       = "InvalidSpec"
	ReasonPanelRejected     = "PanelRejected"
	ReasonUnauthorized      = "Unauthorized"
	ReasonForbidden         = "Forbidden"
	ReasonPanelUnavailable  = "PanelUnavailable"
	ReasonRateLimited       = "RateLimited"
	ReasonReferenceNotReady = "ReferenceNotReady"
	ReasonPanelNotReady     = "PanelNotReady"
	ReasonNotFoundInPanel   = "NotFoundInPanel"
	ReasonInstalling        = "Installing"
	ReasonInstallFailed     = "InstallFailed"
	ReasonSuspended         = "Suspended"
	// ReasonClientKeyRequired: the spec asks for something only the panel's client API does
	// (power, files) and the Panel has no clientKey.
	ReasonClientKeyRequired = "ClientKeyRequired"
	// ReasonPowerMismatch: the server's power state does not match spec.power yet.
	ReasonPowerMismatch = "PowerMismatch"
)

// DeletionPolicy says what happens to the panel object when the Kubernetes object is deleted.
// +kubebuilder:validation:Enum=Delete;Orphan
type DeletionPolicy string

const (
	// DeletionPolicyDelete removes the panel object together with the Kubernetes object.
	DeletionPolicyDelete DeletionPolicy = "Delete"
	// DeletionPolicyOrphan leaves the panel object in the panel.
	DeletionPolicyOrphan DeletionPolicy = "Orphan"
)

// PanelReference names the cluster-scoped Panel an object belongs to.
type PanelReference struct {
	// name of the cluster-scoped Panel whose API this object is managed through; default "default".
	// +kubebuilder:default=default
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +optional
	Name string `json:"name,omitempty"`
}

// LocalObjectReference names another object of this operator by name: in the same
// namespace for namespaced kinds, cluster-wide for cluster-scoped ones.
type LocalObjectReference struct {
	// name of the referenced object.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +required
	Name string `json:"name"`
}

// SecretReference names a Secret in a given namespace.
type SecretReference struct {
	// namespace of the Secret.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=63
	// +required
	Namespace string `json:"namespace"`
	// name of the Secret.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +required
	Name string `json:"name"`
}

// SecretKeyReference names one key of a Secret in a given namespace.
type SecretKeyReference struct {
	SecretReference `json:",inline"`
	// key inside the Secret's data that holds the PEM certificates; ca.crt when unset.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +optional
	Key string `json:"key,omitempty"`
}

// LocalSecretKeyReference names one key of a Secret in the object's own namespace.
type LocalSecretKeyReference struct {
	// name of the Secret.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +required
	Name string `json:"name"`
	// key inside the Secret's data that holds the password; default password.
	// +kubebuilder:default=password
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +optional
	Key string `json:"key,omitempty"`
}

// LocalKeyReference names one key of a ConfigMap or Secret in the object's own namespace.
type LocalKeyReference struct {
	// name of the ConfigMap or Secret.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +required
	Name string `json:"name"`
	// key inside its data (a ConfigMap's data or binaryData, a Secret's data) whose value is used.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=253
	// +required
	Key string `json:"key"`
}

// ManagedSpec holds the fields every panel-backed kind shares.
type ManagedSpec struct {
	// panelRef names the Panel this object lives in.
	// +kubebuilder:default={name: default}
	// +optional
	PanelRef PanelReference `json:"panelRef,omitempty"`

	// deletionPolicy says what happens to the panel object when this object is deleted:
	// Delete removes it from the panel, Orphan leaves it there.
	// +kubebuilder:default=Delete
	// +optional
	DeletionPolicy DeletionPolicy `json:"deletionPolicy,omitempty"`
}

// ManagedStatus holds the status fields every panel-backed kind shares.
type ManagedStatus struct {
	// id is the panel's numeric id of the object; 0 until it exists in the panel.
	// +optional
	ID int64 `json:"id,omitempty"`

	// observedGeneration is the metadata.generation the status was computed from.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// conditions: Ready (the panel object exists and matches the spec),
	// Synced (the last reconcile reached the panel and applied without error), and
	// Stalled, present only while the object waits for a person (a refused spec or key).
	// +listType=map
	// +listMapKey=type
	// +patchStrategy=merge
	// +patchMergeKey=type
	// +optional
	Conditions []metav1.Condition `json:"conditions,omitempty" patchStrategy:"merge" patchMergeKey:"type"`
}

// GetPanelName returns the Panel an object refers to, applying the API default
// for objects that were built in Go rather than read from the API server.
func (s ManagedSpec) GetPanelName() string {
	if s.PanelRef.Name == "" {
		return "default"
	}
	return s.PanelRef.Name
}

// GetDeletionPolicy returns the deletion policy, applying the API default.
func (s ManagedSpec) GetDeletionPolicy() DeletionPolicy {
	if s.DeletionPolicy == "" {
		return DeletionPolicyDelete
	}
	return s.DeletionPolicy
}
