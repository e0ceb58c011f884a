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

// Annotations of a ServerBackup.
const (
	// AnnotationRestore restores the backup onto its server once each time its value changes.
	AnnotationRestore = "pterodactyl.gameops.dev/restore"
	// AnnotationRestoreTruncate set to "true" deletes the server's files before a restore.
	AnnotationRestoreTruncate = "pterodactyl.gameops.dev/restore-truncate"
)

// ServerBackupSpec is one backup of a game server, made by the panel (through Wings) once.
type ServerBackupSpec struct {
	ManagedSpec `json:",inline"`

	// serverRef names the GameServer in this namespace the backup is of.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="serverRef is immutable: a backup belongs to one server"
	// +required
	ServerRef LocalObjectReference `json:"serverRef"`

	// name is the backup's name in the panel; defaults to metadata.name.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="name is immutable: the panel cannot rename a backup"
	// +optional
	Name string `json:"name,omitempty"`

	// ignoredFiles are paths left out of the backup, as the panel's "ignored" list (one
	// pattern per entry, like a .pteroignore line).
	// +kubebuilder:validation:MaxItems=128
	// +kubebuilder:validation:items:MaxLength=1024
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="ignoredFiles is immutable: a backup is made once"
	// +listType=atomic
	// +optional
	IgnoredFiles []string `json:"ignoredFiles,omitempty"`

	// locked backups cannot be deleted, by the panel's rotation or anyone, until unlocked; the
	// only field that can change once the backup exists.
	// +kubebuilder:default=false
	// +optional
	Locked bool `json:"locked,omitempty"`
}

// BackupState is how far the panel got with a backup.
// +kubebuilder:validation:Enum=Pending;InProgress;Completed;Failed
type BackupState string

// The backup states.
const (
	// BackupPending: not asked of the panel yet.
	BackupPending BackupState = "Pending"
	// BackupInProgress: the panel accepted it and Wings is making it.
	BackupInProgress BackupState = "InProgress"
	// BackupCompleted: Wings reported it made (is_successful).
	BackupCompleted BackupState = "Completed"
	// BackupFailed: Wings reported it failed.
	BackupFailed BackupState = "Failed"
)

// Condition reasons of a ServerBackup.
const (
	// ReasonBackupInProgress: the panel is making the backup.
	ReasonBackupInProgress = "BackupInProgress"
	// ReasonBackupFailed: Wings reported the backup failed; delete and re-create the object to try again.
	ReasonBackupFailed = "BackupFailed"
	// ReasonBackupRotated: the backup is gone from the panel (rotated away by the server's
	// backup limit, or deleted there); it is not made again.
	ReasonBackupRotated = "BackupRotated"
)

// ServerBackupStatus is what the operator last saw of the backup in the panel.
type ServerBackupStatus struct {
	ManagedStatus `json:",inline"`

	// uuid of the backup in the panel, which identifies it.
	// +optional
	UUID string `json:"uuid,omitempty"`

	// state: Pending, InProgress, Completed or Failed.
	// +optional
	State BackupState `json:"state,omitempty"`

	// bytes is the backup's size once completed.
	// +optional
	Bytes int64 `json:"bytes,omitempty"`

	// checksum of the backup archive, "<algorithm>:<hex>" as Wings reports it.
	// +optional
	Checksum string `json:"checksum,omitempty"`

	// completedAt is when Wings finished the backup.
	// +optional
	CompletedAt *metav1.Time `json:"completedAt,omitempty"`

	// lastRestoreToken is the restore annotation value last acted on.
	// +optional
	LastRestoreToken string `json:"lastRestoreToken,omitempty"`
}

// ServerBackup is a backup of a GameServer (/api/client/servers/{server}/backups).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=sbk,categories=pterodactyl
// +kubebuilder:printcolumn:name="SERVER",type=string,JSONPath=`.spec.serverRef.name`
// +kubebuilder:printcolumn:name="STATE",type=string,JSONPath=`.status.state`
// +kubebuilder:printcolumn:name="SIZE",type=integer,JSONPath=`.status.bytes`
// +kubebuilder:printcolumn:name="LOCKED",type=boolean,JSONPath=`.spec.locked`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="UUID",type=string,JSONPath=`.status.uuid`,priority=1
// +kubebuilder:printcolumn:name="COMPLETED",type=date,JSONPath=`.status.completedAt`,priority=1
// +kubebuilder:printcolumn:name="PANEL",type=string,JSONPath=`.spec.panelRef.name`,priority=1
// +kubebuilder:printcolumn:name="SYNCED",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type ServerBackup struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ServerBackupSpec `json:"spec"`
	// +optional
	Status ServerBackupStatus `json:"status,omitempty"`
}

// ServerBackupList contains a list of ServerBackup.
// +kubebuilder:object:root=true
type ServerBackupList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ServerBackup `json:"items"`
}

func init() {
	register(&ServerBackup{}, &ServerBackupList{})
}
