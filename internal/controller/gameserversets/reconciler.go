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
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	utilrand "k8s.io/apimachinery/pkg/util/rand"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/controller/controllerutil"
	"sigs.k8s.io/controller-runtime/pkg/log"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// noCapacityRetry is how soon a set that found no room looks again without a PanelNode having
// changed: ports are also freed by servers deleted in the panel or by other sets.
const noCapacityRetry = 30 * time.Second

// reconciler drives one GameServerSet's replicas towards spec.replicas of its current template.
type reconciler struct {
	kube client.Client
	// replicas are listed from the API server, not the cache: a replica created or deleted by
	// the previous reconcile is then always counted, so none is made or removed twice.
	replicas client.Reader
	reg      *connection.Registry
	status   managed.StatusWriter
	ledger   *ledger
}

func (r *reconciler) Reconcile(ctx context.Context, req ctrl.Request) (ctrl.Result, error) {
	set := &ptero.GameServerSet{}
	if err := r.kube.Get(ctx, req.NamespacedName, set); err != nil {
		return ctrl.Result{}, client.IgnoreNotFound(err)
	}
	if set.Annotations[ptero.AnnotationPaused] == "true" {
		return ctrl.Result{}, nil
	}
	replicas, err := r.listReplicas(ctx, set)
	if err != nil {
		return ctrl.Result{}, err
	}
	if !set.DeletionTimestamp.IsZero() {
		return ctrl.Result{}, r.finalize(ctx, set, replicas)
	}
	if controllerutil.AddFinalizer(set, ptero.Finalizer) {
		if err := r.kube.Update(ctx, set); err != nil {
			return ctrl.Result{}, err
		}
	}
	orig := set.DeepCopy()

	hash := templateHash(&set.Spec.Template)
	var live, going []replica
	for i := range replicas {
		rep := newReplica(&replicas[i], hash)
		if rep.deleting() {
			going = append(going, rep)
		} else {
			live = append(live, rep)
		}
	}
	ro, err := resolveRollout(set)
	if err != nil {
		return r.failed(ctx, set, orig, live, ro, managed.InvalidSpec("strategy.rollingUpdate", "%v", err))
	}
	p := planReplicas(set, live, going, ro)

	for _, rep := range p.remove {
		if err := r.remove(ctx, set, rep.gs); err != nil {
			return ctrl.Result{}, err
		}
	}
	live = without(live, p.remove)
	created, err := r.create(ctx, set, hash, p.create)
	if err != nil {
		return r.failed(ctx, set, orig, append(live, created...), ro, err)
	}
	live = append(live, created...)
	setStatus(set, live, ro, p.reason)
	return ctrl.Result{}, r.status.Patch(ctx, set, orig)
}

// listReplicas returns the GameServers the set controls.
func (r *reconciler) listReplicas(ctx context.Context, set *ptero.GameServerSet) ([]ptero.GameServer, error) {
	list := &ptero.GameServerList{}
	if err := r.replicas.List(ctx, list, client.InNamespace(set.Namespace), client.MatchingLabels{ptero.LabelSet: set.Name}); err != nil {
		return nil, err
	}
	var owned []ptero.GameServer
	for _, gs := range list.Items {
		if metav1.IsControlledBy(&gs, set) {
			owned = append(owned, gs)
		}
	}
	return owned, nil
}

// remove deletes a replica; its own finalizer deletes its panel server (or orphans it, as its
// deletionPolicy says).
func (r *reconciler) remove(ctx context.Context, set *ptero.GameServerSet, gs *ptero.GameServer) error {
	err := r.kube.Delete(ctx, gs, client.Preconditions{UID: ptr.To(gs.UID)})
	if client.IgnoreNotFound(err) != nil && !apierrors.IsConflict(err) {
		return err
	}
	r.status.Event(set, corev1.EventTypeNormal, "Deleted", "DeleteReplica", "deleted replica %s", gs.Name)
	return nil
}

// create makes n replicas of the current template, each on the node and ports placement
// chooses for it. It returns the replicas made, and a NoCapacity failure when the nodes ran out of room
// before n.
func (r *reconciler) create(ctx context.Context, set *ptero.GameServerSet, hash string, n int) ([]replica, error) {
	if n == 0 {
		return nil, nil
	}
	panelName := set.Spec.Template.Spec.GetPanelName()
	conn, err := r.reg.Connect(ctx, panelName)
	if err != nil {
		return nil, err
	}
	nodes, err := candidateNodes(ctx, r.kube, set)
	if err != nil {
		return nil, err
	}
	panelNodes, err := readPanelNodes(ctx, conn, nodes)
	if err != nil {
		return nil, err
	}
	replicas, placed, shortage, err := r.placeAll(ctx, set, panelName, nodes, panelNodes, hash, n)
	if err != nil {
		return nil, err
	}
	var made []replica
	for i, gs := range replicas {
		if err := r.kube.Create(ctx, gs); err != nil {
			// The rest of the reservations go as well: this reconcile is over.
			for _, rest := range replicas[i:] {
				r.ledger.release(nodeKey(panelName, placed[rest.Name]), client.ObjectKeyFromObject(rest))
			}
			return made, err
		}
		r.status.Event(set, corev1.EventTypeNormal, "Created", "CreateReplica", "created replica %s on node %s, port %d",
			gs.Name, placed[gs.Name], gs.Spec.Allocation.Port)
		made = append(made, newReplica(gs, hash))
	}
	if shortage != "" {
		return made, managed.Fail(managed.Failure{Reason: ptero.ReasonNoCapacity, Message: shortage, RequeueAfter: noCapacityRetry})
	}
	return made, nil
}

