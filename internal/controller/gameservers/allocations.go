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

package gameservers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// allocationIDs are the panel allocations the spec's ports stand for.
type allocationIDs struct {
	Default    int
	Additional []int
}

// all returns the default and the additional allocations.
func (a allocationIDs) all() []int { return append([]int{a.Default}, a.Additional...) }

// resolveAllocations turns allocation.port and additionalPorts into allocation ids on the node.
// With the snapshot, the node's allocations come from its copy, which costs no request; only
// when the copy cannot place every port (it may have missed an allocation freed since its list)
// are they read from the panel. A port the copy places on an allocation taken since is refused
// by the panel's create, as it would be after a GET.
func (e *external) resolveAllocations(ctx context.Context, node int, nodeName string, spec *ptero.ServerAllocation, own []panel.Allocation) (allocationIDs, error) {
	n, searched, err := e.conn.Nodes.Find(ctx, func(n *panel.Node) bool { return n.ID == node })
	if err == nil && searched && n != nil {
		if ids, err := pickAllocations(nodeName, spec.IP, spec.Port, spec.AdditionalPorts, own, n.Relationships.Allocations); err == nil {
			return ids, nil
		}
	}
	return readAllocations(ctx, e.conn.Client, node, nodeName, spec, own)
}

// readAllocations reads from the panel the allocations of the node that the server does not hold
// yet, and picks from them. own are the server's current allocations (none before create): ports
// the server already holds cost no request; the others are looked up on the node in one list call.
func readAllocations(ctx context.Context, c *panel.Client, node int, nodeName string, spec *ptero.ServerAllocation, own []panel.Allocation) (allocationIDs, error) {
	wanted := append([]int32{spec.Port}, spec.AdditionalPorts...)
	var missing []string
	for _, p := range wanted {
		if !slices.ContainsFunc(own, func(a panel.Allocation) bool { return a.Port == int(p) && ipMatches(a, spec.IP) }) {
			missing = append(missing, strconv.Itoa(int(p)))
		}
	}
	var onNode []panel.Allocation
	if len(missing) > 0 {
		filters := map[string]string{"port": strings.Join(missing, ",")}
		if spec.IP != "" && isIP(spec.IP) {
			filters["ip"] = spec.IP
		}
		var err error
		onNode, err = c.Allocations.ListAll(ctx, node, &panel.ListOptions{Filters: filters, PerPage: 100})
		if err != nil {
			return allocationIDs{}, err
		}
	}
	return pickAllocations(nodeName, spec.IP, spec.Port, spec.AdditionalPorts, own, onNode)
}

// pickAllocations chooses, for each wanted port, an allocation the server already holds or a free
// one on the node, all on one IP (the default's). Errors name the spec field and say what to do.
func pickAllocations(nodeName, ip string, port int32, additional []int32, own, onNode []panel.Allocation) (allocationIDs, error) {
	owned := make(map[int]bool, len(own))
	all := make([]panel.Allocation, 0, len(own)+len(onNode))
	for _, a := range own {
		owned[a.ID] = true
		all = append(all, a)
	}
	for _, a := range onNode {
		if !owned[a.ID] {
			all = append(all, a)
		}
	}
	usable := func(a panel.Allocation) bool { return owned[a.ID] || !a.Assigned }

	if ip == "" {
		var ips []string
		for _, a := range all {
			if a.Port == int(port) && usable(a) && !slices.Contains(ips, a.IP) {
				ips = append(ips, a.IP)
			}
		}
		// The server's own allocation wins over free ones on other IPs.
		for _, a := range own {
			if a.Port == int(port) {
				ips = []string{a.IP}
				break
			}
		}
		if len(ips) > 1 {
			slices.Sort(ips)
			return allocationIDs{}, managed.InvalidSpec("allocation.ip",
				"port %d is free on several IPs of node %s (%s): set allocation.ip", port, nodeName, strings.Join(ips, ", "))
		}
		if len(ips) == 1 {
			ip = ips[0]
		}
	}

	pick := func(field string, p int32) (int, error) {
		var taken bool
		best := 0
		for _, a := range all {
			if a.Port != int(p) || (ip != "" && !ipMatches(a, ip)) {
				continue
			}
			switch {
			case owned[a.ID]:
				return a.ID, nil
			case usable(a) && best == 0:
				best = a.ID
			case !usable(a):
				taken = true
			}
		}
		if best != 0 {
			return best, nil
		}
		addr := fmt.Sprintf("port %d", p)
		if ip != "" {
			addr = fmt.Sprintf("%s:%d", ip, p)
		}
		if taken {
			return 0, managed.InvalidSpec(field, "%s on node %s is already assigned to another server: pick a free port, or add one to the node's allocations", addr, nodeName)
		}
		return 0, managed.InvalidSpec(field, "node %s has no allocation %s: add the port to the node's allocations (its PanelNode's spec.allocations), or pick one it has", nodeName, addr)
	}

	var ids allocationIDs
	var err error
	if ids.Default, err = pick("allocation.port", port); err != nil {
		return allocationIDs{}, err
	}
	for i, p := range additional {
		id, err := pick(fmt.Sprintf("allocation.additionalPorts[%d]", i), p)
		if err != nil {
			return allocationIDs{}, err
		}
		ids.Additional = append(ids.Additional, id)
	}
	return ids, nil
}

// ipMatches reports whether an allocation is on the address the spec names (its IP or its alias);
// an empty address matches any.
func ipMatches(a panel.Allocation, ip string) bool {
	return ip == "" || a.IP == ip || (a.Alias != nil && *a.Alias == ip)
}

// isIP is a cheap check that a value can be sent as the panel's exact ip filter (an alias cannot).
func isIP(s string) bool {
	return strings.Trim(s, "0123456789.:abcdefABCDEF") == ""
}

// allocationAddress is how players reach an allocation: its alias if it has one, else its IP.
func allocationAddress(a panel.Allocation) string {
	host := a.IP
	if a.Alias != nil && *a.Alias != "" {
		host = *a.Alias
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return host + ":" + strconv.Itoa(a.Port)
}
