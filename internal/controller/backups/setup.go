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

// Package backups reconciles ServerBackups: a backup of a game server, made once by the panel
// through its client API, kept locked or unlocked, restored on request and deleted with its object.
package backups

import (
	ctrl "sigs.k8s.io/controller-runtime"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// The permissions of this kind's controller, generated into config/rbac/role.yaml.
//
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverbackups,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverbackups/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=serverbackups/finalizers,verbs=update

// Setup registers the ServerBackup controller with the manager. A backup waits for its Panel and
// its GameServer (installed), and is woken the moment the server becomes Ready.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	k := connection.Kind(reg, func(c *connection.Conn) managed.External[*ptero.ServerBackup] {
		return &external{kube: kube, conn: c}
	})
	k.WaitsFor = []managed.Reference{{Object: &ptero.GameServer{}, Field: index.ServerRef}}
	return managed.Setup(mgr, k)
}
