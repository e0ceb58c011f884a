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
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// The permissions of this kind's controller, generated into config/rbac/role.yaml.
//
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverdatabases,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverdatabases/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverdatabases/finalizers,verbs=update

// Setup registers the ServerDatabase controller with the manager. A database waits for its Panel
// and GameServer, and owns its connection Secret, so an edited or deleted Secret is written again
// at once.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	k := connection.Kind(reg, func(c *connection.Conn) managed.External[*ptero.ServerDatabase] {
		return &external{kube: kube, live: mgr.GetAPIReader(), scheme: mgr.GetScheme(), conn: c}
	})
	k.WaitsFor = []managed.Reference{{Object: &ptero.GameServer{}, Field: index.ServerRef}}
	k.Owns = []client.Object{&corev1.Secret{}}
	return managed.Setup(mgr, k)
}
