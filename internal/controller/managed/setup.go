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

package managed

import (
	"context"
	"reflect"
	"strings"
	"time"

	"golang.org/x/time/rate"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/util/workqueue"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	"sigs.k8s.io/controller-runtime/pkg/controller"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/recorder"
	"sigs.k8s.io/controller-runtime/pkg/source"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
)

// Kind is what a panel-backed kind tells Setup about itself; everything else about its
// controller is the same for every kind.
type Kind[O Object] struct {
	// Connector opens an object's panel connection and builds its External.
	Connector Connector[O]
	// Classify recognises panel errors (connection.Kind sets the one classifier there is).
	Classify Classifier
	// WaitsFor are the objects of this operator the kind references besides its Panel, by the
	// field index that holds their names: an object waiting for one (ReferenceNotReady) is
	// re-queued the moment it changes readiness.
	WaitsFor []Reference
	// Owns are the kinds of objects it creates (Secrets), re-queued when they change.
	Owns []client.Object
	// Drift, when set, is the source that re-queues objects whose panel object changed in the
	// panel (connection.Registry.Drift), given the cache and how to list the kind.
	Drift func(kube client.Reader, newList func() client.ObjectList) source.Source
	// Forget, when set, is told of every object gone from the API server, whatever took it
	// (a panel delete, deletionPolicy Orphan, or its Panel gone), to drop what the kind keeps
	// about it in memory.
	Forget func(o client.Object)
}

// Reference is one kind an object can wait for, and the index of the field naming it.
type Reference struct {
	Object client.Object
	Field  string
	// Predicate filters its events; nil passes changes of readiness (index.ReadinessChanged).
	Predicate predicate.Predicate
}

// Setup registers the controller of O with the manager: named after the kind, watching its own
// objects, the Panel and the other objects it waits for, and what it owns.
func Setup[O Object](mgr ctrl.Manager, k Kind[O]) error {
	proto := newObject[O]()
	kind, newList, err := Lists(mgr.GetScheme(), proto)
	if err != nil {
		return err
	}
	name := strings.ToLower(kind)
	r := &Reconciler[O]{
		Client:    mgr.GetClient(),
		Recorder:  mgr.GetEventRecorder(name + "-controller"),
		NewObject: newObject[O],
		Connector: k.Connector,
		Classify:  k.Classify,
	}
	b := ctrl.NewControllerManagedBy(mgr).Named(name).
		For(proto, builder.WithPredicates(index.PrimaryChanged())).
		WithOptions(controller.Options{RateLimiter: rateLimiter()})
	for _, ref := range append([]Reference{{Object: &ptero.Panel{}, Field: index.PanelRef}}, k.WaitsFor...) {
		p := ref.Predicate
		if p == nil {
			p = index.ReadinessChanged()
		}
		b = b.Watches(ref.Object, index.Referencing(mgr.GetClient(), newList, ref.Field), builder.WithPredicates(p))
	}
	for _, o := range k.Owns {
		b = b.Owns(o)
	}
	if k.Drift != nil {
		b = b.WatchesRawSource(k.Drift(mgr.GetClient(), newList))
	}
	if k.Forget != nil {
		b = b.Watches(proto, forgetOnDelete(k.Forget))
	}
	return b.Complete(r)
}

// forgetOnDelete passes each deleted object to forget, and queues nothing: the reconciler has
// nothing left to do for an object that is gone.
func forgetOnDelete(forget func(client.Object)) handler.EventHandler {
	return handler.Funcs{
		DeleteFunc: func(_ context.Context, e event.DeleteEvent, _ workqueue.TypedRateLimitingInterface[reconcile.Request]) {
			forget(e.Object)
		},
	}
}

// Recorder returns the event recorder of O's controller, for a kind whose External records
// events of its own.
func Recorder[O Object](mgr ctrl.Manager) (recorder.EventRecorder, error) {
	kind, _, err := Lists(mgr.GetScheme(), newObject[O]())
	if err != nil {
		return nil, err
	}
	return mgr.GetEventRecorder(strings.ToLower(kind) + "-controller"), nil
}

// Lists returns the kind of o, as the scheme names it, and how to make an empty list of that
// kind, so that nothing lists the kinds by hand.
func Lists(scheme *runtime.Scheme, o client.Object) (kind string, newList func() client.ObjectList, err error) {
	gvk, err := apiutil.GVKForObject(o, scheme)
	if err != nil {
		return "", nil, err
	}
	listKind := gvk.GroupVersion().WithKind(gvk.Kind + "List")
	if _, err := scheme.New(listKind); err != nil {
		return "", nil, err
	}
	return gvk.Kind, func() client.ObjectList {
		l, _ := scheme.New(listKind) // checked above
		return l.(client.ObjectList)
	}, nil
}

// newObject returns a new, empty O. O is always a pointer to one of the API's structs.
func newObject[O Object]() O {
	return reflect.New(reflect.TypeFor[O]().Elem()).Interface().(O)
}

// maxBackoff caps the exponential backoff of transient failures. controller-runtime's default
// grows to 1000s; an object whose panel came back would then wait a quarter of an hour, longer
// than the sync interval that finds drift.
const maxBackoff = ptero.DefaultSyncInterval

// rateLimiter is controller-runtime's default limiter with the backoff capped at maxBackoff:
// per object, 5ms doubling, and 10/s overall with bursts of 100.
func rateLimiter() workqueue.TypedRateLimiter[reconcile.Request] {
	return workqueue.NewTypedMaxOfRateLimiter(
		workqueue.NewTypedItemExponentialFailureRateLimiter[reconcile.Request](5*time.Millisecond, maxBackoff),
		&workqueue.TypedBucketRateLimiter[reconcile.Request]{Limiter: rate.NewLimiter(rate.Limit(10), 100)},
	)
}
