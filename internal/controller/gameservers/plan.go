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
	"maps"
	"slices"

	"k8s.io/utils/ptr"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// plan is the set of panel calls that make a server match the spec, one per group that differs.
type plan struct {
	Details *panel.ServerDetailsRequest
	// Build holds one request, or two when the default allocation moves off an allocation that
	// is also being removed (the panel would otherwise pick the new default itself).
	Build   []panel.ServerBuildRequest
	Startup *panel.ServerStartupRequest
	// Suspend is the suspension to set, nil when it is right.
	Suspend *bool
	// Changed names what differs, for events and logs (never values: environment may hold secrets).
	Changed []string
}

func (p plan) empty() bool {
	return p.Details == nil && len(p.Build) == 0 && p.Startup == nil && p.Suspend == nil
}

// planUpdate compares the server with the spec field by field, on what the spec sets. newEgg is
// the egg to switch to (with its variables) when d.Egg differs from the server's, else nil.
func planUpdate(s *panel.Server, d desired, newEgg *panel.Egg) (plan, error) {
	var p plan

	if s.Name != d.Name || s.Description != d.Description || s.User != d.User || s.ExternalID != d.ExternalID {
		req := panel.DetailsRequestFrom(s)
		req.Name, req.Description, req.User, req.ExternalID = d.Name, d.Description, d.User, d.ExternalID
		p.Details = &req
		p.Changed = append(p.Changed, "details")
	}

	if b := planBuild(s, d); len(b) > 0 {
		p.Build = b
		p.Changed = append(p.Changed, "build")
	}

	st, err := planStartup(s, d, newEgg)
	if err != nil {
		return plan{}, err
	}
	if st != nil {
		p.Startup = st
		p.Changed = append(p.Changed, "startup")
	}

	if s.IsSuspended() != d.Suspended {
		p.Suspend = ptr.To(d.Suspended)
		p.Changed = append(p.Changed, "suspended")
	}
	return p, nil
}

// planBuild returns the build requests when limits, threads, the OOM setting, feature limits or
// allocations differ. Each request starts from the server's build, so what the spec leaves out
// is sent back as it is.
func planBuild(s *panel.Server, d desired) []panel.ServerBuildRequest {
	req := panel.BuildRequestFrom(s)
	limits := panelLimits(d.Limits, s.Limits.IO).BuildLimits
	limitsDiffer := req.Limits != limits
	threadsDiffer := ptr.Deref(s.Limits.Threads, "") != d.Limits.Threads
	oomDiffers := d.Limits.OOMDisabled != nil && *d.Limits.OOMDisabled != s.Limits.OOMDisabled
	featuresDiffer := !intIs(s.FeatureLimits.Databases, d.Features.Databases) ||
		!intIs(s.FeatureLimits.Allocations, d.Features.Allocations) ||
		!intIs(s.FeatureLimits.Backups, d.Features.Backups)

	var add, remove []int
	defaultDiffers := false
	if d.Allocations != nil {
		current := serverAllocationIDs(s)
		wanted := d.Allocations.all()
		add = minus(wanted, current)
		remove = minus(current, wanted)
		defaultDiffers = s.Allocation != d.Allocations.Default
	}
	if !limitsDiffer && !threadsDiffer && !oomDiffers && !featuresDiffer && !defaultDiffers && len(add) == 0 && len(remove) == 0 {
		return nil
	}

	req.Limits = limits
	if threadsDiffer {
		// "" clears the pinning; nil would keep it.
		req.Threads = ptr.To(d.Limits.Threads)
	}
	if d.Limits.OOMDisabled != nil {
		req.OOMDisabled = ptr.To(*d.Limits.OOMDisabled)
	}
	req.FeatureLimits = panelFeatureLimits(d.Features)
	if d.Allocations == nil {
		return []panel.ServerBuildRequest{req}
	}
	req.Allocation = d.Allocations.Default
	req.AddAllocations = add
	if !slices.Contains(remove, s.Allocation) {
		req.RemoveAllocations = remove
		return []panel.ServerBuildRequest{req}
	}
	// Removing the current default makes the panel choose the first added allocation as the new
	// default, or refuse when nothing is added. Move the default first, then remove.
	second := req
	second.AddAllocations = nil
	second.RemoveAllocations = remove
	return []panel.ServerBuildRequest{req, second}
}

// planStartup returns the startup request when egg, image, startup command or a variable the spec
// sets differs. The request carries the whole environment: the panel writes "" into every
// variable a non-empty environment leaves out.
func planStartup(s *panel.Server, d desired, newEgg *panel.Egg) (*panel.ServerStartupRequest, error) {
	if newEgg != nil && newEgg.ID != s.Egg {
		// Switching eggs: the new egg's variables, defaults for those the spec does not set,
		// and the new egg's image and command unless the spec names its own.
		vars := newEgg.Relationships.Variables
		if err := checkEnvironment(vars, d.Environment); err != nil {
			return nil, err
		}
		req := panel.ServerStartupRequest{
			Startup:     firstNonEmpty(d.Startup, newEgg.Startup),
			Environment: panel.CreateEnvironment(vars, d.Environment),
			Egg:         newEgg.ID,
			Image:       firstNonEmpty(d.Image, defaultImage(newEgg)),
			SkipScripts: d.SkipScripts,
		}
		return &req, nil
	}

	vars := s.Relationships.Variables
	if err := checkEnvironment(vars, d.Environment); err != nil {
		return nil, err
	}
	differs := (d.Image != "" && d.Image != s.Container.Image) || (d.Startup != "" && d.Startup != s.Container.StartupCommand)
	for k, v := range d.Environment {
		if currentValue(s, k) != v {
			differs = true
		}
	}
	if !differs {
		return nil, nil
	}
	req := panel.StartupRequestFrom(s, vars)
	maps.Copy(req.Environment, d.Environment)
	if d.Image != "" {
		req.Image = d.Image
	}
	if d.Startup != "" {
		req.Startup = d.Startup
	}
	req.SkipScripts = d.SkipScripts
	return &req, nil
}

// currentValue is a variable's value on the server: its own value, else what the container
// environment shows (the default when the server has none).
func currentValue(s *panel.Server, key string) string {
	for _, v := range s.Relationships.Variables {
		if v.EnvVariable == key && v.ServerValue != nil {
			return *v.ServerValue
		}
	}
	return s.Container.Environment[key]
}

// serverAllocationIDs are the allocations a server holds, from its "allocations" include.
func serverAllocationIDs(s *panel.Server) []int {
	ids := make([]int, 0, len(s.Relationships.Allocations)+1)
	for _, a := range s.Relationships.Allocations {
		ids = append(ids, a.ID)
	}
	if s.Allocation != 0 && !slices.Contains(ids, s.Allocation) {
		ids = append(ids, s.Allocation)
	}
	return ids
}

func minus(a, b []int) []int {
	var out []int
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// intIs compares a panel feature limit (nil = unlimited) with the spec's number.
func intIs(p *int, want int32) bool { return p != nil && *p == int(want) }
