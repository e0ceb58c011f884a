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

// Package panels reconciles Panel objects: it checks that the panel answers with the keys of the
// credentials Secret, publishes the connection the other controllers share, and keeps a Panel
// that objects still use from being deleted under them.
package panels

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/util/workqueue"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/builder"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/event"
	"sigs.k8s.io/controller-runtime/pkg/handler"
	"sigs.k8s.io/controller-runtime/pkg/predicate"
	"sigs.k8s.io/controller-runtime/pkg/reconcile"
	"sigs.k8s.io/controller-runtime/pkg/recorder"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// ReasonConnected is the Ready reason of a Panel whose keys work.
const ReasonConnected = "Connected"

// ReasonInUse is the Ready reason of a Panel whose deletion waits for the objects using it.
const ReasonInUse = "InUse"

// Reconciler reconciles Panel objects.
type Reconciler struct {
	Client   client.Client
	Recorder recorder.EventRecorder
	Registry *connection.Registry
	// Dependents are the kinds whose objects use a Panel (controller.Kinds says which).
	Dependents []Dependent
	// Now is the clock of lastSyncTime; nil means time.Now.
	Now func() time.Time

	// checked holds, per Panel name, the last check that passed (a check): a new connection
	// (new spec or Secret) is checked at once.
	checked sync.Map
	// spent holds, per Panel name, the requests its client had sent at the last check.
	spent sync.Map

	// recheck spaces the checks of a Panel that failed: doubling from a second, but never
	// further apart than half its syncInterval, so that a panel that comes back is seen, and the
	// changes waiting for it applied, within one syncInterval even when the check under way when
	// it returned still hangs for a requestTimeout. controller-runtime's default backoff grows to
	// 1000s, and every object of the Panel waits for this check to see it Ready again.
	recheckOnce sync.Once
	recheck     workqueue.TypedRateLimiter[string]
}

// firstRecheck is the delay after a Panel's first failed check.
const firstRecheck = time.Second

// Dependent is a kind whose objects use a Panel.
type Dependent struct {
	// Kind names it in status.inUseBy.
	Kind string
	// Object is an empty object of the kind, to watch it.
	Object client.Object
	// NewList returns an empty list of the kind, to count its objects.
	NewList func() client.ObjectList
}

