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
	"strings"
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestCreateRequest(t *testing.T) {
	egg := &panel.Egg{ID: 5, Startup: "java -jar {{SERVER_JARFILE}}",
		DockerImages:  panel.DockerImages{"Java 21": "ghcr.io/pterodactyl/yolks:java_21"},
		Relationships: panel.EggRelationships{Variables: paperVars()}}
	gs := &ptero.GameServer{}
	d := baseDesired()
	d.Limits.IO = 0
	d.Limits.Threads = "0-1"
	req, err := createRequest(gs, d, egg, nil)
	if err != nil {
		t.Fatal(err)
	}
	if req.Environment["MINECRAFT_VERSION"] != "1.21" || req.Environment["SERVER_JARFILE"] != "server.jar" || len(req.Environment) != 4 {
		t.Errorf("environment not completed with the egg's defaults: %v", req.Environment)
	}
	if req.DockerImage != "ghcr.io/pterodactyl/yolks:java_21" || req.Startup != egg.Startup {
		t.Errorf("image %q startup %q: want the egg's", req.DockerImage, req.Startup)
	}
	if req.Limits.IO != defaultIO || *req.Limits.Threads != "0-1" || !req.StartOnCompletion || !*req.OOMDisabled {
		t.Errorf("limits %+v start %v", req.Limits, req.StartOnCompletion)
	}
	if req.Allocation == nil || req.Allocation.Default != 11 || !equal(req.Allocation.Additional, []int{12}) || req.Deploy != nil {
		t.Errorf("allocation %+v", req.Allocation)
	}
	if *req.FeatureLimits.Backups != 0 || *req.FeatureLimits.Databases != 1 {
		t.Errorf("feature limits must all be sent: %+v", req.FeatureLimits)
	}

	d.Environment = map[string]string{"SERVER_JARFILE": "paper.jar", "EXTRA": "1"}
	if _, err := createRequest(gs, d, egg, nil); err == nil || !strings.Contains(err.Error(), "environment.EXTRA") {
		t.Errorf("an unknown variable must be refused naming environment.EXTRA, got %v", err)
	}
}
