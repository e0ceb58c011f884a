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
	"errors"
	"strings"
	"testing"

	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func alloc(id int, ip string, port int, assigned bool) panel.Allocation {
	return panel.Allocation{ID: id, IP: ip, Port: port, Assigned: assigned}
}

func TestPickAllocations(t *testing.T) {
	tests := []struct {
		name       string
		ip         string
		port       int32
		additional []int32
		own        []panel.Allocation
		onNode     []panel.Allocation
		want       allocationIDs
		wantField  string
		wantMsg    string
	}{
		{name: "free ports on the only IP", port: 25565, additional: []int32{25566},
			onNode: []panel.Allocation{alloc(1, "10.0.0.5", 25565, false), alloc(2, "10.0.0.5", 25566, false)},
			want:   allocationIDs{Default: 1, Additional: []int{2}}},
		{name: "ports the server holds win", port: 25565,
			own:    []panel.Allocation{alloc(1, "10.0.0.5", 25565, true)},
			onNode: []panel.Allocation{alloc(9, "10.0.0.6", 25565, false)},
			want:   allocationIDs{Default: 1}},
		{name: "ip picks among several", ip: "10.0.0.6", port: 25565,
			onNode: []panel.Allocation{alloc(1, "10.0.0.5", 25565, false), alloc(2, "10.0.0.6", 25565, false)},
			want:   allocationIDs{Default: 2}},
		{name: "alias is accepted as ip", ip: "play.example.com", port: 25565,
			onNode: []panel.Allocation{alloc(1, "10.0.0.5", 25565, false), {ID: 2, IP: "10.0.0.6", Port: 25565, Alias: ptr.To("play.example.com")}},
			want:   allocationIDs{Default: 2}},
		{name: "several IPs need allocation.ip", port: 25565,
			onNode:    []panel.Allocation{alloc(1, "10.0.0.5", 25565, false), alloc(2, "10.0.0.6", 25565, false)},
			wantField: "allocation.ip", wantMsg: "10.0.0.5, 10.0.0.6"},
		{name: "another server's port", port: 25565,
			onNode:    []panel.Allocation{alloc(1, "10.0.0.5", 25565, true)},
			wantField: "allocation.port", wantMsg: "already assigned to another server"},
		{name: "missing port", port: 25565,
			wantField: "allocation.port", wantMsg: "has no allocation port 25565"},
		{name: "additional port on the default's IP only", port: 25565, additional: []int32{25566},
			onNode:    []panel.Allocation{alloc(1, "10.0.0.5", 25565, false), alloc(2, "10.0.0.6", 25566, false)},
			wantField: "allocation.additionalPorts[0]", wantMsg: "10.0.0.5:25566"},
		{name: "taken additional port", port: 25565, additional: []int32{25566},
			onNode:    []panel.Allocation{alloc(1, "10.0.0.5", 25565, false), alloc(2, "10.0.0.5", 25566, true)},
			wantField: "allocation.additionalPorts[0]", wantMsg: "already assigned"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pickAllocations("wings-1", tt.ip, tt.port, tt.additional, tt.own, tt.onNode)
			if tt.wantField != "" {
				var invalid *managed.InvalidSpecError
				if !errors.As(err, &invalid) || invalid.Field != tt.wantField || !strings.Contains(invalid.Message, tt.wantMsg) {
					t.Fatalf("want InvalidSpec on %s containing %q, got %v", tt.wantField, tt.wantMsg, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Default != tt.want.Default || !equal(got.Additional, tt.want.Additional) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestAllocationAddress(t *testing.T) {
	if got := allocationAddress(alloc(1, "10.0.0.5", 25565, true)); got != "10.0.0.5:25565" {
		t.Errorf("got %s", got)
	}
	if got := allocationAddress(panel.Allocation{IP: "10.0.0.5", Port: 25565, Alias: ptr.To("play.example.com")}); got != "play.example.com:25565" {
		t.Errorf("alias: got %s", got)
	}
	if got := allocationAddress(alloc(1, "2001:db8::1", 25565, true)); got != "[2001:db8::1]:25565" {
		t.Errorf("ipv6: got %s", got)
	}
}

func TestFindEgg(t *testing.T) {
	nests := []panel.Nest{
		{ID: 1, Name: "Minecraft", Relationships: panel.NestRelationships{Eggs: []panel.Egg{{ID: 4, Name: "Vanilla Minecraft"}, {ID: 5, Name: "Paper"}}}},
		{ID: 2, Name: "Source Engine", Relationships: panel.NestRelationships{Eggs: []panel.Egg{{ID: 9, Name: "Insurgency"}, {ID: 10, Name: "insurgency"}}}},
	}
	tests := []struct {
		name      string
		id        int
		nest, egg string
		want      eggRef
		wantField string
	}{
		{name: "by names", nest: "Minecraft", egg: "Paper", want: eggRef{ID: 5, Nest: 1}},
		{name: "case-insensitive when unique", nest: "minecraft", egg: "paper", want: eggRef{ID: 5, Nest: 1}},
		{name: "exact wins over folded", nest: "Source Engine", egg: "insurgency", want: eggRef{ID: 10, Nest: 2}},
		{name: "ambiguous", nest: "Source Engine", egg: "INSURGENCY", wantField: "egg.name"},
		{name: "by id", id: 9, want: eggRef{ID: 9, Nest: 2}},
		{name: "unknown id", id: 99, wantField: "egg.id"},
		{name: "unknown nest", nest: "Rust", egg: "Rust", wantField: "egg.nest"},
		{name: "unknown egg", nest: "Minecraft", egg: "Forge", wantField: "egg.name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := findEgg(nests, tt.id, tt.nest, tt.egg)
			if tt.wantField != "" {
				var invalid *managed.InvalidSpecError
				if !errors.As(err, &invalid) || invalid.Field != tt.wantField {
					t.Fatalf("want InvalidSpec on %s, got %v", tt.wantField, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
	_, err := findEgg(nests, 0, "Minecraft", "Forge")
	if !strings.Contains(err.Error(), `"Paper"`) {
		t.Errorf("the error should list the nest's eggs: %v", err)
	}
}

func TestDefaultImage(t *testing.T) {
	if got := defaultImage(&panel.Egg{DockerImage: "a", DockerImages: panel.DockerImages{"B": "b"}}); got != "a" {
		t.Errorf("docker_image first: got %s", got)
	}
	if got := defaultImage(&panel.Egg{DockerImages: panel.DockerImages{"Java 8": "j8", "Java 17": "j17"}}); got != "j17" {
		t.Errorf("stable choice by label: got %s", got)
	}
}

func TestStateAndReadiness(t *testing.T) {
	tests := []struct {
		status    *string
		suspended bool
		state     ptero.GameServerState
		reason    string
		poll      bool
	}{
		{status: nil, state: ptero.GameServerStateInstalled},
		{status: ptr.To("installing"), state: ptero.GameServerStateInstalling, reason: ptero.ReasonInstalling, poll: true},
		{status: ptr.To("install_failed"), state: ptero.GameServerStateInstallFailed, reason: ptero.ReasonInstallFailed},
		{status: ptr.To("reinstall_failed"), state: ptero.GameServerStateReinstallFailed, reason: ptero.ReasonInstallFailed},
		{status: ptr.To("suspended"), state: ptero.GameServerStateSuspended},
		{status: nil, suspended: true, state: ptero.GameServerStateSuspended},
		{status: ptr.To("restoring_backup"), state: ptero.GameServerStateRestoringBackup, poll: true},
		{status: ptr.To("transferring"), state: ptero.GameServerStateTransferring, poll: true},
	}
	for _, tt := range tests {
		state := stateOf(&panel.Server{Status: tt.status, Suspended: tt.suspended})
		reason, _, poll := readiness(state)
		if state != tt.state || reason != tt.reason || (poll > 0) != tt.poll {
			t.Errorf("status %v: got %s/%q/%s, want %s/%q/poll=%v", ptr.Deref(tt.status, "null"), state, reason, poll, tt.state, tt.reason, tt.poll)
		}
	}
}

func TestSetObserved(t *testing.T) {
	gs := &ptero.GameServer{}
	setObserved(gs, installedServer())
	st := gs.Status
	if st.ID != 7 || st.Node != "wings-1" || st.NodeID != 1 || st.Address != "10.0.0.5:25565" || st.State != ptero.GameServerStateInstalled || st.ExternalID != "default.survival" {
		t.Errorf("status %+v", st)
	}
}
