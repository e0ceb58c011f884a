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

package managed

import (
	"context"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// ReferencedID reads obj, the object of the given kind that key names, and returns its panel id,
// or a ReferenceNotReady error saying why it cannot be used yet: it does not exist, is being
// deleted, has no panel id, or (with needReady) is not Ready.
//
// Creating a panel object needs every reference Ready: a half-made user or node would make the
// panel refuse a server, or place it wrongly. Once the object exists, a panel id is enough: a node
// repairing its allocations, or a user whose last update failed, is still the same panel object,
// and the dependent should not flap to ReferenceNotReady meanwhile.
func ReferencedID(ctx context.Context, kube client.Reader, kind string, key types.NamespacedName, obj Object, needReady bool) (int, error) {
	if err := kube.Get(ctx, key, obj); err != nil {
		if apierrors.IsNotFound(err) {
			return 0, NotReady(kind, key.Name, "it does not exist: create it, or fix the name that refers to it")
		}
		return 0, err
	}
	if !obj.GetDeletionTimestamp().IsZero() {
		return 0, NotReady(kind, key.Name, "it is being deleted: refer to another one")
	}
	st := obj.GetManagedStatus()
	if st.ID == 0 {
		return 0, NotReady(kind, key.Name, "it has no panel id yet; if that lasts, its conditions say why ("+describe(kind, key)+")")
	}
	if needReady {
		c := meta.FindStatusCondition(st.Conditions, ptero.ConditionReady)
		if c == nil || c.Status != metav1.ConditionTrue {
			return 0, NotReady(kind, key.Name, "it is not Ready yet; if that lasts, its conditions say why ("+describe(kind, key)+")")
		}
	}
	return int(st.ID), nil
}

// ReferencedServer returns the GameServer key names, for the kinds the panel's client API reaches
// through their server's identifier (backups, schedules, subusers), or a ReferenceNotReady error
// as ReferencedID says; a server without an identifier yet is not ready either.
func ReferencedServer(ctx context.Context, kube client.Reader, key types.NamespacedName, needReady bool) (*ptero.GameServer, error) {
	gs := &ptero.GameServer{}
	if _, err := ReferencedID(ctx, kube, "GameServer", key, gs, needReady); err != nil {
		return nil, err
	}
	if gs.Status.Identifier == "" {
		return nil, NotReady("GameServer", key.Name, "it has no identifier yet")
	}
	return gs, nil
}

// describe is the kubectl command that shows a referenced object's conditions and events.
func describe(kind string, key types.NamespacedName) string {
	cmd := "kubectl describe " + strings.ToLower(kind) + " " + key.Name
	if key.Namespace != "" {
		cmd += " -n " + key.Namespace
	}
	return cmd
}

// IdentifierToDeleteThrough returns the identifier of the GameServer key names, which a client-API
// object (backup, schedule, subuser) is deleted through; "" when the GameServer is gone or never
// reached the panel, whose server then took its children with it or never had any.
func IdentifierToDeleteThrough(ctx context.Context, kube client.Reader, key types.NamespacedName) (string, error) {
	gs := &ptero.GameServer{}
	if err := kube.Get(ctx, key, gs); err != nil {
		return "", client.IgnoreNotFound(err)
	}
	return gs.Status.Identifier, nil
}
