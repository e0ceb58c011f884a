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
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestPanelLimits(t *testing.T) {
	got := panelLimits(ptero.ServerLimits{Memory: 1024, Swap: -1, Disk: 4096, CPU: 150}, 300)
	if got.BuildLimits != (panel.BuildLimits{Memory: 1024, Swap: -1, Disk: 4096, IO: 300, CPU: 150}) || got.Threads != nil {
		t.Errorf("an unset io must become the given one and unset threads stay unsent: %+v", got)
	}
	got = panelLimits(ptero.ServerLimits{IO: 800, Threads: "0-1"}, 300)
	if got.IO != 800 || got.Threads == nil || *got.Threads != "0-1" {
		t.Errorf("the spec's io and threads must win: %+v", got)
	}
}
