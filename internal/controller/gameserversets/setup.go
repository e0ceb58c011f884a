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

package gameserversets

import (
	"context"

	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// The permissions of this kind's controller, generated into config/rbac/role.yaml. It creates
// and deletes GameServers, which the GameServer controller then drives.
//
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=gameserversets,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=gameserversets/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=gameserversets/finalizers,verbs=update
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=gameservers,verbs=create;delete

// maxConcurrentReconciles: sets reconcile side by side; their placements take one lock.
const maxConcurrentReconciles = 4

// Setup registers the GameServerSet controller. A set is woken by its replicas (which it owns),
// by any PanelNode change (a node joining, leaving or relabelled changes where replicas fit) and
// by its Panel becoming Ready.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	r := &reconciler{
		kube:     kube,
		replicas: mgr.GetAPIReader(),
		reg:      reg,
		status:   managed.StatusWriter{Client: kube, Recorder: mgr.GetEventRecorder("gameserverset-controller")},
		ledger:   newLedger(),
	}
	return ctrl.NewControllerManagedBy(mgr).Named("gameserverset").
		For(&ptero.GameServerSet{}, builder.WithPredicates(index.PrimaryChanged())).
		Owns(&ptero.GameServer{}).
		Watches(&ptero.PanelNode{}, everySet(kube)).
		Watches(&ptero.Panel{}, everySet(kube), builder.WithPredicates(index.ReadinessChanged())).
		WithOptions(controller.Options{MaxConcurrentReconciles: maxConcurrentReconciles}).
		Complete(r)
}

// everySet enqueues every GameServerSet: nodes and Panels are cluster-scoped, and which sets
// they concern depends on selectors that are cheaper to evaluate in the reconcile.
func everySet(c client.Reader) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, _ client.Object) []reconcile.Request {
		sets := &ptero.GameServerSetList{}
		if err := c.List(ctx, sets); err != nil {
			log.FromContext(ctx).Error(err, "listing GameServerSets")
			return nil
		}
		reqs := make([]reconcile.Request, 0, len(sets.Items))
		for _, s := range sets.Items {
			reqs = append(reqs, reconcile.Request{NamespacedName: client.ObjectKeyFromObject(&s)})
		}
		return reqs
	})
}
