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

package gameservers

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/predicate"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// The permissions of this kind's controller, generated into config/rbac/role.yaml.
//
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=gameservers,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=gameservers/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=gameservers/finalizers,verbs=update
// +kubebuilder:rbac:groups="",resources=configmaps,verbs=get;list;watch

// Setup registers the GameServer controller with the manager. A server waits for what it
// references — its Panel, owner, node and deploy locations — and is re-queued the moment one of
// them becomes ready.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	recorder, err := managed.Recorder[*ptero.GameServer](mgr)
	if err != nil {
		return err
	}
	power := newPowerTracker()
	k := connection.Kind(reg, func(c *connection.Conn) managed.External[*ptero.GameServer] {
		return &external{kube: kube, conn: c, power: power, events: recorder}
	})
	k.WaitsFor = []managed.Reference{
		{Object: &ptero.PanelUser{}, Field: index.OwnerRef},
		{Object: &ptero.PanelNode{}, Field: index.NodeRef},
		{Object: &ptero.PanelLocation{}, Field: index.DeployLocation},
		// A file's source changing re-writes the file.
		{Object: &corev1.ConfigMap{}, Field: index.FileConfigMap, Predicate: predicate.ResourceVersionChangedPredicate{}},
		{Object: &corev1.Secret{}, Field: index.FileSecret, Predicate: predicate.ResourceVersionChangedPredicate{}},
	}
	k.Drift = reg.Drift(connection.ServersCollection)
	k.Forget = func(o client.Object) { power.forget(o.GetUID()) }
	return managed.Setup(mgr, k)
}
