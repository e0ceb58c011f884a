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
	"sync"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// The servers of the suite live on one node with a range of ports, owned by one user.
const (
	fixtureNode  = "schedules-wings"
	fixtureOwner = "schedowner"
	firstPort    = 25565
	portCount    = 100
)

var (
	fixturesOnce sync.Once
	// ports hands each GameServer a port of its own on the fixture node.
	ports atomic.Int32
)

// fixtures creates, once, the Ready PanelLocation, PanelNode and PanelUser every GameServer of
// the suite uses.
func fixtures() {
	GinkgoHelper()
	fixturesOnce.Do(func() {
		loc := &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "schedules"}, Spec: ptero.PanelLocationSpec{Short: "schedules"}}
		env.Create(loc)
		env.ExpectReady(loc, timeout)

		node := &ptero.PanelNode{
			ObjectMeta: metav1.ObjectMeta{Name: fixtureNode},
			Spec: ptero.PanelNodeSpec{
				LocationRef: &ptero.LocalObjectReference{Name: loc.Name},
				FQDN:        fixtureNode + ".example.com",
				Memory:      65536,
				Disk:        1048576,
				Allocations: []ptero.NodeAllocation{{IP: "10.2.0.1", Ports: []ptero.PortSpec{"25565-25664"}}},
			},
		}
		env.Create(node)
		env.ExpectReady(node, timeout)

		user := &ptero.PanelUser{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: fixtureOwner},
			Spec: ptero.PanelUserSpec{Username: fixtureOwner, Email: fixtureOwner + "@example.com",
				FirstName: "Schedule", LastName: "Owner"},
		}
		env.Create(user)
		env.ExpectReady(user, timeout)
	})
}

// newGameServer is a Paper server on the fixture node, on a port of its own, allowed backups
// backups (a schedule's backup task needs a limit above 0).
func newGameServer(name string, backups int32) *ptero.GameServer {
	GinkgoHelper()
	fixtures()
	port := firstPort + ports.Add(1) - 1
	Expect(port).To(BeNumerically("<", firstPort+portCount), "the fixture node is out of ports")
	return &ptero.GameServer{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: ptero.GameServerSpec{
			GameServerTemplateSpec: ptero.GameServerTemplateSpec{
				Owner:         ptero.ServerOwner{UserRef: &ptero.LocalObjectReference{Name: fixtureOwner}},
				Egg:           ptero.EggSelector{Nest: "Minecraft", Name: "Paper"},
				Environment:   map[string]string{"MINECRAFT_VERSION": "latest", "SERVER_JARFILE": "server.jar"},
				Limits:        ptero.ServerLimits{Memory: 512, Disk: 1024, IO: 500, CPU: 100},
				FeatureLimits: ptero.FeatureLimits{Backups: backups, Allocations: 1},
			},
			Allocation: &ptero.ServerAllocation{NodeRef: &ptero.LocalObjectReference{Name: fixtureNode}, Port: port},
		},
	}
}

// readyGameServer creates a GameServer allowed two backups and waits for it to be installed and
// Ready.
func readyGameServer(name string) *ptero.GameServer {
	GinkgoHelper()
	return readyGameServerAllowing(name, 2)
}

// readyGameServerAllowing creates a GameServer allowed backups backups and waits for it to be
// installed and Ready.
func readyGameServerAllowing(name string, backups int32) *ptero.GameServer {
	GinkgoHelper()
	gs := newGameServer(name, backups)
	env.Create(gs)
	env.ExpectReady(gs, timeout)
	return gs
}
