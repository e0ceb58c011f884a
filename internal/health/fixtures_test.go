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

package health_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/panels"
	"github.com/gameops-dev/pterodactyl-operator/internal/health"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// object is a status being written as the reconcilers write it: conditions through the managed
// package's own functions, failures classified by the classifiers the manager runs.
type object struct {
	kind               string
	panelBacked        bool // a managed kind (Synced and Ready); the Panel writes Ready only
	generation         int64
	observedGeneration int64
	conditions         []metav1.Condition
	noStatus, deleting bool
}

// inSync is a reconcile that found the panel object matching the spec, or the Panel's keys accepted.
func (o *object) inSync() *object {
	if !o.panelBacked {
		meta := &o.conditions
		managed.SetCondition(meta, o.generation, ptero.ConditionClientAPI, true, ptero.ReasonClientKeyAccepted, "The panel's client API accepts the clientKey.")
		managed.SetStalled(meta, o.generation, false, "", "")
		managed.SetCondition(meta, o.generation, ptero.ConditionReady, true, panels.ReasonConnected, "The panel at https://panel.example.com accepts the application key.")
		return o.observed()
	}
	return o.upToDate("", "", false)
}

// upToDate is the managed reconciler's path for a panel object that matches the spec; a
// notReadyReason keeps it not Ready, as a kind's Observation says.
func (o *object) upToDate(notReadyReason, message string, stalled bool) *object {
	managed.SetCondition(&o.conditions, o.generation, ptero.ConditionSynced, true, ptero.ReasonReconcileSuccess, "The panel matches the spec.")
	if notReadyReason != "" {
		managed.SetCondition(&o.conditions, o.generation, ptero.ConditionReady, false, notReadyReason, message)
	} else {
		managed.SetCondition(&o.conditions, o.generation, ptero.ConditionReady, true, ptero.ReasonAvailable, "The panel object exists and matches the spec.")
	}
	managed.SetStalled(&o.conditions, o.generation, stalled && notReadyReason != "", notReadyReason, message)
	return o.observed()
}

// created is the managed reconciler's path right after it created the panel object.
func (o *object) created() *object {
	managed.SetCondition(&o.conditions, o.generation, ptero.ConditionSynced, true, ptero.ReasonReconcileSuccess, "Created in the panel.")
	managed.SetCondition(&o.conditions, o.generation, ptero.ConditionReady, false, ptero.ReasonCreating, "Created; waiting for the panel to report it.")
	managed.SetStalled(&o.conditions, o.generation, false, "", "")
	return o.observed()
}

// failed is a reconcile that ended in err, classified and recorded as the reconcilers do.
func (o *object) failed(err error) *object {
	f := managed.ClassifyError(err, connection.Classify, ptero.DefaultSyncInterval)
	types := []string{ptero.ConditionReady}
	if o.panelBacked {
		types = []string{ptero.ConditionSynced, ptero.ConditionReady}
	}
	managed.RecordFailure(&o.conditions, o.generation, f, types...)
	return o.observed()
}

// paused is the managed reconciler's path for an object with the paused annotation.
func (o *object) paused() *object {
	managed.SetCondition(&o.conditions, o.generation, ptero.ConditionSynced, false, ptero.ReasonPaused,
		"Reconciliation is paused by the "+ptero.AnnotationPaused+" annotation.")
	return o.observed()
}

func (o *object) observed() *object {
	o.observedGeneration = o.generation
	return o
}

// specChanged is an edit the operator has not looked at yet.
func (o *object) specChanged() *object {
	o.generation++
	return o
}

func (o *object) markDeleted() *object {
	o.deleting = true
	return o
}

