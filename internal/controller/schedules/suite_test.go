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
	// client talks to the simulator's client API as its admin, to make schedules behind the
	// operator's back.
	client *panel.Client
)

func TestSchedules(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "ServerSchedule controller")
}

var _ = BeforeSuite(func() {
	// Servers install for two seconds, so a schedule created with its server waits for the
	// install; the Panel's clientKey is what every schedule call needs.
	ctx, env = controllertest.StartSuite(controllertest.Options{
		Sim:          panelsim.Options{InstallDelay: 2 * time.Second},
		ClientKey:    true,
		SyncInterval: 10 * time.Second,
	}, ns)
	fixture.Env = env
	var err error
	client, err = panel.NewClient(env.SimURL, controllertest.ApplicationKey, panel.WithClientKey(controllertest.ClientKey))
	Expect(err).NotTo(HaveOccurred())
})

// ns holds the suite's PanelUser, GameServers and ServerSchedules.
const ns = "games"