// Reconcile implements reconcile.Reconciler.
func (r *Reconciler) Reconcile(ctx context.Context, req reconcile.Request) (reconcile.Result, error) {
	p := &ptero.Panel{}
	if err := r.Client.Get(ctx, req.NamespacedName, p); err != nil {
		return reconcile.Result{}, client.IgnoreNotFound(err)
	}
	orig := p.DeepCopy()

	inUse, err := r.inUseBy(ctx, p.Name)
	if err != nil {
		return reconcile.Result{}, err
	}
	p.Status.InUseBy = inUse

	if !p.DeletionTimestamp.IsZero() {
		return r.delete(ctx, p, orig)
	}
	if controllerutil.AddFinalizer(p, ptero.Finalizer) {
		if err := r.Client.Update(ctx, p); err != nil {
			return reconcile.Result{}, err
		}
		orig = p.DeepCopy()
		p.Status.InUseBy = inUse
	}

	conn, err := r.Registry.For(ctx, p)
	if err != nil {
		return r.fail(ctx, p, orig, err, connection.SyncIntervalOf(p))
	}
	if !r.checkDue(p, conn) {
		return reconcile.Result{RequeueAfter: r.untilNextCheck(p, conn)}, r.patchStatus(ctx, p, orig)
	}
	// A deadline of its own, so a hung panel releases the worker and is reported, while the
	// status write below keeps ctx.
	checkCtx, cancel := context.WithTimeout(ctx, conn.ReconcileTimeout())
	defer cancel()
	started := r.now()
	last, seen := r.lastCheck(p.Name, conn)
	// A snapshot list answered since the last check has shown the key works: checking it again
	// would only spend the budget. One that failed shows nothing, and the check asks itself.
	if !seen || !conn.ListedSince(last.at) {
		if err := checkKeys(checkCtx, conn.Client); err != nil {
			if api, older := olderThan07(err, p.Spec.URL); older {
				return r.refuse(ctx, p, orig, conn, api)
			}
			return r.fail(ctx, p, orig, err, conn.SyncInterval())
		}
	}
	api, identified := last.api, last.identified
	if !seen || started.Sub(identified) >= reidentifyEvery {
		// Part of the check, so that no object writes to a panel before its API is known: they
		// all wait for this Panel to be Ready (connection.Registry.Connect).
		var err error
		if api, err = identify(checkCtx, conn.Client, p.Spec.URL); err != nil {
			return r.fail(ctx, p, orig, err, conn.SyncInterval())
		}
		if api.unsupported != "" {
			return r.refuse(ctx, p, orig, conn, api)
		}
		identified = started
	}
	p.Status.APIFlavor, p.Status.APIVersion = api.flavor, api.version
	r.rechecks().Forget(p.Name)
	r.checked.Store(p.Name, check{conn: conn, at: started, api: api, identified: identified})
	now := metav1.NewTime(r.now())
	p.Status.LastSyncTime = &now
	if n, known := conn.Client.RateLimitRemaining(); known {
		remaining := int32(n)
		p.Status.RateLimitRemaining = &remaining
	}
	r.recordBudget(p, conn)
	setClientAPI(p, checkClientKey(checkCtx, conn.Client))
	managed.SetStalled(&p.Status.Conditions, p.Generation, false, "", "")
	if r.setReady(p, true, ReasonConnected, fmt.Sprintf("The panel at %s (%s %s) accepts the application key.", p.Spec.URL, api.flavor, api.version)) {
		r.event(p, corev1.EventTypeNormal, ReasonConnected, "Connect", "Connected to %s", p.Spec.URL)
	}
	return reconcile.Result{RequeueAfter: wait.Jitter(conn.SyncInterval(), 0.1)}, r.patchStatus(ctx, p, orig)
}

// refuse keeps a panel older than 1.x from being driven: not Ready (so every object of the Panel
// waits without writing) and Stalled, since only an upgrade or another spec.url helps. It is looked
// at again each syncInterval, so an upgraded panel is taken up without anyone touching the Panel.
func (r *Reconciler) refuse(ctx context.Context, p, orig *ptero.Panel, conn *connection.Conn, api panelAPI) (reconcile.Result, error) {
	r.checked.Delete(p.Name)
	r.rechecks().Forget(p.Name)
	p.Status.APIFlavor, p.Status.APIVersion = api.flavor, api.version
	now := metav1.NewTime(r.now())
	p.Status.LastSyncTime = &now
	managed.SetStalled(&p.Status.Conditions, p.Generation, true, ptero.ReasonUnsupportedPanelVersion, api.unsupported)
	if r.setReady(p, false, ptero.ReasonUnsupportedPanelVersion, api.unsupported) {
		r.event(p, corev1.EventTypeWarning, ptero.ReasonUnsupportedPanelVersion, "Connect", "%s", api.unsupported)
	}
	return reconcile.Result{RequeueAfter: wait.Jitter(conn.SyncInterval(), 0.1)}, r.patchStatus(ctx, p, orig)
}

// spending is what a Panel's client had sent at one check.
type spending struct {
	conn *connection.Conn
	sent int64
	at   time.Time
}

// recordBudget writes what the snapshot and the budget look like: the panel's own limit and the
// budget in force (never above 90% of it), when the servers were last read whole, and the
// requests sent since the previous check, scaled to one syncInterval (checks are one interval
// apart, give or take the jitter). A new connection starts counting again.
func (r *Reconciler) recordBudget(p *ptero.Panel, conn *connection.Conn) {
	if limit, inForce := conn.Client.RateLimit(); limit > 0 {
		panelLimit, budget := int32(limit), int32(inForce)
		p.Status.RateLimitPerMinute, p.Status.RequestsPerMinute = &panelLimit, &budget
	}
	if at := conn.Servers.RefreshedAt(); !at.IsZero() {
		t := metav1.NewTime(at)
		p.Status.LastRefreshTime = &t
	}
	now, sent := r.now(), conn.Client.RequestsSent()
	if prev, ok := r.spent.Load(p.Name); ok {
		if last := prev.(spending); last.conn == conn && now.After(last.at) {
			// Rounded, not truncated: checks drift a little past one interval (jitter, a busy
			// queue), and one request in 11s is still one request an interval, not zero.
			used := int64(math.Round(float64(sent-last.sent) * float64(conn.SyncInterval()) / float64(now.Sub(last.at))))
			p.Status.RequestsLastInterval = &used
		}
	}
	r.spent.Store(p.Name, spending{conn: conn, sent: sent, at: now})
}