// placeAll chooses node and ports for up to n replicas under the ledger's lock and reserves
// them, so that another set placing at the same time sees them taken. It returns the replicas
// to create, the node of each, and, when fewer than n fit, why.
func (r *reconciler) placeAll(ctx context.Context, set *ptero.GameServerSet, panelName string, nodes []ptero.PanelNode,
	panelNodes map[string]*panel.Node, hash string, n int) ([]*ptero.GameServer, map[string]string, string, error) {
	r.ledger.mu.Lock()
	defer r.ledger.mu.Unlock()
	now := time.Now()
	rooms, err := r.ledger.rooms(ctx, r.kube, panelName, nodes, panelNodes, now)
	if err != nil {
		return nil, nil, "", err
	}
	limits := set.Spec.Template.Spec.Limits
	d := demand{ports: int(max(set.Spec.Placement.Ports, 1)), memory: limits.Memory, disk: limits.Disk}
	var replicas []*ptero.GameServer
	placed := map[string]string{}
	for range n {
		choice, ok := place(rooms, set.Spec.Placement.Spread, d)
		if !ok {
			return replicas, placed, describeRooms(rooms, d), nil
		}
		gs := newReplicaObject(set, hash, choice)
		r.ledger.reserve(nodeKey(panelName, choice.node), &reservation{replica: client.ObjectKeyFromObject(gs),
			ip: choice.ip, ports: choice.ports, memory: d.memory, disk: d.disk, until: now.Add(reservationTTL)})
		replicas = append(replicas, gs)
		placed[gs.Name] = choice.node
	}
	return replicas, placed, "", nil
}

// newReplicaObject is a replica of the set's template on the chosen node and ports, named
// <set>-<5 random characters> like a ReplicaSet's pods.
func newReplicaObject(set *ptero.GameServerSet, hash string, choice placementChoice) *ptero.GameServer {
	tmpl := set.Spec.Template.DeepCopy()
	labels := map[string]string{}
	for k, v := range tmpl.Metadata.Labels {
		labels[k] = v
	}
	labels[ptero.LabelSet] = set.Name
	labels[ptero.LabelTemplateHash] = hash
	ports := make([]int32, len(choice.ports))
	for i, p := range choice.ports {
		ports[i] = int32(p)
	}
	gs := &ptero.GameServer{
		ObjectMeta: metav1.ObjectMeta{
			Namespace:   set.Namespace,
			Name:        set.Name + "-" + utilrand.String(5),
			Labels:      labels,
			Annotations: tmpl.Metadata.Annotations,
			OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(set,
				ptero.GroupVersion.WithKind("GameServerSet"))},
		},
		Spec: ptero.GameServerSpec{
			GameServerTemplateSpec: tmpl.Spec,
			Allocation: &ptero.ServerAllocation{NodeRef: &ptero.LocalObjectReference{Name: choice.node},
				IP: choice.ip, Port: ports[0], AdditionalPorts: ports[1:]},
		},
	}
	if len(gs.Spec.Allocation.AdditionalPorts) == 0 {
		gs.Spec.Allocation.AdditionalPorts = nil
	}
	return gs
}

// finalize deletes every replica, then lets the set go. Without this a cluster with no garbage
// collector (and a set deleted with --cascade=orphan) would leave the replicas' panel servers.
func (r *reconciler) finalize(ctx context.Context, set *ptero.GameServerSet, replicas []ptero.GameServer) error {
	if !controllerutil.ContainsFinalizer(set, ptero.Finalizer) {
		return nil
	}
	for i := range replicas {
		if replicas[i].DeletionTimestamp.IsZero() {
			if err := r.remove(ctx, set, &replicas[i]); err != nil {
				return err
			}
		}
	}
	if len(replicas) > 0 {
		return nil // the replicas' deletions wake the set again (it owns them)
	}
	controllerutil.RemoveFinalizer(set, ptero.Finalizer)
	return client.IgnoreNotFound(r.kube.Update(ctx, set))
}

// failed reports a reconcile that could not place or create what it planned: Progressing and
// Ready False with the reason, and when to look again.
func (r *reconciler) failed(ctx context.Context, set, orig *ptero.GameServerSet, live []replica, ro rollout, cause error) (ctrl.Result, error) {
	setStatus(set, live, ro, "")
	f := managed.ClassifyError(cause, nil, noCapacityRetry)
	log.FromContext(ctx).V(1).Info("replicas not placed", "reason", f.Reason, "error", f.Message)
	return r.status.Failed(ctx, set, orig, &set.Status.Conditions, f, cause, "PlaceReplica", nil,
		ptero.ConditionProgressing, ptero.ConditionReady)
}

// without returns replicas less those in gone.
func without(replicas, gone []replica) []replica {
	drop := make(map[types.UID]bool, len(gone))
	for _, g := range gone {
		drop[g.gs.UID] = true
	}
	var out []replica
	for _, rep := range replicas {
		if !drop[rep.gs.UID] {
			out = append(out, rep)
		}
	}
	return out
}
