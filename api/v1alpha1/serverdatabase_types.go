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

// ServerDatabaseSpec is a database on a panel database host, attached to a game server.
// The panel cannot change a database after creating it, so its fields are immutable.
type ServerDatabaseSpec struct {
	ManagedSpec `json:",inline"`

	// serverRef names the GameServer in this namespace that owns the database.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="serverRef is immutable"
	// +required
	ServerRef LocalObjectReference `json:"serverRef"`

	// database is the database's name; the panel stores it as s<serverId>_<database>.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=48
	// +kubebuilder:validation:Pattern=`^[A-Za-z0-9_-]+$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="database is immutable"
	// +required
	Database string `json:"database"`

	// remote is the host pattern connections are allowed from ("%" for anywhere).
	// +kubebuilder:default="%"
	// +kubebuilder:validation:Pattern=`^[0-9%.]{1,15}$`
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="remote is immutable"
	// +optional
	Remote string `json:"remote,omitempty"`

	// hostId is the panel id of the database host to create the database on.
	// +kubebuilder:default=1
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="hostId is immutable"
	// +optional
	HostID int64 `json:"hostId,omitempty"`

	// connectionSecretName is the Secret (in this namespace) the operator writes the
	// connection details to: host, port, database, username, password, uri.
	// Defaults to <metadata.name>-db.
	// +kubebuilder:validation:MaxLength=253
	// +kubebuilder:validation:Pattern=`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`
	// +optional
	ConnectionSecretName string `json:"connectionSecretName,omitempty"`
}

// ServerDatabaseStatus is what the operator last saw of the database in the panel.
type ServerDatabaseStatus struct {
	ManagedStatus `json:",inline"`

	// serverId is the panel id of the server the database belongs to.
	// +optional
	ServerID int64 `json:"serverId,omitempty"`

	// databaseName is the full name the panel gave the database (s<serverId>_<database>).
	// +optional
	DatabaseName string `json:"databaseName,omitempty"`

	// username is the database user the panel created.
	// +optional
	Username string `json:"username,omitempty"`

	// connectionSecretName is the Secret holding the connection details.
	// +optional
	ConnectionSecretName string `json:"connectionSecretName,omitempty"`

	// lastRotationToken is the rotate-password annotation value last acted on.
	// +optional
	LastRotationToken string `json:"lastRotationToken,omitempty"`
}

// ServerDatabase is a database of a game server (/api/application/servers/{id}/databases).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=sdb,categories=pterodactyl
// +kubebuilder:printcolumn:name="SERVER",type=string,JSONPath=`.spec.serverRef.name`
// +kubebuilder:printcolumn:name="DATABASE",type=string,JSONPath=`.status.databaseName`
// +kubebuilder:printcolumn:name="USERNAME",type=string,JSONPath=`.status.username`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="HOST",type=integer,JSONPath=`.spec.hostId`,priority=1
// +kubebuilder:printcolumn:name="SECRET",type=string,JSONPath=`.status.connectionSecretName`,priority=1
// +kubebuilder:printcolumn:name="PANEL",type=string,JSONPath=`.spec.panelRef.name`,priority=1
// +kubebuilder:printcolumn:name="SYNCED",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type ServerDatabase struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ServerDatabaseSpec `json:"spec"`
	// +optional
	Status ServerDatabaseStatus `json:"status,omitempty"`
}

// ServerDatabaseList contains a list of ServerDatabase.
// +kubebuilder:object:root=true
type ServerDatabaseList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ServerDatabase `json:"items"`
}

func init() {
	register(&ServerDatabase{}, &ServerDatabaseList{})
}
