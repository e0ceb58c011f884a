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
	"testing"

	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// paperVars are the Paper egg's variables as the panel seeds them.
func paperVars() []panel.EggVariable {
	return []panel.EggVariable{
		{EnvVariable: "MINECRAFT_VERSION", DefaultValue: "latest"},
		{EnvVariable: "SERVER_JARFILE", DefaultValue: "server.jar"},
		{EnvVariable: "DL_PATH", DefaultValue: ""},
		{EnvVariable: "BUILD_NUMBER", DefaultValue: "latest"},
	}
}

// installedServer is a server as the panel returns it with the observe includes, matching
// baseDesired exactly, with the values the panel fills in itself (image, startup, variables
// the spec does not set).
func installedServer() *panel.Server {
	vars := paperVars()
	for i := range vars {
		vars[i].ServerValue = ptr.To(vars[i].DefaultValue)
	}
	vars[0].ServerValue = ptr.To("1.21")
	return &panel.Server{
		ID: 7, ExternalID: "default.survival", Name: "survival", Description: "", User: 3, Node: 1, Allocation: 11, Egg: 5,
		Limits:        panel.Limits{Memory: 2048, Swap: 0, Disk: 10240, IO: 500, CPU: 200, OOMDisabled: true},
		FeatureLimits: panel.FeatureLimits{Databases: ptr.To(1), Allocations: ptr.To(2), Backups: ptr.To(0)},
		Container: panel.Container{StartupCommand: "java -jar {{SERVER_JARFILE}}", Image: "ghcr.io/pterodactyl/yolks:java_21",
			Environment: map[string]string{"MINECRAFT_VERSION": "1.21", "SERVER_JARFILE": "server.jar", "DL_PATH": "", "BUILD_NUMBER": "latest", "STARTUP": "java", "P_SERVER_UUID": "x"}},
		Relationships: panel.ServerRelationships{
			Allocations: []panel.Allocation{{ID: 11, IP: "10.0.0.5", Port: 25565, Assigned: true}, {ID: 12, IP: "10.0.0.5", Port: 25566, Assigned: true}},
			Variables:   vars,
			Node:        &panel.Node{ID: 1, Name: "wings-1"},
		},
	}
}

func baseDesired() desired {
	return desired{
		Name: "survival", ExternalID: "default.survival", User: 3, Egg: 5,
		Environment: map[string]string{"MINECRAFT_VERSION": "1.21"},
		Limits:      ptero.ServerLimits{Memory: 2048, Disk: 10240, IO: 500, CPU: 200, OOMDisabled: ptr.To(true)},
		Features:    ptero.FeatureLimits{Databases: 1, Allocations: 2},
		Allocations: &allocationIDs{Default: 11, Additional: []int{12}},
	}
}

