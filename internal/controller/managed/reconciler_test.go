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
	"errors"
	"fmt"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// fakePanel is an External whose panel holds at most one location.
type fakePanel struct {
	exists, upToDate bool
	refuseUpdates    bool
	err              error // returned by the next call, whichever it is
	calls            []string
}

func (f *fakePanel) call(name string) error {
	f.calls = append(f.calls, name)
	err := f.err
	f.err = nil
	return err
}

func (f *fakePanel) Observe(_ context.Context, _ *ptero.PanelLocation) (Observation, error) {
	if err := f.call("observe"); err != nil {
		return Observation{}, err
	}
	return Observation{Exists: f.exists, UpToDate: f.upToDate}, nil
}

func (f *fakePanel) Create(_ context.Context, o *ptero.PanelLocation) error {
	if err := f.call("create"); err != nil {
		return err
	}
	f.exists, f.upToDate = true, true
	o.Status.ID = 7
	return nil
}

func (f *fakePanel) Update(context.Context, *ptero.PanelLocation) error {
	if err := f.call("update"); err != nil {
		return err
	}
	if f.refuseUpdates {
		return errRejected
	}
	f.upToDate = true
	return nil
}

func (f *fakePanel) Delete(context.Context, *ptero.PanelLocation) error {
	if err := f.call("delete"); err != nil {
		return err
	}
	f.exists = false
	return nil
}

type fixedConnection struct{}

func (fixedConnection) SyncInterval() time.Duration { return time.Minute }

func (fixedConnection) ReconcileTimeout() time.Duration { return time.Minute }

type connector struct {
	ext *fakePanel
	err error
}

func (c connector) Connect(context.Context, *ptero.PanelLocation) (External[*ptero.PanelLocation], Connection, error) {
	if c.err != nil {
		return nil, nil, c.err
	}
	return c.ext, fixedConnection{}, nil
}

var errRejected = errors.New("the short field is required")

func classifyRejected(err error) (Failure, bool) {
	if errors.Is(err, errRejected) {
		return Failure{Reason: ptero.ReasonPanelRejected, Message: err.Error(), Terminal: true}, true
	}
	return Failure{}, false
}

type harness struct {
	t      *testing.T
	client client.Client
	panel  *fakePanel
	r      *Reconciler[*ptero.PanelLocation]
}

func newHarness(t *testing.T, objs ...client.Object) *harness {
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	c := fake.NewClientBuilder().WithScheme(scheme).WithObjects(objs...).
		WithStatusSubresource(&ptero.PanelLocation{}).Build()
	p := &fakePanel{}
	return &harness{t: t, client: c, panel: p, r: &Reconciler[*ptero.PanelLocation]{
		Client:    c,
		NewObject: func() *ptero.PanelLocation { return &ptero.PanelLocation{} },
		Connector: connector{ext: p},
		Classify:  classifyRejected,
	}}
}

func location(name string) *ptero.PanelLocation {
	return &ptero.PanelLocation{
		ObjectMeta: metav1.ObjectMeta{Name: name, Generation: 1},
		Spec:       ptero.PanelLocationSpec{Short: name},
	}
}

func (h *harness) reconcile(name string) (reconcile.Result, error) {
	return h.r.Reconcile(context.Background(), reconcile.Request{NamespacedName: types.NamespacedName{Name: name}})
}

func (h *harness) get(name string) *ptero.PanelLocation {
	o := &ptero.PanelLocation{}
	if err := h.client.Get(context.Background(), types.NamespacedName{Name: name}, o); err != nil {
		h.t.Fatalf("get %s: %v", name, err)
	}
	return o
}

func condition(o *ptero.PanelLocation, t string) metav1.Condition {
	c := meta.FindStatusCondition(o.Status.Conditions, t)
	if c == nil {
		return metav1.Condition{}
	}
	return *c
}

func TestCreatesOnceThenReportsReady(t *testing.T) {
	h := newHarness(t, location("us-east"))

	res, err := h.reconcile("us-east")
	if err != nil || res.RequeueAfter == 0 {
		t.Fatalf("first reconcile: %v, %+v; want a prompt requeue", err, res)
	}
	o := h.get("us-east")
	if o.Status.ID != 7 || !controllerutil.ContainsFinalizer(o, ptero.Finalizer) {
		t.Fatalf("after create: id %d, finalizers %v", o.Status.ID, o.Finalizers)
	}
	if c := condition(o, ptero.ConditionReady); c.Status != metav1.ConditionFalse || c.Reason != ptero.ReasonCreating {
		t.Fatalf("Ready after create = %+v", c)
	}

	res, err = h.reconcile("us-east")
	if err != nil {
		t.Fatal(err)
	}
	o = h.get("us-east")
	if c := condition(o, ptero.ConditionReady); c.Status != metav1.ConditionTrue || c.ObservedGeneration != 1 {
		t.Fatalf("Ready after observe = %+v", c)
	}
	if res.RequeueAfter < 54*time.Second || res.RequeueAfter > 66*time.Second {
		t.Fatalf("in-sync requeue = %v, want the sync interval ±10%%", res.RequeueAfter)
	}
	if got := h.panel.calls; len(got) != 3 || got[1] != "create" || got[2] != "observe" {
		t.Fatalf("panel calls = %v, want observe, create, observe", got)
	}
}