// checkKeys makes the cheapest call that needs a valid application key with read access.
func checkKeys(ctx context.Context, c *panel.Client) error {
	_, _, err := c.Locations.List(ctx, &panel.ListOptions{PerPage: 1})
	return err
}

// checkDue says whether the keys must be checked now: on a new spec or Secret (the registry
// built a new client), while not Ready, and once per sync interval. Other wake-ups (an object
// starting or stopping to use the Panel) only refresh inUseBy, without a panel request.
func (r *Reconciler) checkDue(p *ptero.Panel, conn *connection.Conn) bool {
	ready := meta.FindStatusCondition(p.Status.Conditions, ptero.ConditionReady)
	return ready == nil || ready.Status != metav1.ConditionTrue || ready.ObservedGeneration != p.Generation ||
		p.Status.ObservedGeneration != p.Generation || r.untilNextCheck(p, conn) <= 0 || !r.wasChecked(p.Name, conn)
}

func (r *Reconciler) wasChecked(panelName string, conn *connection.Conn) bool {
	_, ok := r.lastCheck(panelName, conn)
	return ok
}

func (r *Reconciler) untilNextCheck(p *ptero.Panel, conn *connection.Conn) time.Duration {
	if p.Status.LastSyncTime == nil {
		return 0
	}
	return p.Status.LastSyncTime.Add(conn.SyncInterval()).Sub(r.now())
}

// inUseBy names the kinds (with counts) of the objects that use the Panel.
func (r *Reconciler) inUseBy(ctx context.Context, panelName string) ([]string, error) {
	var users []string
	for _, k := range r.Dependents {
		l := k.NewList()
		if err := r.Client.List(ctx, l, client.MatchingFields{index.PanelRef: panelName}); err != nil {
			return nil, err
		}
		if n := meta.LenList(l); n > 0 {
			users = append(users, fmt.Sprintf("%s (%d)", k.Kind, n))
		}
	}
	sort.Strings(users)
	return users, nil
}

// delete keeps the finalizer while objects use the Panel: deleting it first would leave their
// own finalizers with no panel to delete from.
func (r *Reconciler) delete(ctx context.Context, p, orig *ptero.Panel) (reconcile.Result, error) {
	if len(p.Status.InUseBy) > 0 {
		msg := "Deletion waits until no object uses this Panel: " + strings.Join(p.Status.InUseBy, ", ") +
			". Delete them first, or point them at another Panel; set deletionPolicy: Orphan on them before to keep their panel objects."
		if r.setReady(p, false, ReasonInUse, msg) {
			r.event(p, corev1.EventTypeWarning, ReasonInUse, "Delete", "%s", msg)
		}
		// The watches on the dependent kinds wake this up when they are gone.
		return reconcile.Result{}, r.patchStatus(ctx, p, orig)
	}
	r.Registry.Forget(p.Name)
	r.checked.Delete(p.Name)
	r.spent.Delete(p.Name)
	r.rechecks().Forget(p.Name)
	if controllerutil.RemoveFinalizer(p, ptero.Finalizer) {
		return reconcile.Result{}, client.IgnoreNotFound(r.Client.Update(ctx, p))
	}
	return reconcile.Result{}, nil
}

