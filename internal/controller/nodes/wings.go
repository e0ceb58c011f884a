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

package nodes

import (
	"bytes"
	"context"
	"errors"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/yaml"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// wingsConfigKey is the Secret key Wings reads its configuration from when mounted
// (/etc/pterodactyl/config.yml).
const wingsConfigKey = "config.yml"

// wingsConfigYAML renders the panel's node configuration as the config.yml Wings expects: the
// panel's own "Configuration" tab shows the same document as YAML.
func wingsConfigYAML(cfg *panel.NodeConfiguration) ([]byte, error) {
	return yaml.Marshal(cfg)
}

// wingsSecretStale reports whether the Wings config Secret is missing, not ours, or holds
// another configuration. It never logs or returns the configuration (it holds the node token).
func (e *external) wingsSecretStale(ctx context.Context, ref ptero.SecretReference, config []byte) (bool, error) {
	s := &corev1.Secret{}
	if err := e.kube.Get(ctx, types.NamespacedName{Namespace: ref.Namespace, Name: ref.Name}, s); err != nil {
		if apierrors.IsNotFound(err) {
			return true, nil
		}
		return false, err
	}
	return !e.ownedBy(s) || !bytes.Equal(s.Data[wingsConfigKey], config), nil
}

// ownedBy reports whether the PanelNode being reconciled controls s.
func (e *external) ownedBy(s *corev1.Secret) bool {
	owner := metav1.GetControllerOf(s)
	return owner != nil && owner.UID == e.nodeUID
}

// writeWingsSecret creates or corrects the Wings config Secret, controlled by the PanelNode so
// that it goes away with it and a change to it re-queues the node.
func (e *external) writeWingsSecret(ctx context.Context, pn *ptero.PanelNode, config []byte) error {
	ref := pn.Spec.WingsConfigSecretRef
	s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: ref.Namespace, Name: ref.Name}}
	_, err := controllerutil.CreateOrUpdate(ctx, e.kube, s, func() error {
		if err := controllerutil.SetControllerReference(pn, s, e.kube.Scheme()); err != nil {
			return err
		}
		if s.Labels == nil {
			s.Labels = map[string]string{}
		}
		s.Labels["app.kubernetes.io/managed-by"] = "pterodactyl-operator"
		s.Type = corev1.SecretTypeOpaque
		s.Data = map[string][]byte{wingsConfigKey: config}
		return nil
	})
	var owned *controllerutil.AlreadyOwnedError
	if errors.As(err, &owned) {
		return managed.InvalidSpec("wingsConfigSecretRef", "Secret %s/%s already belongs to %s %s; pick another name",
			ref.Namespace, ref.Name, owned.Owner.Kind, owned.Owner.Name)
	}
	if apierrors.IsNotFound(err) {
		return managed.NotReady("Namespace", ref.Namespace, "it does not exist, so the Wings config Secret cannot be written there: create it, or fix wingsConfigSecretRef.namespace")
	}
	return err
}
