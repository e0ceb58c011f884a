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
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// Setup registers the ServerDatabase controller with the manager. It watches the Panel and the
// GameServer a database belongs to (re-queued when they become ready), and the connection
// Secrets it owns, so an edited or deleted Secret is written again at once.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	r := &managed.Reconciler[*ptero.ServerDatabase]{
		Client:    kube,
		Recorder:  mgr.GetEventRecorder("serverdatabase-controller"),
		NewObject: func() *ptero.ServerDatabase { return &ptero.ServerDatabase{} },
		Connector: connection.Connector[*ptero.ServerDatabase]{Registry: reg, NewExternal: func(c *connection.Conn) managed.External[*ptero.ServerDatabase] {
			return &external{kube: kube, live: mgr.GetAPIReader(), scheme: mgr.GetScheme(), conn: c}
		}},
		Classify: connection.Classify,
	}
	dependents := func() client.ObjectList { return &ptero.ServerDatabaseList{} }
	ready := builder.WithPredicates(index.ReadinessChanged())
	return ctrl.NewControllerManagedBy(mgr).Named("serverdatabase").
		For(&ptero.ServerDatabase{}, builder.WithPredicates(index.PrimaryChanged())).
		Watches(&ptero.Panel{}, index.Referencing(kube, dependents, index.PanelRef), ready).
		Watches(&ptero.GameServer{}, index.Referencing(kube, dependents, index.ServerRef), ready).
		Owns(&corev1.Secret{}).
		Complete(r)
}
