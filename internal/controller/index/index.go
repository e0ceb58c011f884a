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

// Package index registers the field indexes the controllers use and maps a changed object to the
// objects that reference it, so dependents are re-queued the moment a reference becomes ready
// instead of being polled.
package index

import (
	"context"
	"slices"
	"strconv"

	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/manager"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// Field names of the indexes. Each holds the name of the referenced object.
const (
	PanelRef       = "spec.panelRef.name"
	LocationRef    = "spec.locationRef.name"
	OwnerRef       = "spec.owner.userRef.name"
	NodeRef        = "spec.allocation.nodeRef.name"
	DeployLocation = "spec.deploy.locationRefs.name"
	ServerRef      = "spec.serverRef.name"
	UserRef        = "spec.userRef.name"
	PasswordSecret = "spec.passwordSecretRef.name"
	FileConfigMap  = "spec.files.configMapRef.name"
	FileSecret     = "spec.files.secretRef.name"
	// PanelSecrets holds "<namespace>/<name>" of every Secret a Panel reads.
	PanelSecrets = "spec.secrets"
	// PanelObject holds "<panel>/<id>" of the panel object an object stands for (PanelObjectKey),
	// so a change the snapshot finds in the panel wakes the objects bound to it.
	PanelObject = "status.panelObject"
)

// PanelObjectKey is the PanelObject index value of the panel object with id (a number, or a
// UUID for the kinds the panel identifies by UUID) in the Panel named panel.
func PanelObjectKey(panel, id string) string { return panel + "/" + id }

// PanelObjectValues is what the PanelObject index holds for obj: none before it exists in the
// panel.
func PanelObjectValues(obj client.Object) []string {
	o := obj.(ptero.ManagedObject)
	id := o.GetPanelIdentity()
	switch {
	case id.UUID != "":
		return []string{PanelObjectKey(o.GetManagedSpec().GetPanelName(), id.UUID)}
	case id.ID != 0:
		return []string{PanelObjectKey(o.GetManagedSpec().GetPanelName(), strconv.FormatInt(id.ID, 10))}
	}
	return nil
}

type fieldIndex struct {
	obj     client.Object
	field   string
	extract func(client.Object) []string
}

func one(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func panelRefIndex(obj client.Object) []string {
	return one(obj.(ptero.ManagedObject).GetManagedSpec().GetPanelName())
}

// fieldIndexes are the indexes of references between the kinds; Setup adds the PanelRef and
// PanelObject indexes of every kind that lives in a Panel.
var fieldIndexes = []fieldIndex{
	{&ptero.PanelNode{}, LocationRef, func(o client.Object) []string {
		if ref := o.(*ptero.PanelNode).Spec.LocationRef; ref != nil {
			return one(ref.Name)
		}
		return nil
	}},
	{&ptero.GameServer{}, OwnerRef, func(o client.Object) []string {
		if ref := o.(*ptero.GameServer).Spec.Owner.UserRef; ref != nil {
			return one(ref.Name)
		}
		return nil
	}},
	{&ptero.GameServer{}, NodeRef, func(o client.Object) []string {
		if a := o.(*ptero.GameServer).Spec.Allocation; a != nil && a.NodeRef != nil {
			return one(a.NodeRef.Name)
		}
		return nil
	}},
	{&ptero.GameServer{}, DeployLocation, func(o client.Object) []string {
		d := o.(*ptero.GameServer).Spec.Deploy
		if d == nil {
			return nil
		}
		names := make([]string, 0, len(d.LocationRefs))
		for _, ref := range d.LocationRefs {
			names = append(names, ref.Name)
		}
		return names
	}},
	{&ptero.GameServer{}, FileConfigMap, func(o client.Object) []string {
		return fileSources(o.(*ptero.GameServer), func(f ptero.ServerFile) *ptero.LocalKeyReference { return f.ConfigMapRef })
	}},
	{&ptero.GameServer{}, FileSecret, func(o client.Object) []string {
		return fileSources(o.(*ptero.GameServer), func(f ptero.ServerFile) *ptero.LocalKeyReference { return f.SecretRef })
	}},
	{&ptero.ServerDatabase{}, ServerRef, func(o client.Object) []string {
		return one(o.(*ptero.ServerDatabase).Spec.ServerRef.Name)
	}},
	{&ptero.ServerBackup{}, ServerRef, func(o client.Object) []string {
		return one(o.(*ptero.ServerBackup).Spec.ServerRef.Name)
	}},
	{&ptero.ServerSchedule{}, ServerRef, func(o client.Object) []string {
		return one(o.(*ptero.ServerSchedule).Spec.ServerRef.Name)
	}},
	{&ptero.ServerSubuser{}, ServerRef, func(o client.Object) []string {
		return one(o.(*ptero.ServerSubuser).Spec.ServerRef.Name)
	}},
	{&ptero.ServerSubuser{}, UserRef, func(o client.Object) []string {
		if ref := o.(*ptero.ServerSubuser).Spec.UserRef; ref != nil {
			return one(ref.Name)
		}
		return nil
	}},
	{&ptero.PanelUser{}, PasswordSecret, func(o client.Object) []string {
		if ref := o.(*ptero.PanelUser).Spec.PasswordSecretRef; ref != nil {
			return one(ref.Name)
		}
		return nil
	}},
	{&ptero.Panel{}, PanelSecrets, func(o client.Object) []string {
		spec := o.(*ptero.Panel).Spec
		keys := []string{spec.CredentialsSecretRef.Namespace + "/" + spec.CredentialsSecretRef.Name}
		if ca := spec.CASecretRef; ca != nil {
			keys = append(keys, ca.Namespace+"/"+ca.Name)
		}
		return keys
	}},
}

// fileSources names the ConfigMaps or Secrets (ref picks which) a GameServer's files come from.
func fileSources(gs *ptero.GameServer, ref func(ptero.ServerFile) *ptero.LocalKeyReference) []string {
	var names []string
	for _, f := range gs.Spec.Files {
		if r := ref(f); r != nil && !slices.Contains(names, r.Name) {
			names = append(names, r.Name)
		}
	}
	return names
}

// Setup registers every field index the controllers use: the PanelRef and PanelObject indexes
// of each of inPanel (the kinds that live in a Panel) and the references between kinds.
func Setup(ctx context.Context, mgr manager.Manager, inPanel []client.Object) error {
	indexes := make([]fieldIndex, 0, 2*len(inPanel)+len(fieldIndexes))
	for _, o := range inPanel {
		indexes = append(indexes, fieldIndex{o, PanelRef, panelRefIndex}, fieldIndex{o, PanelObject, PanelObjectValues})
	}
	for _, idx := range append(indexes, fieldIndexes...) {
		if err := mgr.GetFieldIndexer().IndexField(ctx, idx.obj, idx.field, idx.extract); err != nil {
			return err
		}
	}
	return nil
}
