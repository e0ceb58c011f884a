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
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/recorder"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// createdPoll is how soon a freshly created or updated object is observed again, to report
// Ready from what the panel says rather than from what we asked for. Soon: with the snapshot,
// that look reads the write's answer from the copy and costs no request.
const createdPoll = 100 * time.Millisecond

// Reconciler drives one panel-backed kind. Setup builds one per kind.
type Reconciler[O Object] struct {
	Client    client.Client
	Recorder  recorder.EventRecorder
	NewObject func() O
	Connector Connector[O]
	// Classify recognises panel errors; see Failure.
	Classify Classifier
}

func (r *Reconciler[O]) status() StatusWriter {
	return StatusWriter{Client: r.Client, Recorder: r.Recorder}
}

// Reconcile implements reconcile.Reconciler.
func (r *Reconciler[O]) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	o := r.NewObject()
	if err := r.Client.Get(ctx, req.NamespacedName, o); err != nil {
		return reconcile.Result{}, client.IgnoreNotFound(err)
	}
	orig := o.DeepCopyObject().(O)

	if o.GetAnnotations()[ptero.AnnotationPaused] == "true" {
		r.setSynced(o, false, ptero.ReasonPaused, "Reconciliation is paused by the "+ptero.AnnotationPaused+
			" annotation. Remove it (or set it to anything but \"true\") to resume.")
		return reconcile.Result{}, r.patchStatus(ctx, o, orig)
	}

	deleting := !o.GetDeletionTimestamp().IsZero()
	if deleting && !r.needsPanelToDelete(o) {
		return reconcile.Result{}, r.removeFinalizer(ctx, o)
	}

	ext, conn, err := r.Connector.Connect(ctx, o)
	if err != nil {
		return r.fail(ctx, o, orig, err, ptero.DefaultSyncInterval, deleting)
	}
	// The panel calls get a deadline of their own, so a panel that accepts connections and never
	// answers releases this worker; the status writes below keep the unbounded ctx, so the
	// failure is still recorded after the deadline.
	panelCtx, cancel := context.WithTimeout(ctx, conn.ReconcileTimeout())
	defer cancel()
	if deleting {
		return r.delete(ctx, panelCtx, o, orig, ext, conn)
	}

	if controllerutil.AddFinalizer(o, ptero.Finalizer) {
		if err := r.Client.Update(ctx, o); err != nil {
			return reconcile.Result{}, err
		}
		orig = o.DeepCopyObject().(O)
	}

	obs, err := ext.Observe(panelCtx, o)
	if err != nil {
		return r.fail(ctx, o, orig, err, conn.SyncInterval(), false)
	}

	switch {
	case !obs.Exists:
		if err := ext.Create(panelCtx, o); err != nil {
			return r.fail(ctx, o, orig, err, conn.SyncInterval(), false)
		}
		r.event(o, corev1.EventTypeNormal, "Created", "Create", "Created panel object %s", o.GetPanelIdentity())
		r.setSynced(o, true, ptero.ReasonReconcileSuccess, "Created in the panel.")
		r.setReady(o, false, ptero.ReasonCreating, "Created; waiting for the panel to report it.")
		r.setStalled(o, false, "", "")
		return reconcile.Result{RequeueAfter: createdPoll}, r.patchStatus(ctx, o, orig)

	case !obs.UpToDate:
		if err := ext.Update(panelCtx, o); err != nil {
			return r.fail(ctx, o, orig, err, conn.SyncInterval(), false)
		}
		r.event(o, corev1.EventTypeNormal, "Updated", "Update", "Updated panel object %s to match the spec", o.GetPanelIdentity())
		r.setSynced(o, true, ptero.ReasonReconcileSuccess, "Updated the panel to match the spec.")
		r.setStalled(o, false, "", "")
		return reconcile.Result{RequeueAfter: createdPoll}, r.patchStatus(ctx, o, orig)
	}

	r.setSynced(o, true, ptero.ReasonReconcileSuccess, "The panel matches the spec.")
	if obs.NotReadyReason != "" {
		r.setReady(o, false, obs.NotReadyReason, obs.NotReadyMessage)
	} else {
		r.setReady(o, true, ptero.ReasonAvailable, "The panel object exists and matches the spec.")
	}
	r.setStalled(o, obs.Stalled && obs.NotReadyReason != "", obs.NotReadyReason, obs.NotReadyMessage)
	next := wait.Jitter(conn.SyncInterval(), 0.1)
	if obs.PollAfter > 0 && obs.PollAfter < next {
		next = obs.PollAfter
	}
	return reconcile.Result{RequeueAfter: next}, r.patchStatus(ctx, o, orig)
}

