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

package locations

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// Setup registers the PanelLocation controller with the manager. Besides its own kind it watches
// Panels, so locations waiting for theirs are re-queued the moment it becomes ready.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	r := &managed.Reconciler[*ptero.PanelLocation]{
		Client:    kube,
		Recorder:  mgr.GetEventRecorder("panellocation-controller"),
		NewObject: func() *ptero.PanelLocation { return &ptero.PanelLocation{} },
		Connector: connection.Connector[*ptero.PanelLocation]{Registry: reg, NewExternal: func(c *connection.Conn) managed.External[*ptero.PanelLocation] {
			return &external{conn: c}
		}},
		Classify: connection.Classify,
	}
	return ctrl.NewControllerManagedBy(mgr).Named("panellocation").
		For(&ptero.PanelLocation{}, builder.WithPredicates(index.PrimaryChanged())).
		Watches(&ptero.Panel{}, index.Referencing(kube, func() client.ObjectList { return &ptero.PanelLocationList{} }, index.PanelRef),
			builder.WithPredicates(index.ReadinessChanged())).
		Complete(r)
}
