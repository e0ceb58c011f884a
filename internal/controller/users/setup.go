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

package users

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/predicate"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// The permissions of this kind's controller, generated into config/rbac/role.yaml.
//
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panelusers,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panelusers/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panelusers/finalizers,verbs=update

// Setup registers the PanelUser controller with the manager. Besides its Panel it watches the
// password Secrets users name, so a changed password is pushed at once and a user waiting for its
// Secret goes on the moment it appears.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	k := connection.Kind(reg, func(c *connection.Conn) managed.External[*ptero.PanelUser] {
		return &external{kube: kube, conn: c}
	})
	k.WaitsFor = []managed.Reference{{Object: &corev1.Secret{}, Field: index.PasswordSecret,
		Predicate: predicate.ResourceVersionChangedPredicate{}}}
	k.Drift = reg.Drift(connection.UsersCollection)
	return managed.Setup(mgr, k)
}
