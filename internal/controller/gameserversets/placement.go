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
	"cmp"
	"slices"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// nodeRoom is what one node has left for new replicas: free ports by IP, and memory and disk
// in MiB (a capacity below 0 is unlimited, as with the panel's overallocate -1).
type nodeRoom struct {
	// name is the PanelNode's name, which the replica's allocation.nodeRef takes.
	name string
	// free ports by IP, sorted; none the panel has assigned, a GameServer names or another
	// placement has reserved.
	free                         map[string][]int
	memoryCapacity, diskCapacity int64
	memoryUsed, diskUsed         int64
}

// demand is what one replica needs of a node.
type demand struct {
	ports        int
	memory, disk int64
}

// placementChoice is where a replica goes.
type placementChoice struct {
	node  string
	ip    string
	ports []int
}

// fits reports whether the node can hold d, and on which IP (the first, in order, with enough
// free ports).
func (n *nodeRoom) fits(d demand) (string, bool) {
	if n.memoryCapacity >= 0 && n.memoryUsed+d.memory > n.memoryCapacity {
		return "", false
	}
	if n.diskCapacity >= 0 && n.diskUsed+d.disk > n.diskCapacity {
		return "", false
	}
	ips := make([]string, 0, len(n.free))
	for ip, ports := range n.free {
		if len(ports) >= d.ports {
			ips = append(ips, ip)
		}
	}
	if len(ips) == 0 {
		return "", false
	}
	slices.Sort(ips)
	return ips[0], true
}

// load is how full the node is: the larger of its memory and disk shares in use (0 for an
// unlimited resource).
func (n *nodeRoom) load() float64 {
	share := func(used, capacity int64) float64 {
		if capacity <= 0 {
			if capacity == 0 && used > 0 {
				return 1
			}
			return 0
		}
		return float64(used) / float64(capacity)
	}
	return max(share(n.memoryUsed, n.memoryCapacity), share(n.diskUsed, n.diskCapacity))
}

// take removes what the choice uses from the node.
func (n *nodeRoom) take(ip string, d demand) []int {
	ports := n.free[ip][:d.ports:d.ports]
	n.free[ip] = n.free[ip][d.ports:]
	n.memoryUsed += d.memory
	n.diskUsed += d.disk
	return ports
}

// place chooses a node, IP and ports for one replica and takes them from rooms, or reports
// that no node has room. LeastAllocated picks the emptiest node that fits, Packed the fullest,
// ties going to the node named first.
func place(rooms []*nodeRoom, spread ptero.Spread, d demand) (placementChoice, bool) {
	var best *nodeRoom
	var bestIP string
	for _, n := range rooms {
		ip, ok := n.fits(d)
		if !ok {
			continue
		}
		if best == nil || better(n, best, spread) {
			best, bestIP = n, ip
		}
	}
	if best == nil {
		return placementChoice{}, false
	}
	return placementChoice{node: best.name, ip: bestIP, ports: best.take(bestIP, d)}, true
}

// better reports whether node a is a better choice than b under spread.
func better(a, b *nodeRoom, spread ptero.Spread) bool {
	c := cmp.Compare(a.load(), b.load())
	if spread == ptero.SpreadPacked {
		c = -c
	}
	if c != 0 {
		return c < 0
	}
	return a.name < b.name
}
