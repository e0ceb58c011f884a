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

// Package nodes reconciles PanelNodes: panel nodes with their port allocations, kept in line with
// the spec, and the node's Wings configuration written to a Secret when asked.
package nodes

import (
	"context"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/recorder"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// external is one reconcile's view of one PanelNode's panel node. Observe keeps what it read and
// planned, so Update sends exactly what the diff asked for without reading again.
type external struct {
	kube     client.Client
	conn     *connection.Conn
	recorder recorder.EventRecorder
	resolve  resolver

	node    *panel.Node
	nodeUID types.UID
	want    panel.NodeRequest
	allocs  allocPlan
	// wingsConfig is the rendered config.yml when wingsConfigSecretRef is set; wingsStale says
	// the Secret does not hold it yet.
	wingsConfig []byte
	wingsStale  bool
}

var _ managed.External[*ptero.PanelNode] = (*external)(nil)

// Observe implements managed.External.
func (e *external) Observe(ctx context.Context, pn *ptero.PanelNode) (managed.Observation, error) {
	loc, err := e.location(ctx, pn)
	if err != nil {
		return managed.Observation{}, err
	}
	n, err := e.find(ctx, pn)
	if err != nil || n == nil {
		return managed.Observation{}, err
	}
	e.node, e.nodeUID = n, pn.UID
	e.want = desiredNode(pn, loc.id)

	allocations, err := e.allocations(ctx, n)
	if err != nil {
		return managed.Observation{}, err
	}
	ips, err := panelAddresses(ctx, pn.Spec.Allocations, e.resolve)
	if err != nil {
		return managed.Observation{}, err
	}
	if e.allocs, err = planAllocations(pn.Spec.Allocations, pn.Spec.PruneAllocations, ips, allocations); err != nil {
		return managed.Observation{}, err
	}
	setObserved(pn, n, e.allocs)
	if len(e.allocs.inUse) > 0 {
		// Not a failure: the panel protects allocations servers use. Said once per sync interval,
		// never retried in a loop; they go once their servers release them.
		e.event(pn, corev1.EventTypeWarning, "AllocationsInUse", "PruneAllocations",
			"Allocations %s are assigned to servers, so they are kept although spec.allocations no longer lists them (or lists them with another alias); they are changed once their servers release them: move those servers to other ports, or list the allocations again",
			describeAllocations(e.allocs.inUse))
	}

	if ref := pn.Spec.WingsConfigSecretRef; ref != nil {
		cfg, err := e.conn.Client.Nodes.Configuration(ctx, n.ID)
		if err != nil {
			return managed.Observation{}, err
		}
		if e.wingsConfig, err = wingsConfigYAML(cfg); err != nil {
			return managed.Observation{}, err
		}
		if e.wingsStale, err = e.wingsSecretStale(ctx, *ref, e.wingsConfig); err != nil {
			return managed.Observation{}, err
		}
	}

	upToDate := nodeUpToDate(e.want, n) && e.allocs.empty() && !e.wingsStale
	return managed.Observation{Exists: true, UpToDate: upToDate}, nil
}

// Create implements managed.External. Allocations and the Wings config Secret follow in the
// next reconcile, as updates of the node that now exists.
func (e *external) Create(ctx context.Context, pn *ptero.PanelNode) error {
	loc, err := e.location(ctx, pn)
	if err != nil {
		return err
	}
	n, err := e.conn.Client.Nodes.Create(ctx, desiredNode(pn, loc.id))
	if err != nil {
		return err
	}
	pn.Status.ID = int64(n.ID)
	pn.Status.UUID = n.UUID
	pn.Status.Location = loc.short
	return nil
}

// Update implements managed.External: the node's fields, then its allocations, then the Wings
// config Secret, each only when it differs.
func (e *external) Update(ctx context.Context, pn *ptero.PanelNode) error {
	// Whatever lands (the node, its allocations), the shared copy no longer holds it as it is.
	defer e.conn.Nodes.Forget(e.node.ID)
	if !nodeUpToDate(e.want, e.node) {
		_, err := e.conn.Client.Nodes.Update(ctx, e.node.ID, updateRequest(e.node, e.want))
		switch {
		case panel.HasErrorCode(err, "ConfigurationNotPersistedException"):
			// The panel saved the change but could not push it to Wings; Wings picks it up when
			// it restarts. Not worth failing the reconcile over.
			e.event(pn, corev1.EventTypeWarning, "WingsNotUpdated", "Update",
				"The panel saved the node but could not send the new configuration to Wings; restart Wings to apply it")
		case err != nil:
			return err
		}
	}
	if err := e.applyAllocations(ctx, pn); err != nil {
		return err
	}
	if e.wingsStale {
		return e.writeWingsSecret(ctx, pn, e.wingsConfig)
	}
	return nil
}

// Delete implements managed.External. Allocations go with the node.
func (e *external) Delete(ctx context.Context, pn *ptero.PanelNode) error {
	defer e.conn.Nodes.Forget(int(pn.Status.ID))
	// HasActiveServersException is the 400 of a node that still has servers.
	return connection.Deleted(e.conn.Client.Nodes.Delete(ctx, int(pn.Status.ID)),
		"The panel keeps node "+nodeName(pn)+" while servers are still on it: delete or move its GameServers first")
}

// allocations returns the node's allocations, from the include when the key may read them.
func (e *external) allocations(ctx context.Context, n *panel.Node) ([]panel.Allocation, error) {
	if !slices.Contains(n.Relationships.Denied, "allocations") && n.Relationships.Allocations != nil {
		return n.Relationships.Allocations, nil
	}
	return e.conn.Client.Allocations.ListAll(ctx, n.ID, &panel.ListOptions{PerPage: 500})
}

// applyAllocations deletes what the plan removes, then creates what it misses. A delete the
// panel refuses (a server took the allocation meanwhile) is left for the next look.
func (e *external) applyAllocations(ctx context.Context, pn *ptero.PanelNode) error {
	allocations := e.conn.Client.Allocations
	for _, a := range e.allocs.remove {
		err := allocations.Delete(ctx, e.node.ID, a.ID)
		if err != nil && !panel.IsNotFound(err) && !panel.IsBadRequest(err) {
			return err
		}
	}
	for _, req := range e.allocs.create {
		if err := allocations.Create(ctx, e.node.ID, req); err != nil {
			return err
		}
	}
	if len(e.allocs.remove) > 0 {
		e.event(pn, corev1.EventTypeNormal, "AllocationsDeleted", "Update",
			"Deleted %d allocations of node %d that spec.allocations no longer lists", len(e.allocs.remove), e.node.ID)
	}
	if len(e.allocs.create) == 0 {
		return nil
	}
	e.event(pn, corev1.EventTypeNormal, "AllocationsCreated", "Update",
		"Created the missing allocations of node %d", e.node.ID)
	return e.checkCreated(ctx, pn)
}

// checkCreated reads the allocations back after creating some. The panel answers 204 without a
// body and skips what it considers duplicates, so an address it stores differently from the spec
// (a host name it resolves otherwise) would look missing forever and be re-created every second;
// that case is reported once instead, until the spec changes.
func (e *external) checkCreated(ctx context.Context, pn *ptero.PanelNode) error {
	current, err := e.conn.Client.Allocations.ListAll(ctx, e.node.ID, &panel.ListOptions{PerPage: 500})
	if err != nil {
		return err
	}
	ips, err := panelAddresses(ctx, pn.Spec.Allocations, e.resolve)
	if err != nil {
		return err
	}
	again, err := planAllocations(pn.Spec.Allocations, pn.Spec.PruneAllocations, ips, current)
	if err != nil {
		return err
	}
	if len(again.create) == 0 {
		return nil
	}
	var missing []string
	for _, req := range again.create {
		missing = append(missing, req.IP+" "+strings.Join(req.Ports, ","))
	}
	return managed.Fail(managed.Failure{Reason: ptero.ReasonPanelRejected, Terminal: true,
		Message: "The panel accepted but does not list allocations " + strings.Join(missing, "; ") +
			" of spec.allocations: it may store the ip differently (a host name resolved to another address). Give the IP address itself in spec.allocations."})
}

// setObserved records what the panel says of the node.
func setObserved(pn *ptero.PanelNode, n *panel.Node, p allocPlan) {
	pn.Status.ID = int64(n.ID)
	pn.Status.UUID = n.UUID
	if l := n.Relationships.Location; l != nil {
		pn.Status.Location = l.Short
	}
	pn.Status.Allocations = &ptero.NodeAllocationStatus{Total: p.total, Assigned: p.assigned}
}

func (e *external) event(pn *ptero.PanelNode, eventType, reason, action, note string, args ...any) {
	if e.recorder != nil {
		e.recorder.Eventf(pn, nil, eventType, reason, action, note, args...)
	}
}
