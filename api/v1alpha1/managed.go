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
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// ManagedObject is a panel-backed Kubernetes object: one kind of this API whose spec and status
// embed ManagedSpec and ManagedStatus. The accessors below let one generic reconciler drive every
// such kind through the fields they share, without reflection.
// +kubebuilder:object:generate=false
type ManagedObject interface {
	client.Object
	GetManagedSpec() *ManagedSpec
	GetManagedStatus() *ManagedStatus
	// GetPanelIdentity names the panel object this object stands for; zero before it exists.
	GetPanelIdentity() PanelIdentity
}

// GetManagedSpec returns the shared spec fields.
func (o *PanelLocation) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus returns the shared status fields.
func (o *PanelLocation) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// GetManagedSpec returns the shared spec fields.
func (o *PanelNode) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus returns the shared status fields.
func (o *PanelNode) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// GetManagedSpec returns the shared spec fields.
func (o *PanelUser) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus returns the shared status fields.
func (o *PanelUser) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// GetManagedSpec returns the shared spec fields.
func (o *GameServer) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus returns the shared status fields.
func (o *GameServer) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// GetManagedSpec returns the shared spec fields.
func (o *ServerDatabase) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus returns the shared status fields.
func (o *ServerDatabase) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// GetPanelIdentity returns the panel's numeric id of the panelLocation.
func (o *PanelLocation) GetPanelIdentity() PanelIdentity { return PanelIdentity{ID: o.Status.ID} }

// GetPanelIdentity returns the panel's numeric id of the panelNode.
func (o *PanelNode) GetPanelIdentity() PanelIdentity { return PanelIdentity{ID: o.Status.ID} }

// GetPanelIdentity returns the panel's numeric id of the panelUser.
func (o *PanelUser) GetPanelIdentity() PanelIdentity { return PanelIdentity{ID: o.Status.ID} }

// GetPanelIdentity returns the panel's numeric id of the gameServer.
func (o *GameServer) GetPanelIdentity() PanelIdentity { return PanelIdentity{ID: o.Status.ID} }

// GetPanelIdentity returns the panel's numeric id of the serverDatabase.
func (o *ServerDatabase) GetPanelIdentity() PanelIdentity { return PanelIdentity{ID: o.Status.ID} }

// GetManagedSpec returns the shared spec fields.
func (o *ServerBackup) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus returns the shared status fields.
func (o *ServerBackup) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// GetPanelIdentity returns the backup's UUID: the panel has no numeric id for backups.
func (o *ServerBackup) GetPanelIdentity() PanelIdentity { return PanelIdentity{UUID: o.Status.UUID} }

// GetManagedSpec returns the shared spec fields.
func (o *ServerSchedule) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus returns the shared status fields.
func (o *ServerSchedule) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// GetPanelIdentity returns the panel's numeric id of the schedule.
func (o *ServerSchedule) GetPanelIdentity() PanelIdentity { return PanelIdentity{ID: o.Status.ID} }

// GetManagedSpec returns the shared spec fields.
func (o *ServerSubuser) GetManagedSpec() *ManagedSpec { return &o.Spec.ManagedSpec }

// GetManagedStatus returns the shared status fields.
func (o *ServerSubuser) GetManagedStatus() *ManagedStatus { return &o.Status.ManagedStatus }

// GetPanelIdentity returns the subuser's user UUID: the panel has no numeric id for subusers.
func (o *ServerSubuser) GetPanelIdentity() PanelIdentity { return PanelIdentity{UUID: o.Status.UUID} }
