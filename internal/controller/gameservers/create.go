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
	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// createRequest builds POST /servers from the resolved spec and the egg with its variables.
func createRequest(gs *ptero.GameServer, d desired, egg *panel.Egg, deploy *panel.DeploySpec) (panel.ServerCreateRequest, error) {
	vars := egg.Relationships.Variables
	if err := checkEnvironment(vars, d.Environment); err != nil {
		return panel.ServerCreateRequest{}, err
	}
	req := panel.ServerCreateRequest{
		Name:        d.Name,
		User:        d.User,
		Egg:         egg.ID,
		DockerImage: firstNonEmpty(d.Image, defaultImage(egg)),
		Startup:     firstNonEmpty(d.Startup, egg.Startup),
		// Variables the spec leaves out get the egg's default; the panel would store "".
		Environment:       panel.CreateEnvironment(vars, d.Environment),
		ExternalID:        d.ExternalID,
		Description:       d.Description,
		Limits:            panelLimits(d.Limits, defaultIO),
		FeatureLimits:     panelFeatureLimits(d.Features),
		OOMDisabled:       d.Limits.OOMDisabled,
		SkipScripts:       d.SkipScripts,
		StartOnCompletion: ptr.Deref(gs.Spec.StartOnCompletion, true),
		Deploy:            deploy,
	}
	if d.Allocations != nil {
		req.Allocation = &panel.AllocationSpec{Default: d.Allocations.Default, Additional: d.Allocations.Additional}
	}
	return req, nil
}
