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

package index

import (
	"context"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// Referencing returns a handler that, for a changed object, enqueues every object of the listed
// kind whose field index holds its name. A namespaced object is referenced from its own
// namespace only (userRef, serverRef, passwordSecretRef); a cluster-scoped one from anywhere.
func Referencing(c client.Reader, newList func() client.ObjectList, field string) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, obj client.Object) []reconcile.Request {
		opts := []client.ListOption{client.MatchingFields{field: obj.GetName()}}
		if ns := obj.GetNamespace(); ns != "" {
			opts = append(opts, client.InNamespace(ns))
		}
		return list(ctx, c, newList(), opts...)
	})
}

// PanelsReadingSecret returns a handler that enqueues the Panels reading a changed Secret.
func PanelsReadingSecret(c client.Reader) handler.EventHandler {
	return handler.EnqueueRequestsFromMapFunc(func(ctx context.Context, obj client.Object) []reconcile.Request {
		key := obj.GetNamespace() + "/" + obj.GetName()
		return list(ctx, c, &ptero.PanelList{}, client.MatchingFields{PanelSecrets: key})
	})
}

// BoundTo returns the objects of the listed kind that stand for the panel object with id (a
// number or a UUID) of the Panel named panel, by the PanelObject index.
func BoundTo(ctx context.Context, c client.Reader, newList func() client.ObjectList, panel, id string) []reconcile.Request {
	return list(ctx, c, newList(), client.MatchingFields{PanelObject: PanelObjectKey(panel, id)})
}

func list(ctx context.Context, c client.Reader, l client.ObjectList, opts ...client.ListOption) []reconcile.Request {
	if err := c.List(ctx, l, opts...); err != nil {
		// The cache answers index lookups; an error here means the index is missing, a
		// programming error that the resync interval papers over. Say it loudly.
		log.FromContext(ctx).Error(err, "listing dependents")
		return nil
	}
	items, err := meta.ExtractList(l)
	if err != nil {
		log.FromContext(ctx).Error(err, "listing dependents")
		return nil
	}
	reqs := make([]reconcile.Request, 0, len(items))
	for _, item := range items {
		o, ok := item.(client.Object)
		if !ok {
			continue
		}
		reqs = append(reqs, reconcile.Request{NamespacedName: types.NamespacedName{Namespace: o.GetNamespace(), Name: o.GetName()}})
	}
	return reqs
}

// ReadinessChanged passes updates that may change what dependents see of an object: a new
// generation, a Ready condition that flipped, a new panel id, or a generation its controller has
// now acted on. It keeps a Panel's periodic status refresh from re-queueing every object that
// uses it.
//
// The last matters for a dependent the panel refused because of the referenced object (a
// database over its server's database limit): the edit that raises the limit wakes the dependent
// before the server's controller has sent it to the panel, so the panel refuses again and the
// dependent waits; it must be woken again once the change has been applied, when the server's
// status.observedGeneration catches up.
func ReadinessChanged() predicate.Predicate {
	return predicate.Funcs{
		UpdateFunc: func(e event.UpdateEvent) bool {
			if e.ObjectOld.GetGeneration() != e.ObjectNew.GetGeneration() {
				return true
			}
			return readiness(e.ObjectOld) != readiness(e.ObjectNew)
		},
	}
}

// readinessView is what dependents see of an object.
type readinessView struct {
	ready              metav1.ConditionStatus
	id                 int64
	observedGeneration int64
	// clientAPI is a Panel's ClientAPI condition: GameServers waiting for a clientKey
	// (ClientKeyRequired) go on the moment it works.
	clientAPI metav1.ConditionStatus
}

func readiness(o client.Object) readinessView {
	var conds []metav1.Condition
	var v readinessView
	switch t := o.(type) {
	case *ptero.Panel:
		conds = t.Status.Conditions
		if c := meta.FindStatusCondition(conds, ptero.ConditionClientAPI); c != nil {
			v.clientAPI = c.Status
		}
	case ptero.ManagedObject:
		st := t.GetManagedStatus()
		conds, v.id, v.observedGeneration = st.Conditions, st.ID, st.ObservedGeneration
	}
	v.ready = metav1.ConditionUnknown
	if c := meta.FindStatusCondition(conds, ptero.ConditionReady); c != nil {
		v.ready = c.Status
	}
	return v
}

// PrimaryChanged is the predicate of each controller's own kind: spec, annotations (paused,
// panel-id, reinstall, rotate-password) and labels. Status writes, ours included, do not
// trigger a reconcile; drift is found by the periodic requeue.
func PrimaryChanged() predicate.Predicate {
	return predicate.Or(predicate.GenerationChangedPredicate{}, predicate.AnnotationChangedPredicate{}, predicate.LabelChangedPredicate{})
}
