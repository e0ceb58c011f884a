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

package users

import (
	corev1 "k8s.io/api/core/v1"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/predicate"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// Setup registers the PanelUser controller with the manager. Besides its own kind it watches its
// Panel and the password Secrets users name, so a changed password is pushed at once and a user
// waiting for its Secret goes on the moment it appears.
func Setup(mgr ctrl.Manager, reg *connection.Registry) error {
	kube := mgr.GetClient()
	r := &managed.Reconciler[*ptero.PanelUser]{
		Client:    kube,
		Recorder:  mgr.GetEventRecorder("paneluser-controller"),
		NewObject: func() *ptero.PanelUser { return &ptero.PanelUser{} },
		Connector: connection.Connector[*ptero.PanelUser]{Registry: reg, NewExternal: func(c *connection.Conn) managed.External[*ptero.PanelUser] {
			return &external{kube: kube, conn: c}
		}},
		Classify: connection.Classify,
	}
	dependents := func() client.ObjectList { return &ptero.PanelUserList{} }
	return ctrl.NewControllerManagedBy(mgr).Named("paneluser").
		For(&ptero.PanelUser{}, builder.WithPredicates(index.PrimaryChanged())).
		Watches(&ptero.Panel{}, index.Referencing(kube, dependents, index.PanelRef), builder.WithPredicates(index.ReadinessChanged())).
		Watches(&corev1.Secret{}, index.Referencing(kube, dependents, index.PasswordSecret), builder.WithPredicates(predicate.ResourceVersionChangedPredicate{})).
		Complete(r)
}
