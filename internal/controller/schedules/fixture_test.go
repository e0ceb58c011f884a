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

package schedules_test

import (
	. "github.com/onsi/ginkgo/v2"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
)

// fixture is what the suite's servers stand on: a location, a node and their owner, made once.
var fixture = &controllertest.Fixture{Namespace: ns, Name: "schedules", IP: "10.2.0.1", Timeout: timeout}

// readyGameServer creates a GameServer allowed two backups and waits for it to be installed and
// Ready.
func readyGameServer(name string) *ptero.GameServer {
	GinkgoHelper()
	return readyGameServerAllowing(name, 2)
}

// readyGameServerAllowing creates a GameServer allowed backups backups (a schedule's backup task
// needs a limit above 0) and waits for it to be installed and Ready.
func readyGameServerAllowing(name string, backups int32) *ptero.GameServer {
	GinkgoHelper()
	return fixture.ReadyGameServer(name, ptero.FeatureLimits{Backups: backups})
}
