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

package controllertest

import (
	"sync"
	"sync/atomic"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// fixturePorts is how many ports a Fixture's node offers, from 25565 on its IP.
const fixturePorts = 100

// Fixture is what the GameServers of a suite about a server's children (databases, schedules,
// subusers) stand on: a PanelLocation, a PanelNode with fixturePorts ports and a PanelUser who
// owns the servers, made once through the API as a user would, all Ready. Servers get ports of
// their own, so specs that run in any order never take one another's.
type Fixture struct {
	Env       *Env
	Namespace string
	// Name names the location; the node is <Name>-wings and the owner <Name>owner.
	Name string
	// IP is the node's one address.
	IP      string
	Timeout time.Duration

	once  sync.Once
	ports atomic.Int32
}

// NodeName is the fixture's PanelNode.
func (f *Fixture) NodeName() string { return f.Name + "-wings" }

// OwnerName is the fixture's PanelUser, the owner of its servers.
func (f *Fixture) OwnerName() string { return f.Name + "owner" }

// OwnerEmail is the owner's email.
func (f *Fixture) OwnerEmail() string { return f.OwnerName() + "@example.com" }

func (f *Fixture) create() {
	GinkgoHelper()
	f.once.Do(func() {
		loc := &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: f.Name}, Spec: ptero.PanelLocationSpec{Short: f.Name}}
		f.Env.Create(loc)
		f.Env.ExpectReady(loc, f.Timeout)
		node := &ptero.PanelNode{
			ObjectMeta: metav1.ObjectMeta{Name: f.NodeName()},
			Spec: ptero.PanelNodeSpec{
				LocationRef: &ptero.LocalObjectReference{Name: loc.Name},
				FQDN:        f.NodeName() + ".example.com",
				Memory:      65536,
				Disk:        1048576,
				Allocations: []ptero.NodeAllocation{{IP: f.IP, Ports: []ptero.PortSpec{"25565-25664"}}},
			},
		}
		f.Env.Create(node)
		owner := &ptero.PanelUser{
			ObjectMeta: metav1.ObjectMeta{Namespace: f.Namespace, Name: f.OwnerName()},
			Spec:       ptero.PanelUserSpec{Username: f.OwnerName(), Email: f.OwnerEmail(), FirstName: "Fixture", LastName: "Owner"},
		}
		f.Env.Create(owner)
		f.Env.ExpectReady(node, f.Timeout)
		f.Env.ExpectReady(owner, f.Timeout)
	})
}

// GameServer is a Paper server of the owner on the fixture node, on a port of its own, with
// these feature limits (one allocation at least); the fixture is made first if need be.
func (f *Fixture) GameServer(name string, features ptero.FeatureLimits) *ptero.GameServer {
	GinkgoHelper()
	f.create()
	n := f.ports.Add(1) - 1
	Expect(n).To(BeNumerically("<", fixturePorts), "the fixture node is out of ports")
	features.Allocations = max(features.Allocations, 1)
	return &ptero.GameServer{
		ObjectMeta: metav1.ObjectMeta{Namespace: f.Namespace, Name: name},
		Spec: ptero.GameServerSpec{
			GameServerTemplateSpec: ptero.GameServerTemplateSpec{
				Owner:         ptero.ServerOwner{UserRef: &ptero.LocalObjectReference{Name: f.OwnerName()}},
				Egg:           ptero.EggSelector{Nest: "Minecraft", Name: "Paper"},
				Environment:   map[string]string{"MINECRAFT_VERSION": "latest", "SERVER_JARFILE": "server.jar"},
				Limits:        ptero.ServerLimits{Memory: 512, Disk: 1024, IO: 500, CPU: 100},
				FeatureLimits: features,
			},
			Allocation: &ptero.ServerAllocation{NodeRef: &ptero.LocalObjectReference{Name: f.NodeName()}, Port: 25565 + n},
		},
	}
}

// ReadyGameServer creates a GameServer and waits for it to be installed and Ready.
func (f *Fixture) ReadyGameServer(name string, features ptero.FeatureLimits) *ptero.GameServer {
	GinkgoHelper()
	gs := f.GameServer(name, features)
	f.Env.Create(gs)
	f.Env.ExpectReady(gs, f.Timeout)
	return gs
}
