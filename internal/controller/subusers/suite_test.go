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

package subusers_test

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
	// pc reads and changes the simulator behind the operator's back, through both APIs: the
	// admin's client key reaches every server's subusers.
	pc *panel.Client
)

func TestSubusers(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "ServerSubuser controller")
}

var _ = BeforeSuite(func() {
	// Servers install for two seconds, so a subuser created with its server waits for the
	// install; a 10s sync interval bounds how long drift lasts.
	ctx, env = controllertest.StartSuite(controllertest.Options{
		Sim: panelsim.Options{InstallDelay: 2 * time.Second}, ClientKey: true, SyncInterval: 10 * time.Second,
	}, ns)
	fixture.Env = env
	var err error
	pc, err = panel.NewClient(env.SimURL, controllertest.ApplicationKey, panel.WithClientKey(controllertest.ClientKey))
	Expect(err).NotTo(HaveOccurred())
})

// ns holds the suite's PanelUsers, GameServers and ServerSubusers.
const ns = "games"