func (o *object) unstructured(t *testing.T) *unstructured.Unstructured {
	t.Helper()
	u := &unstructured.Unstructured{Object: map[string]any{}}
	u.SetAPIVersion(ptero.GroupVersion.String())
	u.SetKind(o.kind)
	u.SetName("example")
	u.SetGeneration(o.generation)
	if o.deleting {
		now := metav1.Now()
		u.SetDeletionTimestamp(&now)
		u.SetFinalizers([]string{ptero.Finalizer})
	}
	if o.noStatus {
		return u
	}
	// Through JSON, as the API server hands objects out: times as strings, numbers as int64.
	b, err := json.Marshal(map[string]any{"observedGeneration": o.observedGeneration, "conditions": o.conditions})
	if err != nil {
		t.Fatal(err)
	}
	st := map[string]any{}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	st["observedGeneration"] = o.observedGeneration
	u.Object["status"] = st
	return u
}

var (
	refused = &panel.APIError{StatusCode: 422, Method: "POST", Route: "/api/application/servers",
		Errors: []panel.ErrorItem{{Code: "ValidationException", Status: "422", Detail: "The limits.memory must be at least 0.", SourceField: "limits.memory"}}}
	businessRule = &panel.APIError{StatusCode: 400, Method: "DELETE", Route: "/api/application/users/{user}",
		Errors: []panel.ErrorItem{{Code: "DisplayException", Detail: "Cannot delete a user with active servers attached to their account."}}}
	noRoom = &panel.APIError{StatusCode: 400, Method: "POST", Route: "/api/application/servers",
		Errors: []panel.ErrorItem{{Code: "NoViableNodeException", Detail: "No nodes satisfying the requirements specified were found."}}}
	busy = &panel.APIError{StatusCode: 409, Method: "PATCH", Route: "/api/application/servers/{server}/build",
		Errors: []panel.ErrorItem{{Detail: "This server is currently installing."}}}
)

// fixture is one state an object can be in, with what each tool must make of it.
type fixture struct {
	name string
	// of says which kinds can be in this state; nil: every kind.
	of    func(kind string, panelBacked bool) bool
	state func(o *object) *object
	argo  health.ArgoStatus
	flux  status.Status
	// diverges says why the tools disagree here; empty where they must agree.
	diverges string
}

func panelBacked(_ string, backed bool) bool { return backed }
func thePanel(_ string, backed bool) bool    { return !backed }
func gameServers(kind string, _ bool) bool   { return kind == "GameServer" }

// clientAPIKinds are the kinds that wait for a clientKey (ClientKeyRequired).
func clientAPIKinds(kind string, _ bool) bool { return kind == "GameServer" || kind == "ServerSubuser" }

