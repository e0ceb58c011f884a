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

package schedules

import (
	ctrl "sigs.k8s.io/controller-runtime"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// The permissions of this kind's controller, generated into config/rbac/role.yaml.
//
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverschedules,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverschedules/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverschedules/finalizers,verbs=update

// Setup registers the ServerSchedule controller with the manager. A schedule waits for its Panel
// and its GameServer: one waiting with ReferenceNotReady is woken the moment its server changes
// (becomes Ready, gets its identifier), through the serverRef index.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	k := connection.Kind(reg, func(c *connection.Conn) managed.External[*ptero.ServerSchedule] {
		return &external{kube: kube, conn: c}
	})
	k.WaitsFor = []managed.Reference{{Object: &ptero.GameServer{}, Field: index.ServerRef}}
	return managed.Setup(mgr, k)
}
