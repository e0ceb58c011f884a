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

package gameservers_test

import (
	"strconv"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// The objects every server of the suite needs, made through the Kubernetes API like a user would.
var (
	location *ptero.PanelLocation
	// node has one IP with the ports 25565-25600; each spec takes ports of its own.
	node *ptero.PanelNode
	// owner owns the suite's servers.
	owner *ptero.PanelUser
)

// nodeIP is the only address of node.
const nodeIP = "10.2.0.1"

func createFixtures() {
	GinkgoHelper()
	location = &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "gameservers"}, Spec: ptero.PanelLocationSpec{Short: "gameservers"}}
	env.Create(location)
	env.ExpectReady(location, timeout)
	node = newNode("wings-games", nodeIP)
	env.Create(node)
	owner = newUser("alice")
	env.Create(owner)
	env.ExpectReady(node, timeout)
	env.ExpectReady(owner, timeout)
}

func newNode(name, ip string) *ptero.PanelNode {
	return &ptero.PanelNode{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: ptero.PanelNodeSpec{
			LocationRef: &ptero.LocalObjectReference{Name: location.Name},
			FQDN:        name + ".example.com",
			Memory:      65536,
			Disk:        1048576,
			Allocations: []ptero.NodeAllocation{{IP: ip, Ports: []ptero.PortSpec{"25565-25600"}}},
		},
	}
}

func newUser(name string) *ptero.PanelUser {
	return &ptero.PanelUser{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: ptero.PanelUserSpec{
			Username:  name,
			Email:     name + "@example.com",
			FirstName: "First " + name,
			LastName:  "Last " + name,
		},
	}
}

// paperEgg reads the Paper egg with its variables from the panel, found by name as users name it.
func paperEgg() *panel.Egg {
	GinkgoHelper()
	nests, err := pc.Nests.ListAll(ctx, &panel.ListOptions{Include: []string{"eggs"}})
	Expect(err).NotTo(HaveOccurred())
	for _, n := range nests {
		if n.Name != "Minecraft" {
			continue
		}
		for _, e := range n.Relationships.Eggs {
			if e.Name == "Paper" {
				egg, err := pc.Eggs.Get(ctx, n.ID, e.ID, "variables")
				Expect(err).NotTo(HaveOccurred())
				return egg
			}
		}
	}
	Fail("the panel has no egg Minecraft/Paper")
	return nil
}

// allocation returns the panel allocation of node on port.
func allocation(g Gomega, port int) panel.Allocation {
	all, err := pc.Allocations.ListAll(ctx, int(node.Status.ID), &panel.ListOptions{Filters: map[string]string{"port": strconv.Itoa(port)}})
	g.Expect(err).NotTo(HaveOccurred())
	for _, a := range all {
		if a.Port == port && a.IP == nodeIP {
			return a
		}
	}
	g.Expect(all).To(ContainElement(HaveField("Port", port)), "node allocations on port %d", port)
	return panel.Allocation{}
}

// createServer makes a Paper server owned by owner on node's port directly through the panel
// API (no GameServer), and returns it.
func createServer(name string, port, memory int) *panel.Server {
	GinkgoHelper()
	return createServerWithExternalID(name, "", port, memory)
}

// createServerWithExternalID is createServer with an external id.
func createServerWithExternalID(name, externalID string, port, memory int) *panel.Server {
	GinkgoHelper()
	egg := paperEgg()
	s, err := pc.Servers.Create(ctx, panel.ServerCreateRequest{
		Name: name, ExternalID: externalID, User: int(owner.Status.ID), Egg: egg.ID, DockerImage: egg.DockerImage, Startup: egg.Startup,
		Environment:   panel.CreateEnvironment(egg.Relationships.Variables, nil),
		Limits:        panel.CreateLimits{BuildLimits: panel.BuildLimits{Memory: memory, Disk: 2048, IO: 500}},
		FeatureLimits: panel.FeatureLimits{Databases: new(int), Backups: new(int)},
		SkipScripts:   true,
		Allocation:    &panel.AllocationSpec{Default: allocation(Default, port).ID},
	})
	Expect(err).NotTo(HaveOccurred(), "creating panel server %s", name)
	return s
}