var fixtures = []fixture{
	{name: "just applied, no status yet", state: func(o *object) *object { o.noStatus = true; return o },
		argo: health.Progressing, flux: status.CurrentStatus,
		diverges: "kstatus counts an object without conditions as Current; the operator writes status on its first reconcile, moments after the apply"},
	{name: "in sync", state: (*object).inSync, argo: health.Healthy, flux: status.CurrentStatus},
	{name: "spec edited, not observed yet", state: func(o *object) *object { return o.inSync().specChanged() },
		argo: health.Progressing, flux: status.InProgressStatus},
	{name: "being deleted", state: func(o *object) *object { return o.inSync().markDeleted() },
		argo: health.Progressing, flux: status.TerminatingStatus},
	{name: "panel unreachable", state: func(o *object) *object {
		return o.failed(errors.New("dial tcp 10.0.0.1:443: connect: connection refused"))
	}, argo: health.Progressing, flux: status.InProgressStatus},
	{name: "panel answered 503", state: func(o *object) *object { return o.failed(&panel.APIError{StatusCode: 503}) },
		argo: health.Progressing, flux: status.InProgressStatus},
	{name: "rate limited", state: func(o *object) *object {
		return o.failed(&panel.APIError{StatusCode: 429, RetryAfter: 20 * time.Second})
	},
		argo: health.Progressing, flux: status.InProgressStatus},
	{name: "application key refused (401)", state: func(o *object) *object { return o.failed(&panel.APIError{StatusCode: 401}) },
		argo: health.Degraded, flux: status.FailedStatus},
	{name: "application key lacks a permission (403)", state: func(o *object) *object { return o.failed(&panel.APIError{StatusCode: 403}) },
		argo: health.Degraded, flux: status.FailedStatus},
	{name: "key refused, then fixed", state: func(o *object) *object { return o.failed(&panel.APIError{StatusCode: 401}).inSync() },
		argo: health.Healthy, flux: status.CurrentStatus},

	{name: "created, waiting for the panel to report it", of: panelBacked, state: (*object).created,
		argo: health.Progressing, flux: status.InProgressStatus},
	{name: "spec refused by the panel (422)", of: panelBacked, state: func(o *object) *object { return o.failed(refused) },
		argo: health.Degraded, flux: status.FailedStatus},
	{name: "business rule refused (400)", of: panelBacked, state: func(o *object) *object { return o.failed(businessRule) },
		argo: health.Degraded, flux: status.FailedStatus},
	{name: "spec refused, then fixed", of: panelBacked, state: func(o *object) *object { return o.failed(refused).specChanged().inSync() },
		argo: health.Healthy, flux: status.CurrentStatus},
	{name: "spec the operator cannot send", of: panelBacked, state: func(o *object) *object {
		return o.failed(managed.InvalidSpec("environment.SERVER_JARFILE", "the egg has no such variable"))
	}, argo: health.Degraded, flux: status.FailedStatus},
	{name: "panel-id annotation that is no id", of: panelBacked, state: func(o *object) *object {
		bad := &metav1.ObjectMeta{Annotations: map[string]string{ptero.AnnotationPanelID: "seven"}}
		_, _, err := adoption.Annotated(bad, "object", false)
		return o.failed(err)
	}, argo: health.Degraded, flux: status.FailedStatus},
	{name: "adopted object gone from the panel", of: panelBacked, state: func(o *object) *object {
		return o.failed(managed.Fail(managed.Failure{Reason: ptero.ReasonNotFoundInPanel, Terminal: true,
			Message: "The object 7 adopted through the annotation no longer exists in the panel."}))
	}, argo: health.Degraded, flux: status.FailedStatus},
	{name: "no room in the panel yet", of: panelBacked, state: func(o *object) *object { return o.failed(noRoom) },
		argo: health.Progressing, flux: status.InProgressStatus},
	{name: "panel busy with the server (409)", of: panelBacked, state: func(o *object) *object { return o.failed(busy) },
		argo: health.Progressing, flux: status.InProgressStatus},
	{name: "waiting for a reference", of: panelBacked, state: func(o *object) *object {
		return o.failed(managed.NotReady("PanelLocation", "us-east", ""))
	}, argo: health.Progressing, flux: status.InProgressStatus},
	{name: "waiting for its Panel", of: panelBacked, state: func(o *object) *object {
		return o.failed(managed.NotReady("Panel", "default", "its application key was refused"))
	}, argo: health.Progressing, flux: status.InProgressStatus},
	{name: "refused while being deleted", of: panelBacked, state: func(o *object) *object { return o.markDeleted().failed(businessRule) },
		argo: health.Progressing, flux: status.TerminatingStatus},
	{name: "paused while Ready", of: panelBacked, state: func(o *object) *object { return o.inSync().paused() },
		argo: health.Suspended, flux: status.CurrentStatus,
		diverges: "kstatus has no paused state and reads Ready as last written; Argo CD has Suspended for it"},
	{name: "paused while waiting", of: panelBacked, state: func(o *object) *object { return o.created().paused() },
		argo: health.Suspended, flux: status.InProgressStatus,
		diverges: "kstatus has no paused state and reads Ready as last written; Argo CD has Suspended for it"},

	{name: "installing", of: gameServers, state: func(o *object) *object { return o.upToDate(ptero.ReasonInstalling, "The server is installing.", false) },
		argo: health.Progressing, flux: status.InProgressStatus},
	{name: "install failed", of: gameServers, state: func(o *object) *object {
		return o.upToDate(ptero.ReasonInstallFailed, "The install script failed: read the install log on the node.", true)
	}, argo: health.Degraded, flux: status.FailedStatus},
	{name: "install failed, reinstalled", of: gameServers, state: func(o *object) *object {
		return o.upToDate(ptero.ReasonInstallFailed, "The install script failed.", true).upToDate(ptero.ReasonInstalling, "The server is installing.", false)
	}, argo: health.Progressing, flux: status.InProgressStatus},
	{name: "client API needed without a clientKey", of: clientAPIKinds, state: func(o *object) *object {
		return o.failed(managed.Fail(managed.Failure{Reason: ptero.ReasonClientKeyRequired, Stalled: true, RequeueAfter: time.Minute,
			Message: "spec.power, spec.files and the restart annotation need the panel's client API: add a clientKey"}))
	}, argo: health.Degraded, flux: status.FailedStatus},
	{name: "port held by another server", of: gameServers, state: func(o *object) *object {
		// As gameservers' later() reports it: the panel may free the port by itself.
		return o.failed(managed.Fail(managed.Failure{Reason: ptero.ReasonInvalidSpec, RequeueAfter: time.Minute,
			Message: "spec.allocation.port: port 25565 on 10.0.0.5 is assigned to another server"}))
	}, argo: health.Progressing, flux: status.InProgressStatus},
	{name: "starting", of: gameServers, state: func(o *object) *object {
		return o.upToDate(ptero.ReasonPowerMismatch, "The server is starting.", false)
	},
		argo: health.Progressing, flux: status.InProgressStatus},

	{name: "deletion waits for the objects using it", of: thePanel, state: func(o *object) *object {
		managed.SetCondition(&o.conditions, o.generation, ptero.ConditionReady, false, panels.ReasonInUse, "Deletion waits until no object uses this Panel: GameServer (2).")
		return o.observed().markDeleted()
	}, argo: health.Progressing, flux: status.TerminatingStatus},
	{name: "no clientKey configured", of: thePanel, state: func(o *object) *object {
		o.inSync()
		managed.SetCondition(&o.conditions, o.generation, ptero.ConditionClientAPI, false, ptero.ReasonClientKeyNotConfigured, "The credentials Secret has no clientKey.")
		return o
	}, argo: health.Healthy, flux: status.CurrentStatus},
}