func TestPlanUpdateInSync(t *testing.T) {
	p, err := planUpdate(installedServer(), baseDesired(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !p.empty() {
		t.Fatalf("a server matching the spec, with panel-filled image, startup and variables, needs no update; got %v", p.Changed)
	}
}

func TestPlanUpdateGroups(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *desired, s *panel.Server)
		want   []string
		check  func(t *testing.T, p plan)
	}{
		{name: "description", change: func(d *desired, _ *panel.Server) { d.Description = "Alice's world" }, want: []string{"details"},
			check: func(t *testing.T, p plan) {
				// details replaces: the external id must be sent again or it becomes null.
				if p.Details.Description != "Alice's world" || p.Details.ExternalID != "default.survival" || p.Details.User != 3 || p.Details.Name != "survival" {
					t.Errorf("details request %+v", *p.Details)
				}
			}},
		{name: "owner", change: func(d *desired, _ *panel.Server) { d.User = 4 }, want: []string{"details"}},
		{name: "external id drift", change: func(_ *desired, s *panel.Server) { s.ExternalID = "" }, want: []string{"details"}},
		{name: "memory", change: func(d *desired, _ *panel.Server) { d.Limits.Memory = 4096 }, want: []string{"build"},
			check: func(t *testing.T, p plan) {
				b := p.Build[0]
				if len(p.Build) != 1 || b.Limits.Memory != 4096 || b.Limits.Disk != 10240 || b.Allocation != 11 ||
					*b.FeatureLimits.Databases != 1 || b.Threads != nil || len(b.AddAllocations)+len(b.RemoveAllocations) != 0 {
					t.Errorf("build request %+v", b)
				}
			}},
		{name: "io left to the panel", change: func(d *desired, s *panel.Server) { d.Limits.IO = 0; s.Limits.IO = 300 }},
		{name: "oom unset is not diffed", change: func(d *desired, s *panel.Server) { d.Limits.OOMDisabled = nil; s.Limits.OOMDisabled = false }},
		{name: "oom", change: func(d *desired, _ *panel.Server) { d.Limits.OOMDisabled = ptr.To(false) }, want: []string{"build"},
			check: func(t *testing.T, p plan) {
				if *p.Build[0].OOMDisabled {
					t.Error("oom_disabled not sent as false")
				}
			}},
		{name: "threads cleared", change: func(_ *desired, s *panel.Server) { s.Limits.Threads = ptr.To("0-1") }, want: []string{"build"},
			check: func(t *testing.T, p plan) {
				if p.Build[0].Threads == nil || *p.Build[0].Threads != "" {
					t.Error(`threads must be sent as "" to clear them`)
				}
			}},
		{name: "unlimited databases in the panel differ from 0", change: func(d *desired, s *panel.Server) { d.Features.Databases = 0; s.FeatureLimits.Databases = nil },
			want: []string{"build"}},
		{name: "default port moves to a new allocation", change: func(d *desired, _ *panel.Server) { d.Allocations = &allocationIDs{Default: 13, Additional: []int{12}} },
			want: []string{"build"},
			check: func(t *testing.T, p plan) {
				if len(p.Build) != 2 {
					t.Fatalf("removing the current default needs two calls, got %d", len(p.Build))
				}
				if p.Build[0].Allocation != 13 || !equal(p.Build[0].AddAllocations, []int{13}) || len(p.Build[0].RemoveAllocations) != 0 {
					t.Errorf("first call %+v", p.Build[0])
				}
				if !equal(p.Build[1].RemoveAllocations, []int{11}) || len(p.Build[1].AddAllocations) != 0 || p.Build[1].Allocation != 13 {
					t.Errorf("second call %+v", p.Build[1])
				}
			}},
		{name: "additional port added", change: func(d *desired, _ *panel.Server) { d.Allocations.Additional = []int{12, 14} }, want: []string{"build"},
			check: func(t *testing.T, p plan) {
				if len(p.Build) != 1 || !equal(p.Build[0].AddAllocations, []int{14}) || p.Build[0].Allocation != 11 {
					t.Errorf("build %+v", p.Build)
				}
			}},
		{name: "additional port removed", change: func(d *desired, _ *panel.Server) { d.Allocations.Additional = nil }, want: []string{"build"},
			check: func(t *testing.T, p plan) {
				if len(p.Build) != 1 || !equal(p.Build[0].RemoveAllocations, []int{12}) {
					t.Errorf("build %+v", p.Build)
				}
			}},
		{name: "deploy mode leaves allocations alone", change: func(d *desired, _ *panel.Server) { d.Allocations = nil }},
		{name: "environment", change: func(d *desired, _ *panel.Server) { d.Environment = map[string]string{"MINECRAFT_VERSION": "1.20.4"} },
			want: []string{"startup"},
			check: func(t *testing.T, p plan) {
				env := p.Startup.Environment
				// The whole environment goes out, or the panel blanks the variables left out.
				if env["MINECRAFT_VERSION"] != "1.20.4" || env["SERVER_JARFILE"] != "server.jar" || env["BUILD_NUMBER"] != "latest" || len(env) != 4 {
					t.Errorf("environment %v", env)
				}
				if p.Startup.Image != "ghcr.io/pterodactyl/yolks:java_21" || p.Startup.Egg != 5 || p.Startup.Startup == "" {
					t.Errorf("startup %+v", *p.Startup)
				}
			}},
		{name: "image", change: func(d *desired, _ *panel.Server) { d.Image = "ghcr.io/pterodactyl/yolks:java_17" }, want: []string{"startup"}},
		{name: "image left to the egg", change: func(d *desired, s *panel.Server) { d.Image = ""; s.Container.Image = "custom" }},
		{name: "egg switch", change: func(d *desired, _ *panel.Server) { d.Egg = 4 }, want: []string{"startup"},
			check: func(t *testing.T, p plan) {
				if p.Startup.Egg != 4 || p.Startup.Image != "ghcr.io/pterodactyl/yolks:java_17" || p.Startup.Startup != "vanilla" ||
					p.Startup.Environment["VANILLA_VERSION"] != "latest" || len(p.Startup.Environment) != 1 {
					t.Errorf("startup %+v", *p.Startup)
				}
			}},
		{name: "suspend", change: func(d *desired, _ *panel.Server) { d.Suspended = true }, want: []string{"suspended"}},
		{name: "suspended and meant to be", change: func(d *desired, s *panel.Server) { d.Suspended = true; s.Status = ptr.To(panel.StatusSuspended) }},
		{name: "unsuspend", change: func(_ *desired, s *panel.Server) { s.Status = ptr.To(panel.StatusSuspended) }, want: []string{"suspended"},
			check: func(t *testing.T, p plan) {
				if *p.Suspend {
					t.Error("want unsuspend")
				}
			}},
		{name: "several groups", change: func(d *desired, _ *panel.Server) { d.Name = "x"; d.Limits.CPU = 100 }, want: []string{"details", "build"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, d := installedServer(), baseDesired()
			tt.change(&d, s)
			var newEgg *panel.Egg
			if d.Egg != s.Egg {
				newEgg = &panel.Egg{ID: d.Egg, Startup: "vanilla", DockerImage: "ghcr.io/pterodactyl/yolks:java_17",
					Relationships: panel.EggRelationships{Variables: []panel.EggVariable{{EnvVariable: "VANILLA_VERSION", DefaultValue: "latest"}}}}
				d.Environment = nil
			}
			p, err := planUpdate(s, d, newEgg)
			if err != nil {
				t.Fatal(err)
			}
			if !equal(p.Changed, tt.want) {
				t.Fatalf("changed %v, want %v", p.Changed, tt.want)
			}
			if tt.check != nil {
				tt.check(t, p)
			}
		})
	}
}

func TestPlanUpdateUnknownVariable(t *testing.T) {
	d := baseDesired()
	d.Environment = map[string]string{"MINECRAFT_VERSION": "1.21", "NOPE": "x"}
	_, err := planUpdate(installedServer(), d, nil)
	var invalid *managed.InvalidSpecError
	if !errors.As(err, &invalid) || invalid.Field != "environment.NOPE" {
		t.Fatalf("want InvalidSpec on environment.NOPE, got %v", err)
	}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
