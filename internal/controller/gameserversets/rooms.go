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
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// candidateNodes are the PanelNodes a set may place replicas on: those placement.nodeSelector
// selects in the template's Panel that exist there, are Ready and not in maintenance.
func candidateNodes(ctx context.Context, kube client.Reader, set *ptero.GameServerSet) ([]ptero.PanelNode, error) {
	sel := labels.Everything()
	if ns := set.Spec.Placement.NodeSelector; ns != nil {
		var err error
		if sel, err = metav1.LabelSelectorAsSelector(ns); err != nil {
			return nil, managed.InvalidSpec("placement.nodeSelector", "%v", err)
		}
	}
	list := &ptero.PanelNodeList{}
	if err := kube.List(ctx, list, client.MatchingLabelsSelector{Selector: sel}); err != nil {
		return nil, err
	}
	panelName := set.Spec.Template.Spec.GetPanelName()
	var nodes []ptero.PanelNode
	for _, n := range list.Items {
		ready := meta.FindStatusCondition(n.Status.Conditions, ptero.ConditionReady)
		if n.Spec.GetPanelName() != panelName || n.Status.ID == 0 || !n.DeletionTimestamp.IsZero() ||
			n.Spec.MaintenanceMode || ready == nil || ready.Status != metav1.ConditionTrue {
			continue
		}
		nodes = append(nodes, n)
	}
	slices.SortFunc(nodes, func(a, b ptero.PanelNode) int { return strings.Compare(a.Name, b.Name) })
	return nodes, nil
}

// readPanelNodes reads each node as the panel has it, with its allocations: from the
// connection's copy, which costs no request between refreshes.
func readPanelNodes(ctx context.Context, conn *connection.Conn, nodes []ptero.PanelNode) (map[string]*panel.Node, error) {
	out := make(map[string]*panel.Node, len(nodes))
	for _, n := range nodes {
		pn, err := conn.Nodes.Read(ctx, int(n.Status.ID))
		if err != nil {
			return nil, err
		}
		out[n.Name] = pn
	}
	return out, nil
}

// holdings are the ports and resources a node's GameServers and reservations hold beyond what
// the panel's copy shows as assigned.
type holdings struct {
	// onIP holds "ip:port" (an IP or an alias) of ports held on one address; anyIP ports held on
	// whichever address has them (a GameServer that names no IP).
	onIP  map[string]bool
	anyIP map[int]bool
	// memory and disk of servers the panel's copy does not count yet, in MiB.
	memory, disk int64
}

func (h *holdings) hold(ip string, port int) {
	if ip == "" {
		h.anyIP[port] = true
		return
	}
	h.onIP[ip+":"+strconv.Itoa(port)] = true
}

func (h *holdings) holds(a panel.Allocation) bool {
	if h.anyIP[a.Port] || h.onIP[a.IP+":"+strconv.Itoa(a.Port)] {
		return true
	}
	return a.Alias != nil && h.onIP[*a.Alias+":"+strconv.Itoa(a.Port)]
}

// rooms works out what each node has left. Holds l.mu, so that the reservations it reads are
// every placement not yet visible in the cache.
func (l *ledger) rooms(ctx context.Context, kube client.Reader, panelName string, nodes []ptero.PanelNode,
	panelNodes map[string]*panel.Node, now time.Time) ([]*nodeRoom, error) {
	rooms := make([]*nodeRoom, 0, len(nodes))
	for _, n := range nodes {
		pn := panelNodes[n.Name]
		servers := &ptero.GameServerList{}
		if err := kube.List(ctx, servers, client.MatchingFields{index.NodeRef: n.Name}); err != nil {
			return nil, err
		}
		h := holdings{onIP: map[string]bool{}, anyIP: map[int]bool{}}
		seen := make(map[types.NamespacedName]bool, len(servers.Items))
		for i := range servers.Items {
			gs := &servers.Items[i]
			seen[client.ObjectKeyFromObject(gs)] = true
			a := gs.Spec.Allocation
			for _, p := range append([]int32{a.Port}, a.AdditionalPorts...) {
				h.hold(a.IP, int(p))
			}
			if !assignedInCopy(pn, a.IP, int(a.Port)) {
				h.memory += gs.Spec.Limits.Memory
				h.disk += gs.Spec.Limits.Disk
			}
		}
		for _, r := range l.pending(nodeKey(panelName, n.Name), seen, now) {
			for _, p := range r.ports {
				h.hold(r.ip, p)
			}
			h.memory += r.memory
			h.disk += r.disk
		}
		rooms = append(rooms, roomOf(n.Name, pn, h))
	}
	return rooms, nil
}

