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

package backups_test

import (
	"context"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

var (
	env *controllertest.Env
	ctx context.Context
	// player reaches the simulator's client API as the panel's admin does in a browser, to
	// change backups behind the operator's back.
	player *panel.Client
	// server is the suite's GameServer, Ready, allowed backupLimit backups.
	server *ptero.GameServer
)

const (
	ns          = "backups"
	timeout     = 40 * time.Second
	backupLimit = 20
)

func TestServerBackups(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "ServerBackup controller")
}

var _ = BeforeSuite(func() {
	ctx, env = controllertest.StartSuite(controllertest.Options{
		// Wings takes a second per backup; the panel's throttle (2 per 10 minutes per server) is
		// off, as every spec backs up the same server.
		Sim:          panelsim.Options{InstallDelay: time.Second, BackupDuration: time.Second, BackupThrottlePeriod: -1},
		ClientKey:    true,
		SyncInterval: 10 * time.Second,
	}, ns)
	var err error
	player, err = panel.NewClient(env.SimURL, controllertest.ApplicationKey, panel.WithClientKey(controllertest.ClientKey))
	Expect(err).NotTo(HaveOccurred())

	location := &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "backups"}, Spec: ptero.PanelLocationSpec{Short: "backups"}}
	env.Create(location)
	env.ExpectReady(location, timeout)
	node := &ptero.PanelNode{
		ObjectMeta: metav1.ObjectMeta{Name: "backups-wings"},
		Spec: ptero.PanelNodeSpec{LocationRef: &ptero.LocalObjectReference{Name: location.Name}, FQDN: "backups-wings.example.com",
			Memory: 65536, Disk: 1048576, Allocations: []ptero.NodeAllocation{{IP: "10.4.0.1", Ports: []ptero.PortSpec{"27000-27009"}}}},
	}
	env.Create(node)
	owner := &ptero.PanelUser{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "bob"},
		Spec: ptero.PanelUserSpec{Username: "bob", Email: "bob@example.com", FirstName: "Bob", LastName: "Backup"}}
	env.Create(owner)
	env.ExpectReady(node, timeout)
	env.ExpectReady(owner, timeout)
	server = newGameServer("world", 27000, backupLimit)
	env.Create(server)
	env.ExpectReady(server, timeout)
})

// newGameServer is a Paper server of bob's on port, allowed limit backups.
func newGameServer(name string, port int32, limit int32) *ptero.GameServer {
	return &ptero.GameServer{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: ptero.GameServerSpec{
			GameServerTemplateSpec: ptero.GameServerTemplateSpec{
				Owner:         ptero.ServerOwner{UserRef: &ptero.LocalObjectReference{Name: "bob"}},
				Egg:           ptero.EggSelector{Nest: "Minecraft", Name: "Paper"},
				Limits:        ptero.ServerLimits{Memory: 1024, Disk: 4096},
				FeatureLimits: ptero.FeatureLimits{Backups: limit},
			},
			Allocation: &ptero.ServerAllocation{NodeRef: &ptero.LocalObjectReference{Name: "backups-wings"}, Port: port},
		},
	}
}