// TestHealthChecksAgreeWithKstatus runs every kind's shipped Argo CD health check and kstatus over
// each state its objects can be in, as the reconcilers write it: Healthy only when Ready,
// Degraded when the object waits for a person (Stalled), Progressing otherwise, and kstatus saying
// the same (Current, Failed, InProgress) except where a divergence is named.
func TestHealthChecksAgreeWithKstatus(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	for _, k := range controller.Kinds {
		gvk, err := apiutil.GVKForObject(k.Object, scheme)
		if err != nil {
			t.Fatal(err)
		}
		script, err := health.LoadScript(root, gvk.Kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, fx := range fixtures {
			if fx.of != nil && !fx.of(gvk.Kind, k.InPanel) {
				continue
			}
			t.Run(gvk.Kind+"/"+fx.name, func(t *testing.T) {
				o := fx.state(&object{kind: gvk.Kind, panelBacked: k.InPanel, generation: 2}).unstructured(t)
				v, err := health.Assess(script, o)
				if err != nil {
					t.Fatal(err)
				}
				if v.Argo.Status != fx.argo || v.Kstatus != fx.flux {
					t.Fatalf("got %s; want Argo CD %s, kstatus %s\nstatus: %v", v, fx.argo, fx.flux, o.Object["status"])
				}
				if agree := fx.diverges == ""; v.Agree() != agree {
					t.Fatalf("%s: the tools agree: %t, want %t (%s)", v, v.Agree(), agree, fx.diverges)
				}
				if v.Argo.Status != health.Healthy && v.Argo.Message == "" {
					t.Errorf("%s: a check that is not Healthy must say why", v)
				}
				if v.Argo.Status == health.Degraded && !strings.Contains(v.Argo.Message, ": ") {
					t.Errorf("%s: Degraded must give the reason and the operator's message", v)
				}
			})
		}
	}
}