// needsPanelToDelete is false when deletion is purely a Kubernetes matter: the panel object is
// kept (Orphan), or was never created. Those objects go away even when their Panel is gone.
func (r *Reconciler[O]) needsPanelToDelete(o O) bool {
	return controllerutil.ContainsFinalizer(o, ptero.Finalizer) &&
		o.GetManagedSpec().GetDeletionPolicy() == ptero.DeletionPolicyDelete &&
		!o.GetPanelIdentity().IsZero()
}

func (r *Reconciler[O]) delete(ctx, panelCtx context.Context, o, orig O, ext External[O], conn Connection) (reconcile.Result, error) {
	id := o.GetPanelIdentity()
	if err := ext.Delete(panelCtx, o); err != nil {
		return r.fail(ctx, o, orig, err, conn.SyncInterval(), true)
	}
	r.event(o, corev1.EventTypeNormal, "Deleted", "Delete", "Deleted panel object %s", id)
	return reconcile.Result{}, r.removeFinalizer(ctx, o)
}

func (r *Reconciler[O]) removeFinalizer(ctx context.Context, o O) error {
	if !controllerutil.RemoveFinalizer(o, ptero.Finalizer) {
		return nil
	}
	if id := o.GetPanelIdentity(); o.GetManagedSpec().GetDeletionPolicy() == ptero.DeletionPolicyOrphan && !id.IsZero() {
		r.event(o, corev1.EventTypeNormal, "Orphaned", "Delete", "Left panel object %s in the panel (deletionPolicy: Orphan)", id)
	}
	return client.IgnoreNotFound(r.Client.Update(ctx, o))
}

// fail records err on the object and decides when to try again. While deleting, nothing is
// terminal: a node whose servers are still being deleted refuses, then succeeds. Ready is never
// True while Synced is False: GitOps tools read Ready as health, and a spec the panel refuses must
// not look healthy.
func (r *Reconciler[O]) fail(ctx context.Context, o, orig O, err error, syncInterval time.Duration, deleting bool) (reconcile.Result, error) {
	f := ClassifyError(err, r.Classify, syncInterval)
	// Nor does a deletion wait for a person: kstatus and Argo CD report a deleting object by its
	// deletionTimestamp anyway.
	f.Terminal = f.Terminal && !deleting
	f.Stalled = f.Stalled && !deleting
	o.GetManagedStatus().ObservedGeneration = o.GetGeneration()
	return r.status().Failed(ctx, o, orig, &o.GetManagedStatus().Conditions, f, err, "Reconcile", nil,
		ptero.ConditionSynced, ptero.ConditionReady)
}

// setSynced sets the Synced condition and reports whether it changed.
func (r *Reconciler[O]) setSynced(o O, ok bool, reason, message string) bool {
	return setCondition(o, ptero.ConditionSynced, ok, reason, message)
}

func (r *Reconciler[O]) setReady(o O, ok bool, reason, message string) bool {
	return setCondition(o, ptero.ConditionReady, ok, reason, message)
}

func (r *Reconciler[O]) setStalled(o O, stalled bool, reason, message string) bool {
	return SetStalled(&o.GetManagedStatus().Conditions, o.GetGeneration(), stalled, reason, message)
}

func (r *Reconciler[O]) patchStatus(ctx context.Context, o, orig O) error {
	o.GetManagedStatus().ObservedGeneration = o.GetGeneration()
	return r.status().Patch(ctx, o, orig)
}

func (r *Reconciler[O]) event(o O, eventType, reason, action, note string, args ...any) {
	r.status().Event(o, eventType, reason, action, note, args...)
}