// fail records a failed check as the managed kinds record theirs. A transient failure is
// retried by the Panel's own bounded backoff rather than the controller's: every object of the
// Panel waits for this check to see it Ready again.
func (r *Reconciler) fail(ctx context.Context, p, orig *ptero.Panel, err error, syncInterval time.Duration) (reconcile.Result, error) {
	f := managed.ClassifyError(err, connection.ClassifyFor(p), syncInterval)
	p.Status.ObservedGeneration = p.Generation
	backoff := func() time.Duration { return min(r.rechecks().When(p.Name), syncInterval/2) }
	return r.status().Failed(ctx, p, orig, &p.Status.Conditions, f, err, "Connect", backoff, ptero.ConditionReady)
}

func (r *Reconciler) rechecks() workqueue.TypedRateLimiter[string] {
	r.recheckOnce.Do(func() {
		r.recheck = workqueue.NewTypedItemExponentialFailureRateLimiter[string](firstRecheck, ptero.DefaultSyncInterval)
	})
	return r.recheck
}

func (r *Reconciler) setReady(p *ptero.Panel, ok bool, reason, message string) bool {
	return managed.SetCondition(&p.Status.Conditions, p.Generation, ptero.ConditionReady, ok, reason, message)
}

func (r *Reconciler) patchStatus(ctx context.Context, p, orig *ptero.Panel) error {
	p.Status.ObservedGeneration = p.Generation
	return r.status().Patch(ctx, p, orig)
}

func (r *Reconciler) event(p *ptero.Panel, eventType, reason, action, note string, args ...any) {
	r.status().Event(p, eventType, reason, action, note, args...)
}

func (r *Reconciler) status() managed.StatusWriter {
	return managed.StatusWriter{Client: r.Client, Recorder: r.Recorder}
}

func (r *Reconciler) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

// The permissions of this kind's controller, generated into config/rbac/role.yaml.
//
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panels,verbs=get;list;watch;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panels/status,verbs=get;update;patch
// +kubebuilder:rbac:groups=pterodactyl.gameops.dev,resources=panels/finalizers,verbs=update

// Setup registers the Panel controller with the manager: Panels, the Secrets they read, and the
// objects of the kinds in dependents, which use them (for inUseBy and deletion).
func Setup(mgr ctrl.Manager, reg *connection.Registry, dependents []client.Object) error {
	r := &Reconciler{Client: mgr.GetClient(), Recorder: mgr.GetEventRecorder("panel-controller"), Registry: reg}
	for _, o := range dependents {
		kind, newList, err := managed.Lists(mgr.GetScheme(), o)
		if err != nil {
			return err
		}
		r.Dependents = append(r.Dependents, Dependent{Kind: kind, Object: o, NewList: newList})
	}
	return r.SetupWithManager(mgr)
}

// SetupWithManager registers the controller: Panels, the Secrets they read, and the objects of
// r.Dependents, which use them (for inUseBy and deletion).
func (r *Reconciler) SetupWithManager(mgr ctrl.Manager) error {
	b := ctrl.NewControllerManagedBy(mgr).
		Named("panel").
		For(&ptero.Panel{}, builder.WithPredicates(index.PrimaryChanged())).
		Watches(&corev1.Secret{}, index.PanelsReadingSecret(mgr.GetClient()))
	for _, d := range r.Dependents {
		b = b.Watches(d.Object, handler.EnqueueRequestsFromMapFunc(panelOf), builder.WithPredicates(createdOrDeleted()))
	}
	return b.Complete(r)
}

// panelOf maps an object to the Panel it uses.
func panelOf(_ context.Context, o client.Object) []reconcile.Request {
	return []reconcile.Request{{NamespacedName: client.ObjectKey{Name: panelName(o)}}}
}

func panelName(o client.Object) string {
	if m, ok := o.(managed.Object); ok {
		return m.GetManagedSpec().GetPanelName()
	}
	return ""
}

// createdOrDeleted passes the events that change a Panel's inUseBy: creation, deletion, and an
// update that moves an object to another Panel.
func createdOrDeleted() predicate.Predicate {
	return predicate.Funcs{
		UpdateFunc: func(e event.UpdateEvent) bool { return panelName(e.ObjectOld) != panelName(e.ObjectNew) },
	}
}