// assignedInCopy reports whether the panel's copy of the node shows the port on ip (any IP
// when ip is empty) assigned: then the node's allocated_resources count its server.
func assignedInCopy(pn *panel.Node, ip string, port int) bool {
	return slices.ContainsFunc(pn.Relationships.Allocations, func(a panel.Allocation) bool {
		return a.Port == port && a.Assigned && (ip == "" || a.IP == ip || (a.Alias != nil && *a.Alias == ip))
	})
}

// roomOf is the node's room: its unassigned allocations not held, and its capacity (memory and
// disk with the panel's overallocation; -1 turns the check off) less what is allocated.
func roomOf(name string, pn *panel.Node, h holdings) *nodeRoom {
	room := &nodeRoom{name: name, free: map[string][]int{},
		memoryCapacity: capacity(pn.Memory, pn.MemoryOverallocate), diskCapacity: capacity(pn.Disk, pn.DiskOverallocate),
		memoryUsed: h.memory, diskUsed: h.disk}
	if ar := pn.AllocatedResources; ar != nil {
		room.memoryUsed += int64(ar.Memory)
		room.diskUsed += int64(ar.Disk)
	}
	for _, a := range pn.Relationships.Allocations {
		if !a.Assigned && !h.holds(a) {
			room.free[a.IP] = append(room.free[a.IP], a.Port)
		}
	}
	for ip := range room.free {
		slices.Sort(room.free[ip])
	}
	return room
}

// capacity is total MiB with overallocate percent on top; -1 (below 0) when overallocation is
// unchecked.
func capacity(total, overallocate int) int64 {
	if overallocate < 0 {
		return -1
	}
	return int64(total) * int64(100+overallocate) / 100
}

// describeRooms says, for a NoCapacity message, what each node lacks for d.
func describeRooms(rooms []*nodeRoom, d demand) string {
	if len(rooms) == 0 {
		return "no Ready PanelNode of the Panel matches placement.nodeSelector: label a PanelNode to match it, or change the selector"
	}
	var parts []string
	for _, n := range rooms {
		most := 0
		for _, ports := range n.free {
			most = max(most, len(ports))
		}
		var lacks []string
		if most < d.ports {
			lacks = append(lacks, fmt.Sprintf("%d free ports on one IP", most))
		}
		if n.memoryCapacity >= 0 && n.memoryUsed+d.memory > n.memoryCapacity {
			lacks = append(lacks, fmt.Sprintf("memory %d/%d MiB in use", n.memoryUsed, n.memoryCapacity))
		}
		if n.diskCapacity >= 0 && n.diskUsed+d.disk > n.diskCapacity {
			lacks = append(lacks, fmt.Sprintf("disk %d/%d MiB in use", n.diskUsed, n.diskCapacity))
		}
		parts = append(parts, n.name+": "+strings.Join(lacks, ", "))
	}
	return fmt.Sprintf("no node has %d free ports on one IP, %d MiB memory and %d MiB disk for another replica (%s): "+
		"add ports to a node's allocations, add a PanelNode the placement selects, or lower the template's limits",
		d.ports, d.memory, d.disk, strings.Join(parts, "; "))
}
