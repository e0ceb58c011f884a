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

package databases

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// forbiddenRecheck is how soon a Secret that could not be written for lack of a panel permission
// is tried again; fixing the key re-queues objects through the Panel anyway.
const forbiddenRecheck = 5 * time.Minute

// secretName is the connection Secret's name: the spec's, else <metadata.name>-db.
func secretName(sdb *ptero.ServerDatabase) string {
	if sdb.Spec.ConnectionSecretName != "" {
		return sdb.Spec.ConnectionSecretName
	}
	return sdb.Name + "-db"
}

// secretDiffers reports whether the connection Secret is missing, holds other data, is not ours,
// or a Secret from an earlier connectionSecretName is still to be cleaned up.
func (e *external) secretDiffers(ctx context.Context, sdb *ptero.ServerDatabase, data map[string][]byte) (bool, error) {
	name := secretName(sdb)
	if old := sdb.Status.ConnectionSecretName; old != "" && old != name {
		return true, nil
	}
	s := &corev1.Secret{}
	if err := e.kube.Get(ctx, types.NamespacedName{Namespace: sdb.Namespace, Name: name}, s); err != nil {
		if apierrors.IsNotFound(err) {
			return true, nil
		}
		return false, err
	}
	if !metav1.IsControlledBy(s, sdb) {
		return true, nil
	}
	return !maps.EqualFunc(s.Data, data, bytes.Equal), nil
}

// writeSecret creates or corrects the connection Secret, owned by the ServerDatabase so that it
// goes away with it, and removes the Secret of an earlier connectionSecretName.
func (e *external) writeSecret(ctx context.Context, sdb *ptero.ServerDatabase, data map[string][]byte) error {
	name := secretName(sdb)
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: sdb.Namespace, Name: name}}
	_, err := controllerutil.CreateOrUpdate(ctx, e.kube, s, func() error {
		if err := controllerutil.SetControllerReference(sdb, s, e.scheme); err != nil {
			return err
		}
		if s.Labels == nil {
			s.Labels = map[string]string{}
		}
		s.Labels["app.kubernetes.io/managed-by"] = "pterodactyl-operator"
		s.Type = corev1.SecretTypeOpaque
		s.Data = data
		return nil
	})
	var owned *controllerutil.AlreadyOwnedError
	if errors.As(err, &owned) {
		return managed.InvalidSpec("connectionSecretName", "Secret %s already belongs to %s %s; pick another name", name, owned.Owner.Kind, owned.Owner.Name)
	}
	if err != nil {
		return err
	}

	if old := sdb.Status.ConnectionSecretName; old != "" && old != name {
		prev := &corev1.Secret{}
		err := e.kube.Get(ctx, types.NamespacedName{Namespace: sdb.Namespace, Name: old}, prev)
		switch {
		case apierrors.IsNotFound(err):
		case err != nil:
			return err
		case metav1.IsControlledBy(prev, sdb):
			if err := e.kube.Delete(ctx, prev); err != nil && !apierrors.IsNotFound(err) {
				return err
			}
		}
	}
	sdb.Status.ConnectionSecretName = name
	return nil
}
