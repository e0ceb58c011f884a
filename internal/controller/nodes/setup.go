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
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// Setup registers the PanelNode controller with the manager. Besides its own kind it watches its
// Panel and PanelLocation, so a node waiting for either goes on the moment it is ready, and the
// Wings config Secrets it owns, so one changed or deleted by hand is written again at once.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	events := mgr.GetEventRecorder("panelnode-controller")
	r := &managed.Reconciler[*ptero.PanelNode]{
		Client:    kube,
		Recorder:  events,
		NewObject: func() *ptero.PanelNode { return &ptero.PanelNode{} },
		Connector: connection.Connector[*ptero.PanelNode]{Registry: reg, NewExternal: func(c *connection.Conn) managed.External[*ptero.PanelNode] {
			return &external{kube: kube, conn: c, recorder: events, resolve: lookupIPv4}
		}},
		Classify: connection.Classify,
	}
	dependents := func() client.ObjectList { return &ptero.PanelNodeList{} }
	ready := builder.WithPredicates(index.ReadinessChanged())
	return ctrl.NewControllerManagedBy(mgr).Named("panelnode").
		For(&ptero.PanelNode{}, builder.WithPredicates(index.PrimaryChanged())).
		Owns(&corev1.Secret{}).
		Watches(&ptero.Panel{}, index.Referencing(kube, dependents, index.PanelRef), ready).
		Watches(&ptero.PanelLocation{}, index.Referencing(kube, dependents, index.LocationRef), ready).
		Complete(r)
}
