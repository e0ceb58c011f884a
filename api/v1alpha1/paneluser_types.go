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

// PanelUserSpec is a panel user account.
type PanelUserSpec struct {
	ManagedSpec `json:",inline"`

	// username is the login name, lowercase as the panel stores it: at least 3
	// characters of a-z, 0-9, '_', '.', '-', starting and ending with a letter or digit.
	// +kubebuilder:validation:MinLength=3
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Pattern=`^[a-z0-9][a-z0-9_.-]+[a-z0-9]$`
	// +required
	Username string `json:"username"`

	// email is the user's e-mail address, unique in the panel.
	// +kubebuilder:validation:MinLength=3
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Format=email
	// +required
	Email string `json:"email"`

	// firstName is the user's first name.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +required
	FirstName string `json:"firstName"`

	// lastName is the user's last name.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +required
	LastName string `json:"lastName"`

	// language of the panel's interface for this user; the panel ships only en.
	// +kubebuilder:validation:Enum=en
	// +kubebuilder:default=en
	// +optional
	Language string `json:"language,omitempty"`

	// rootAdmin makes the user a panel administrator, who sees every server and the admin area;
	// default false.
	// +kubebuilder:default=false
	// +optional
	RootAdmin bool `json:"rootAdmin,omitempty"`

	// externalId identifies the user for the operator; it defaults to
	// <panel externalIdPrefix><namespace>.<name>.
	// No "/": the panel matches /external/{id} against the decoded path, so such an id could be
	// stored but never looked up again.
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:Pattern=`^[^\s/]+$`
	// +optional
	ExternalID string `json:"externalId,omitempty"`

	// passwordSecretRef names a key of a Secret in this namespace holding the user's
	// password. It is set on create and again whenever the Secret's value changes.
	// Without it the panel sets a random password and e-mails a reset link.
	// +optional
	PasswordSecretRef *LocalSecretKeyReference `json:"passwordSecretRef,omitempty"`
}

// PanelUserStatus is what the operator last saw of the user in the panel.
type PanelUserStatus struct {
	ManagedStatus `json:",inline"`

	// uuid of the user in the panel.
	// +optional
	UUID string `json:"uuid,omitempty"`

	// externalId the user carries in the panel: spec.externalId, or the one the operator derived.
	// +optional
	ExternalID string `json:"externalId,omitempty"`

	// passwordHash is a salted hash of the last password pushed to the panel, so a
	// changed Secret is noticed without keeping the password itself.
	// +optional
	PasswordHash string `json:"passwordHash,omitempty"`
}

// PanelUser is a user of the panel (/api/application/users).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=puser,categories=pterodactyl
// +kubebuilder:printcolumn:name="ID",type=integer,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="USERNAME",type=string,JSONPath=`.spec.username`
// +kubebuilder:printcolumn:name="EMAIL",type=string,JSONPath=`.spec.email`
// +kubebuilder:printcolumn:name="ADMIN",type=boolean,JSONPath=`.spec.rootAdmin`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="EXTERNAL-ID",type=string,JSONPath=`.status.externalId`,priority=1
// +kubebuilder:printcolumn:name="PANEL",type=string,JSONPath=`.spec.panelRef.name`,priority=1
// +kubebuilder:printcolumn:name="SYNCED",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type PanelUser struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec PanelUserSpec `json:"spec"`
	// +optional
	Status PanelUserStatus `json:"status,omitempty"`
}

// PanelUserList contains a list of PanelUser.
// +kubebuilder:object:root=true
type PanelUserList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PanelUser `json:"items"`
}

func init() {
	register(&PanelUser{}, &PanelUserList{})
}
