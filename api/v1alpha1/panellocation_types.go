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

// PanelLocationSpec is a panel location: a named group of nodes.
type PanelLocationSpec struct {
	ManagedSpec `json:",inline"`

	// short is the location's short code, unique in the panel (e.g. us-east).
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=60
	// +required
	Short string `json:"short"`

	// long is a longer description of the location.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +optional
	Long string `json:"long,omitempty"`
}

// PanelLocationStatus is what the operator last saw of the location in the panel.
type PanelLocationStatus struct {
	ManagedStatus `json:",inline"`
}

// PanelLocation is a location in the panel (/api/application/locations).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,shortName=ploc,categories=pterodactyl
// +kubebuilder:printcolumn:name="ID",type=integer,JSONPath=`.status.id`
// +kubebuilder:printcolumn:name="SHORT",type=string,JSONPath=`.spec.short`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="LONG",type=string,JSONPath=`.spec.long`,priority=1
// +kubebuilder:printcolumn:name="PANEL",type=string,JSONPath=`.spec.panelRef.name`,priority=1
// +kubebuilder:printcolumn:name="SYNCED",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type PanelLocation struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec PanelLocationSpec `json:"spec"`
	// +optional
	Status PanelLocationStatus `json:"status,omitempty"`
}

// PanelLocationList contains a list of PanelLocation.
// +kubebuilder:object:root=true
type PanelLocationList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []PanelLocation `json:"items"`
}

func init() {
	register(&PanelLocation{}, &PanelLocationList{})
}
