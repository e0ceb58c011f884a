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
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/recorder"
)

// StatusWriter is how a reconciler reports back: status patches, events, and the record of a
// failed reconcile. The managed reconciler and the Panel's share it, so that a failure looks
// and retries the same on every kind.
type StatusWriter struct {
	Client client.Client
	// Recorder records events; nil records none (unit tests).
	Recorder recorder.EventRecorder
}

// Patch writes o's status when it differs from orig, the object as it was read. An object
// deleted meanwhile has no status left to write.
func (w StatusWriter) Patch(ctx context.Context, o, orig client.Object) error {
	if equality.Semantic.DeepEqual(o, orig) {
		return nil
	}
	return client.IgnoreNotFound(w.Client.Status().Patch(ctx, o, client.MergeFrom(orig)))
}

// Event records an event about o.
func (w StatusWriter) Event(o client.Object, eventType, reason, action, note string, args ...any) {
	if w.Recorder != nil {
		w.Recorder.Eventf(o, nil, eventType, reason, action, note, args...)
	}
}

// Failed records a failed reconcile of o: the conditions RecordFailure sets, a Warning event when
// that is news to the reader of the first of types, and the status write.
// It returns when to try again: after f.RequeueAfter when set; not at all for a terminal failure
// (the spec, or an object a watch follows, has to change first); else after backoff(), or by the
// controller's exponential backoff when backoff is nil.
func (w StatusWriter) Failed(ctx context.Context, o, orig client.Object, conditions *[]metav1.Condition,
	f Failure, cause error, action string, backoff func() time.Duration, types ...string) (reconcile.Result, error) {
	log.FromContext(ctx).V(1).Info("reconcile failed", "reason", f.Reason, "error", f.Message)
	if RecordFailure(conditions, o.GetGeneration(), f, types...) {
		w.Event(o, corev1.EventTypeWarning, f.Reason, action, "%s", f.Message)
	}
	if err := w.Patch(ctx, o, orig); err != nil {
		return reconcile.Result{}, err
	}
	switch {
	case f.RequeueAfter > 0:
		return reconcile.Result{RequeueAfter: f.RequeueAfter}, nil
	case f.Terminal:
		return reconcile.Result{}, nil
	case backoff != nil:
		return reconcile.Result{RequeueAfter: backoff()}, nil
	}
	return reconcile.Result{}, fmt.Errorf("%s: %w", f.Reason, cause)
}

// RecordFailure sets every condition in types False with f's reason and message, and Stalled as
// f.NeedsAction says. It reports whether the first of types changed for a reader. The health
// checks' tests build their fixtures with it, so they see the conditions the reconcilers write.
func RecordFailure(conditions *[]metav1.Condition, generation int64, f Failure, types ...string) bool {
	news := false
	for i, t := range types {
		if SetCondition(conditions, generation, t, false, f.Reason, f.Message) && i == 0 {
			news = true
		}
	}
	SetStalled(conditions, generation, f.NeedsAction(), f.Reason, f.Message)
	return news
}
