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
	"fmt"
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func room(name string, memoryUsed int64, ports ...int) *nodeRoom {
	return &nodeRoom{name: name, free: map[string][]int{"10.0.0.1": ports}, memoryCapacity: 8192, diskCapacity: -1, memoryUsed: memoryUsed}
}

func TestPlaceSpreads(t *testing.T) {
	d := demand{ports: 1, memory: 1024}
	rooms := func() []*nodeRoom { return []*nodeRoom{room("a", 0, 1, 2, 3, 4), room("b", 2048, 1, 2, 3, 4)} }

	least := rooms()
	var got []string
	for range 4 {
		c, ok := place(least, ptero.SpreadLeastAllocated, d)
		if !ok {
			t.Fatal("no room")
		}
		got = append(got, c.node)
	}
	if fmt.Sprint(got) != "[a a a b]" {
		t.Errorf("LeastAllocated placed on %v, want the emptier node until both are as full, ties by name: [a a a b]", got)
	}

	packed := rooms()
	got = nil
	for range 3 {
		c, _ := place(packed, ptero.SpreadPacked, d)
		got = append(got, c.node)
	}
	if fmt.Sprint(got) != "[b b b]" {
		t.Errorf("Packed placed on %v, want the fullest node that fits: [b b b]", got)
	}
}

func TestPlaceNeverGivesAPortTwice(t *testing.T) {
	rooms := []*nodeRoom{room("a", 0, 25565, 25566, 25567)}
	seen := map[int]bool{}
	for range 3 {
		c, ok := place(rooms, ptero.SpreadLeastAllocated, demand{ports: 1})
		if !ok {
			t.Fatal("no room for 3 replicas on 3 ports")
		}
		if seen[c.ports[0]] {
			t.Fatalf("port %d given twice", c.ports[0])
		}
		seen[c.ports[0]] = true
	}
	if _, ok := place(rooms, ptero.SpreadLeastAllocated, demand{ports: 1}); ok {
		t.Error("a fourth replica placed on a node with 3 ports")
	}
}

func TestPlaceHonoursMemoryAndPortsPerReplica(t *testing.T) {
	rooms := []*nodeRoom{room("a", 7168, 1, 2, 3), room("b", 0, 1)}
	if _, ok := place(rooms, ptero.SpreadLeastAllocated, demand{ports: 2, memory: 2048}); ok {
		t.Error("placed 2 ports and 2 GiB where a has the ports but 1 GiB left and b one port")
	}
	c, ok := place(rooms, ptero.SpreadLeastAllocated, demand{ports: 2, memory: 1024})
	if !ok || c.node != "a" || fmt.Sprint(c.ports) != "[1 2]" {
		t.Errorf("got %+v, %v; want node a, ports [1 2]", c, ok)
	}
	if msg := describeRooms(rooms, demand{ports: 2, memory: 2048}); msg == "" {
		t.Error("no message for a shortage")
	}
}

func TestRoomOfTakesOffWhatIsHeld(t *testing.T) {
	alias := "play.example.com"
	pn := &panel.Node{Memory: 4096, MemoryOverallocate: 50, Disk: 1000, DiskOverallocate: -1,
		AllocatedResources: &panel.AllocatedResources{Memory: 1024},
		Relationships: panel.NodeRelationships{Allocations: []panel.Allocation{
			{IP: "10.0.0.1", Alias: &alias, Port: 25565, Assigned: true},
			{IP: "10.0.0.1", Alias: &alias, Port: 25566},
			{IP: "10.0.0.1", Alias: &alias, Port: 25567},
			{IP: "10.0.0.1", Alias: &alias, Port: 25568},
			{IP: "10.0.0.2", Port: 25566},
		}}}
	h := holdings{onIP: map[string]bool{}, anyIP: map[int]bool{}, memory: 512}
	h.hold("play.example.com", 25567) // a GameServer naming the alias
	h.hold("", 25568)                 // one naming no IP
	r := roomOf("a", pn, h)
	if fmt.Sprint(r.free) != "map[10.0.0.1:[25566] 10.0.0.2:[25566]]" {
		t.Errorf("free = %v", r.free)
	}
	if r.memoryCapacity != 6144 || r.memoryUsed != 1536 || r.diskCapacity != -1 {
		t.Errorf("memory %d/%d, disk capacity %d; want 1536/6144 and unlimited disk", r.memoryUsed, r.memoryCapacity, r.diskCapacity)
	}
}
