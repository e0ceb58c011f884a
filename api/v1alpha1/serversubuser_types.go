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

// ServerSubuserSpec gives a panel user access to a game server they do not own.
// +kubebuilder:validation:XValidation:rule="has(self.email) != has(self.userRef)",message="set exactly one of email or userRef"
type ServerSubuserSpec struct {
	ManagedSpec `json:",inline"`

	// serverRef names the GameServer in this namespace the user gets access to.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="serverRef is immutable: a subuser belongs to one server"
	// +required
	ServerRef LocalObjectReference `json:"serverRef"`

	// email of the user; the panel creates an account (and mails an invitation) when it has none.
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Format=email
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="email is immutable: delete the subuser and make another"
	// +optional
	Email *string `json:"email,omitempty"`

	// userRef names a PanelUser in this namespace instead of an email.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="userRef is immutable: delete the subuser and make another"
	// +optional
	UserRef *LocalObjectReference `json:"userRef,omitempty"`

	// permissions are the panel's permission keys the user has on the server, e.g.
	// control.console, control.start, file.read; kept in line with the panel.
	// +kubebuilder:validation:MinItems=1
	// +kubebuilder:validation:MaxItems=64
	// +listType=set
	// +required
	Permissions []SubuserPermission `json:"permissions"`
}

// SubuserPermission is one of the panel's permission keys (Pterodactyl 1.11).
// +kubebuilder:validation:Enum=activity.read;allocation.create;allocation.delete;allocation.read;allocation.update;backup.create;backup.delete;backup.download;backup.read;backup.restore;control.console;control.restart;control.start;control.stop;database.create;database.delete;database.read;database.update;database.view_password;file.archive;file.create;file.delete;file.read;file.read-content;file.sftp;file.update;schedule.create;schedule.delete;schedule.read;schedule.update;settings.reinstall;settings.rename;startup.docker-image;startup.read;startup.update;user.create;user.delete;user.read;user.update;websocket.connect
type SubuserPermission string

// ServerSubuserStatus is what the operator last saw of the subuser in the panel.
type ServerSubuserStatus struct {
	ManagedStatus `json:",inline"`

	// uuid of the user in the panel, which identifies the subuser on its server.
	// +optional
	UUID string `json:"uuid,omitempty"`

	// email of the user, as the panel has it (from userRef's PanelUser when set).
	// +optional
	Email string `json:"email,omitempty"`
}

// ServerSubuser is a subuser of a GameServer (/api/client/servers/{server}/users).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=ssu,categories=pterodactyl
// +kubebuilder:printcolumn:name="SERVER",type=string,JSONPath=`.spec.serverRef.name`
// +kubebuilder:printcolumn:name="EMAIL",type=string,JSONPath=`.status.email`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="UUID",type=string,JSONPath=`.status.uuid`,priority=1
// +kubebuilder:printcolumn:name="PANEL",type=string,JSONPath=`.spec.panelRef.name`,priority=1
// +kubebuilder:printcolumn:name="SYNCED",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type ServerSubuser struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ServerSubuserSpec `json:"spec"`
	// +optional
	Status ServerSubuserStatus `json:"status,omitempty"`
}

// ServerSubuserList contains a list of ServerSubuser.
// +kubebuilder:object:root=true
type ServerSubuserList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ServerSubuser `json:"items"`
}

func init() {
	register(&ServerSubuser{}, &ServerSubuserList{})
}