func TestUpdatesOnlyWhatDiffers(t *testing.T) {
	o := location("us-east")
	o.Finalizers = []string{ptero.Finalizer}
	o.Status.ID = 7
	h := newHarness(t, o)
	h.panel.exists = true

	if _, err := h.reconcile("us-east"); err != nil {
		t.Fatal(err)
	}
	if got := h.panel.calls; len(got) != 2 || got[1] != "update" {
		t.Fatalf("panel calls = %v, want observe, update", got)
	}
	if _, err := h.reconcile("us-east"); err != nil {
		t.Fatal(err)
	}
	if got := h.panel.calls; len(got) != 3 {
		t.Fatalf("in sync, panel calls = %v, want one more observe only", got)
	}
}

func TestRejectedSpecIsNotRetriedAndNeverReady(t *testing.T) {
	o := location("us-east")
	o.Finalizers = []string{ptero.Finalizer}
	o.Status.ID = 7
	o.Status.Conditions = []metav1.Condition{{Type: ptero.ConditionReady, Status: metav1.ConditionTrue, Reason: ptero.ReasonAvailable, LastTransitionTime: metav1.Now()}}
	h := newHarness(t, o)
	h.panel.exists = true
	h.panel.refuseUpdates = true

	res, err := h.reconcile("us-east")
	if err != nil || res.RequeueAfter != 0 {
		t.Fatalf("rejected spec: err %v, result %+v; want no retry", err, res)
	}
	got := h.get("us-east")
	synced, ready := condition(got, ptero.ConditionSynced), condition(got, ptero.ConditionReady)
	if synced.Status != metav1.ConditionFalse || synced.Reason != ptero.ReasonPanelRejected || synced.Message != errRejected.Error() {
		t.Fatalf("Synced = %+v", synced)
	}
	if ready.Status != metav1.ConditionFalse {
		t.Fatalf("Ready = %+v; must not stay True while Synced is False", ready)
	}
	if stalled := condition(got, ptero.ConditionStalled); stalled.Status != metav1.ConditionTrue || stalled.Reason != ptero.ReasonPanelRejected {
		t.Fatalf("Stalled = %+v; a refused spec waits for a person", stalled)
	}

	// The spec is fixed: Stalled goes away (absent, as kstatus expects), Ready comes back.
	h.panel.refuseUpdates = false
	if _, err := h.reconcile("us-east"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.reconcile("us-east"); err != nil {
		t.Fatal(err)
	}
	got = h.get("us-east")
	if c := meta.FindStatusCondition(got.Status.Conditions, ptero.ConditionStalled); c != nil {
		t.Fatalf("Stalled = %+v after the panel accepted the spec; want none", c)
	}
	if ready := condition(got, ptero.ConditionReady); ready.Status != metav1.ConditionTrue {
		t.Fatalf("Ready = %+v after the panel accepted the spec", ready)
	}
}

func TestOnlyFailuresThatWaitForAPersonStall(t *testing.T) {
	for _, tc := range []struct {
		name    string
		failure Failure
		stalled bool
	}{
		{"terminal", Failure{Reason: ptero.ReasonInvalidSpec, Terminal: true}, true},
		{"retried on a timer but waiting for a new key", Failure{Reason: ptero.ReasonUnauthorized, Stalled: true, RequeueAfter: time.Minute}, true},
		{"transient", Failure{Reason: ptero.ReasonPanelUnavailable}, false},
		{"waiting for a reference", Failure{Reason: ptero.ReasonReferenceNotReady, RequeueAfter: time.Minute}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var conditions []metav1.Condition
			RecordFailure(&conditions, 3, tc.failure, ptero.ConditionSynced, ptero.ConditionReady)
			c := meta.FindStatusCondition(conditions, ptero.ConditionStalled)
			if got := c != nil && c.Status == metav1.ConditionTrue; got != tc.stalled {
				t.Fatalf("Stalled = %+v, want stalled %t", c, tc.stalled)
			}
			if c != nil && (c.Reason != tc.failure.Reason || c.ObservedGeneration != 3) {
				t.Fatalf("Stalled = %+v, want reason %s at generation 3", c, tc.failure.Reason)
			}
		})
	}
}

