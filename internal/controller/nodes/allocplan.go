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

package nodes

import (
	"fmt"
	"slices"
	"strings"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// allocKey is one port on one address, the panel's unit of allocation.
type allocKey struct {
	IP   string
	Port int
}

func (k allocKey) String() string { return fmt.Sprintf("%s:%d", k.IP, k.Port) }

// allocPlan is what it takes to make the node's allocations match the spec.
type allocPlan struct {
	// create holds one request per address and alias, with the spec's own port strings (the panel
	// takes ranges and silently skips ports that exist already).
	create []panel.AllocationCreateRequest
	// remove holds unassigned allocations to delete: no longer listed (when pruning), or listed
	// with another alias (the API cannot change an alias, so they are deleted and created again).
	remove []panel.Allocation
	// inUse holds allocations the spec wants gone or changed that a server uses: the panel
	// refuses to delete them, so they are reported, not retried.
	inUse []panel.Allocation
	// total and assigned count the panel's allocations as observed.
	total, assigned int32
}

// empty reports whether the allocations match the spec as far as the operator can make them.
func (p allocPlan) empty() bool { return len(p.create) == 0 && len(p.remove) == 0 }

// wantedAlloc is one port the spec lists, with its alias and the port string that names it.
type wantedAlloc struct {
	alias string
	spec  ptero.PortSpec
	entry int
}

// planAllocations compares the spec's allocations with the panel's. ips maps each spec ip to
// the address the panel stores (a host name is resolved by the panel). A port listed twice keeps
// the alias of its first entry.
func planAllocations(spec []ptero.NodeAllocation, prune bool, ips map[string]string, current []panel.Allocation) (allocPlan, error) {
	want := map[allocKey]wantedAlloc{}
	for i, a := range spec {
		ip := ips[a.IP]
		if ip == "" {
			ip = a.IP
		}
		for _, p := range a.Ports {
			ports, err := expandPorts(p)
			if err != nil {
				return allocPlan{}, managed.InvalidSpec(fmt.Sprintf("allocations[%d].ports", i), "%v", err)
			}
			for _, port := range ports {
				k := allocKey{ip, port}
				if _, dup := want[k]; !dup {
					want[k] = wantedAlloc{alias: a.Alias, spec: p, entry: i}
				}
			}
		}
	}

	var plan allocPlan
	present := map[allocKey]bool{}
	for _, a := range current {
		plan.total++
		if a.Assigned {
			plan.assigned++
		}
		k := allocKey{a.IP, a.Port}
		w, listed := want[k]
		switch {
		case listed && aliasOf(a) == w.alias:
			present[k] = true
		case !listed && !prune:
			// Not ours to remove.
		case a.Assigned:
			present[k] = true // cannot be replaced while a server uses it
			plan.inUse = append(plan.inUse, a)
		default:
			plan.remove = append(plan.remove, a)
		}
	}

	// Group the missing ports by address and alias, in spec order, naming each by the spec's port
	// string so a range is sent as one range.
	type group struct{ ip, alias string }
	ports := map[group][]string{}
	var order []group
	for i, a := range spec {
		ip := ips[a.IP]
		if ip == "" {
			ip = a.IP
		}
		for _, p := range a.Ports {
			expanded, _ := expandPorts(p) // validated above
			missing := false
			for _, port := range expanded {
				k := allocKey{ip, port}
				if w := want[k]; !present[k] && w.entry == i && w.spec == p {
					missing = true
					break
				}
			}
			if !missing {
				continue
			}
			g := group{ip, a.Alias}
			if _, seen := ports[g]; !seen {
				order = append(order, g)
			}
			if !slices.Contains(ports[g], string(p)) {
				ports[g] = append(ports[g], string(p))
			}
		}
	}
	for _, g := range order {
		// The request names the address as the spec does: the panel resolves host names itself.
		plan.create = append(plan.create, panel.AllocationCreateRequest{IP: specIP(spec, ips, g.ip), Alias: g.alias, Ports: ports[g]})
	}
	return plan, nil
}

// specIP returns the spec's spelling of a resolved address.
func specIP(spec []ptero.NodeAllocation, ips map[string]string, resolved string) string {
	for _, a := range spec {
		if ips[a.IP] == resolved {
			return a.IP
		}
	}
	return resolved
}

func aliasOf(a panel.Allocation) string {
	if a.Alias == nil {
		return ""
	}
	return *a.Alias
}

// describeAllocations lists allocations for a message, at most a handful.
func describeAllocations(as []panel.Allocation) string {
	const shown = 5
	names := make([]string, 0, min(len(as), shown))
	for i, a := range as {
		if i == shown {
			break
		}
		names = append(names, allocKey{a.IP, a.Port}.String())
	}
	s := strings.Join(names, ", ")
	if len(as) > shown {
		s += fmt.Sprintf(" and %d more", len(as)-shown)
	}
	return s
}
