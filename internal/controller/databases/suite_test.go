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

package databases_test

import (
	"context"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

var (
	env *controllertest.Env
	ctx context.Context
	// pc edits the simulator behind the operator's back, and reads what it holds.
	pc *panel.Client
)

func TestDatabases(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "ServerDatabase controller")
}

var _ = BeforeSuite(func() {
	// Servers install for a second, so a database created with its server waits for the install.
	ctx, env = controllertest.StartSuite(controllertest.Options{Sim: panelsim.Options{InstallDelay: time.Second}}, ns)
	fixture.Env = env
	pc = env.Panel
})

// ns holds the suite's PanelUser, GameServers, ServerDatabases and their Secrets.
const ns = "games"