func TestDeletionNeverStalls(t *testing.T) {
	o := location("us-east")
	o.Finalizers = []string{ptero.Finalizer}
	o.Status.ID = 7
	h := newHarness(t, o)
	h.r.Classify = func(error) (Failure, bool) {
		return Failure{Reason: ptero.ReasonUnauthorized, Stalled: true, RequeueAfter: time.Minute}, true
	}
	if err := h.client.Delete(context.Background(), h.get("us-east")); err != nil {
		t.Fatal(err)
	}
	h.panel.exists = true
	h.panel.err = errors.New("401")
	if _, err := h.reconcile("us-east"); err != nil {
		t.Fatal(err)
	}
	if c := meta.FindStatusCondition(h.get("us-east").Status.Conditions, ptero.ConditionStalled); c != nil {
		t.Fatalf("Stalled = %+v while deleting; want none", c)
	}
}

func TestTransientErrorsBackOff(t *testing.T) {
	h := newHarness(t, location("us-east"))
	h.panel.err = errors.New("connection refused")

	_, err := h.reconcile("us-east")
	if err == nil {
		t.Fatal("a transient error must be returned so the controller backs off")
	}
	if c := condition(h.get("us-east"), ptero.ConditionSynced); c.Reason != ptero.ReasonPanelUnavailable {
		t.Fatalf("Synced = %+v", c)
	}
}

func TestMissingReferenceWaitsForItsWatch(t *testing.T) {
	h := newHarness(t, location("us-east"))
	h.r.Connector = connector{err: NotReady("Panel", "default", "its keys were refused")}

	res, err := h.reconcile("us-east")
	if err != nil || res.RequeueAfter != ptero.DefaultSyncInterval {
		t.Fatalf("got %v, %+v; want a safety-net requeue only", err, res)
	}
	if c := condition(h.get("us-east"), ptero.ConditionSynced); c.Reason != ptero.ReasonPanelNotReady {
		t.Fatalf("Synced = %+v", c)
	}
}

func TestPausedObjectsAreLeftAlone(t *testing.T) {
	o := location("us-east")
	o.Annotations = map[string]string{ptero.AnnotationPaused: "true"}
	h := newHarness(t, o)

	if _, err := h.reconcile("us-east"); err != nil {
		t.Fatal(err)
	}
	if len(h.panel.calls) != 0 {
		t.Fatalf("paused object reached the panel: %v", h.panel.calls)
	}
	if c := condition(h.get("us-east"), ptero.ConditionSynced); c.Reason != ptero.ReasonPaused {
		t.Fatalf("Synced = %+v", c)
	}
}

func TestDeletion(t *testing.T) {
	for _, tc := range []struct {
		policy      ptero.DeletionPolicy
		wantDeleted bool
	}{
		{ptero.DeletionPolicyDelete, true},
		{ptero.DeletionPolicyOrphan, false},
	} {
		t.Run(string(tc.policy), func(t *testing.T) {
			o := location("us-east")
			o.Finalizers = []string{ptero.Finalizer}
			o.Spec.DeletionPolicy = tc.policy
			o.Status.ID = 7
			h := newHarness(t, o)
			h.panel.exists = true
			if err := h.client.Delete(context.Background(), o); err != nil {
				t.Fatal(err)
			}

			if _, err := h.reconcile("us-east"); err != nil {
				t.Fatal(err)
			}
			if h.panel.exists == tc.wantDeleted {
				t.Fatalf("panel object exists = %v after deletion with policy %s", h.panel.exists, tc.policy)
			}
			if err := h.client.Get(context.Background(), types.NamespacedName{Name: "us-east"}, &ptero.PanelLocation{}); err == nil {
				t.Fatal("the object must be gone once its finalizer is removed")
			}
		})
	}
}

func TestDeletionRetriesWhatThePanelRefuses(t *testing.T) {
	o := location("us-east")
	o.Finalizers = []string{ptero.Finalizer}
	o.Status.ID = 7
	h := newHarness(t, o)
	h.panel.exists = true
	h.panel.err = errRejected // "has active nodes": another object is being deleted meanwhile
	if err := h.client.Delete(context.Background(), o); err != nil {
		t.Fatal(err)
	}

	if _, err := h.reconcile("us-east"); err == nil {
		t.Fatal("a refused delete must be retried with backoff")
	}
	if _, err := h.reconcile("us-east"); err != nil {
		t.Fatal(err)
	}
	if h.panel.exists {
		t.Fatal("the panel object survived the retried delete")
	}
}

func TestClassifyErrorKeepsAKindsOwnFailure(t *testing.T) {
	want := Failure{Reason: ptero.ReasonNotFoundInPanel, Message: "server 7 was deleted in the panel", Terminal: true}
	got := ClassifyError(fmt.Errorf("observe: %w", Fail(want)), nil, time.Minute)
	if got != want {
		t.Fatalf("ClassifyError() = %+v, want %+v", got, want)
	}
}
