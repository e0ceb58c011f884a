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
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// Setup registers the GameServer controller with the manager. Besides its own kind it watches
// what a server references — its Panel, owner, node and deploy locations — so a server waiting
// for one of them is re-queued the moment it becomes ready.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	r := &managed.Reconciler[*ptero.GameServer]{
		Client:    kube,
		Recorder:  mgr.GetEventRecorder("gameserver-controller"),
		NewObject: func() *ptero.GameServer { return &ptero.GameServer{} },
		Connector: connection.Connector[*ptero.GameServer]{Registry: reg, NewExternal: func(c *connection.Conn) managed.External[*ptero.GameServer] {
			return &external{kube: kube, conn: c}
		}},
		Classify: connection.Classify,
	}
	dependents := func() client.ObjectList { return &ptero.GameServerList{} }
	ready := builder.WithPredicates(index.ReadinessChanged())
	return ctrl.NewControllerManagedBy(mgr).Named("gameserver").
		For(&ptero.GameServer{}, builder.WithPredicates(index.PrimaryChanged())).
		Watches(&ptero.Panel{}, index.Referencing(kube, dependents, index.PanelRef), ready).
		Watches(&ptero.PanelUser{}, index.Referencing(kube, dependents, index.OwnerRef), ready).
		Watches(&ptero.PanelNode{}, index.Referencing(kube, dependents, index.NodeRef), ready).
		Watches(&ptero.PanelLocation{}, index.Referencing(kube, dependents, index.DeployLocation), ready).
		Complete(r)
}
