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
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestExpandPorts(t *testing.T) {
	for _, tc := range []struct {
		in      ptero.PortSpec
		want    []int
		wantErr string
	}{
		{in: "25565", want: []int{25565}},
		{in: "25570-25572", want: []int{25570, 25571, 25572}},
		{in: "1025", want: []int{1025}},
		{in: "65535", want: []int{65535}},
		{in: "3000-3000", want: []int{3000}},
		{in: "1024", wantErr: "outside"},
		{in: "65536", wantErr: "outside"},
		{in: "25580-25570", wantErr: "low-high"},
		{in: "2000-3000", wantErr: "more than 1000"},
		{in: "abc", wantErr: "not a number"},
		{in: "2000-x", wantErr: "not low-high"},
	} {
		t.Run(string(tc.in), func(t *testing.T) {
			got, err := expandPorts(tc.in)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("expandPorts(%q) error = %v, want one containing %q", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("expandPorts(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
	if got, _ := expandPorts("2000-2999"); len(got) != 1000 {
		t.Fatalf("a range of exactly 1000 ports gave %d ports", len(got))
	}
}

func alloc(id int, ip string, port int, alias string, assigned bool) panel.Allocation {
	a := panel.Allocation{ID: id, IP: ip, Port: port, Assigned: assigned}
	if alias != "" {
		a.Alias = ptr.To(alias)
	}
	return a
}

func ids(as []panel.Allocation) []int {
	out := []int{}
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func TestPlanAllocations(t *testing.T) {
	spec := []ptero.NodeAllocation{
		{IP: "10.0.0.5", Alias: "play.example.com", Ports: []ptero.PortSpec{"25565", "25570-25572"}},
		{IP: "10.0.0.6", Ports: []ptero.PortSpec{"30000"}},
	}
	complete := []panel.Allocation{
		alloc(1, "10.0.0.5", 25565, "play.example.com", true),
		alloc(2, "10.0.0.5", 25570, "play.example.com", false),
		alloc(3, "10.0.0.5", 25571, "play.example.com", false),
		alloc(4, "10.0.0.5", 25572, "play.example.com", false),
		alloc(5, "10.0.0.6", 30000, "", false),
	}
	for _, tc := range []struct {
		name         string
		prune        bool
		current      []panel.Allocation
		wantCreate   []panel.AllocationCreateRequest
		wantRemove   []int
		wantInUse    []int
		wantTotal    int32
		wantAssigned int32
	}{
		{
			name: "nothing yet: one request per address with the spec's port strings",
			wantCreate: []panel.AllocationCreateRequest{
				{IP: "10.0.0.5", Alias: "play.example.com", Ports: []string{"25565", "25570-25572"}},
				{IP: "10.0.0.6", Ports: []string{"30000"}},
			},
		},
		{name: "complete", current: complete, wantTotal: 5, wantAssigned: 1},
		{
			name:    "one port of a range missing: the range is sent again (the panel skips the others)",
			current: append(copyOf(complete[:2]), complete[3:]...),
			wantCreate: []panel.AllocationCreateRequest{
				{IP: "10.0.0.5", Alias: "play.example.com", Ports: []string{"25570-25572"}},
			},
			wantTotal: 4, wantAssigned: 1,
		},
		{
			name:      "unlisted ones stay without pruning",
			current:   append(copyOf(complete), alloc(6, "10.0.0.5", 40000, "", false), alloc(7, "10.0.0.5", 40001, "", true)),
			wantTotal: 7, wantAssigned: 2,
		},
		{
			name:       "pruning deletes unlisted unassigned ones and reports assigned ones",
			prune:      true,
			current:    append(copyOf(complete), alloc(6, "10.0.0.5", 40000, "", false), alloc(7, "10.0.0.5", 40001, "", true)),
			wantRemove: []int{6}, wantInUse: []int{7},
			wantTotal: 7, wantAssigned: 2,
		},
		{
			name:    "a changed alias replaces unassigned allocations and reports assigned ones",
			current: []panel.Allocation{alloc(1, "10.0.0.5", 25565, "old", true), alloc(2, "10.0.0.5", 25570, "old", false), complete[2], complete[3], complete[4]},
			wantCreate: []panel.AllocationCreateRequest{
				{IP: "10.0.0.5", Alias: "play.example.com", Ports: []string{"25570-25572"}},
			},
			wantRemove: []int{2}, wantInUse: []int{1},
			wantTotal: 5, wantAssigned: 1,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := planAllocations(spec, tc.prune, nil, tc.current)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.create, tc.wantCreate) {
				t.Errorf("create = %+v, want %+v", p.create, tc.wantCreate)
			}
			if got := ids(p.remove); !reflect.DeepEqual(got, append([]int{}, tc.wantRemove...)) {
				t.Errorf("remove = %v, want %v", got, tc.wantRemove)
			}
			if got := ids(p.inUse); !reflect.DeepEqual(got, append([]int{}, tc.wantInUse...)) {
				t.Errorf("inUse = %v, want %v", got, tc.wantInUse)
			}
			if p.total != tc.wantTotal || p.assigned != tc.wantAssigned {
				t.Errorf("counts = %d/%d, want %d/%d", p.total, p.assigned, tc.wantTotal, tc.wantAssigned)
			}
			wantEmpty := len(tc.wantCreate) == 0 && len(tc.wantRemove) == 0
			if p.empty() != wantEmpty {
				t.Errorf("empty() = %v, want %v", p.empty(), wantEmpty)
			}
		})
	}
}

func copyOf(as []panel.Allocation) []panel.Allocation { return append([]panel.Allocation{}, as...) }

func TestPlanAllocationsComparesResolvedAddresses(t *testing.T) {
	spec := []ptero.NodeAllocation{{IP: "wings.example.com", Ports: []ptero.PortSpec{"25565"}}}
	ips := map[string]string{"wings.example.com": "192.0.2.7"}

	p, err := planAllocations(spec, true, ips, []panel.Allocation{alloc(1, "192.0.2.7", 25565, "", false)})
	if err != nil || !p.empty() {
		t.Fatalf("the panel's resolved address must match the host name: %+v, %v", p, err)
	}
	p, _ = planAllocations(spec, true, ips, nil)
	if len(p.create) != 1 || p.create[0].IP != "wings.example.com" {
		t.Fatalf("create = %+v; want the host name as the spec writes it", p.create)
	}
}

func TestPlanAllocationsRejectsBadPorts(t *testing.T) {
	spec := []ptero.NodeAllocation{{IP: "10.0.0.5", Ports: []ptero.PortSpec{"80"}}}
	if _, err := planAllocations(spec, false, nil, nil); err == nil || !strings.Contains(err.Error(), "allocations[0].ports") {
		t.Fatalf("err = %v; want one naming the field", err)
	}
}

func TestPanelAddresses(t *testing.T) {
	calls := 0
	resolve := func(_ context.Context, host string) (string, error) {
		calls++
		if host == "bad.example" {
			return "", errors.New("no such host")
		}
		return "192.0.2.1", nil
	}
	spec := []ptero.NodeAllocation{{IP: "10.0.0.5"}, {IP: "wings.example"}, {IP: "wings.example"}}
	got, err := panelAddresses(context.Background(), spec, resolve)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"10.0.0.5": "10.0.0.5", "wings.example": "192.0.2.1"}
	if !reflect.DeepEqual(got, want) || calls != 1 {
		t.Fatalf("panelAddresses = %v (%d lookups), want %v (1 lookup)", got, calls, want)
	}
	if _, err := panelAddresses(context.Background(), []ptero.NodeAllocation{{IP: "bad.example"}}, resolve); err == nil ||
		!strings.Contains(err.Error(), "spec.allocations[0].ip") {
		t.Fatalf("err = %v; want one naming the field", err)
	}
}

func TestDescribeAllocations(t *testing.T) {
	var as []panel.Allocation
	for i := range 7 {
		as = append(as, alloc(i, "10.0.0.5", 25565+i, "", true))
	}
	got := describeAllocations(as)
	if !strings.HasPrefix(got, "10.0.0.5:25565, 10.0.0.5:25566") || !strings.HasSuffix(got, "and 2 more") {
		t.Fatalf("describeAllocations = %q", got)
	}
}
