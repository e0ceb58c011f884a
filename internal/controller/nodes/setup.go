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
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panelnodes,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panelnodes/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panelnodes/finalizers,verbs=update

// Setup registers the PanelNode controller with the manager. A node waits for its Panel and
// PanelLocation, and owns its Wings config Secret, so one changed or deleted by hand is written
// again at once.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	events, err := managed.Recorder[*ptero.PanelNode](mgr)
	if err != nil {
		return err
	}
	k := connection.Kind(reg, func(c *connection.Conn) managed.External[*ptero.PanelNode] {
		return &external{kube: kube, conn: c, recorder: events, resolve: lookupIPv4}
	})
	k.WaitsFor = []managed.Reference{{Object: &ptero.PanelLocation{}, Field: index.LocationRef}}
	k.Owns = []client.Object{&corev1.Secret{}}
	k.Drift = reg.Drift(connection.NodesCollection)
	return managed.Setup(mgr, k)
}
