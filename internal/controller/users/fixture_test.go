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

package users_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

var fixtures atomic.Int32

// createServer makes a panel server owned by user directly through the panel API (no GameServer),
// on a node and allocation of its own, and returns it.
func createServer(user int) *panel.Server {
	n := fixtures.Add(1)
	loc, err := pc.Locations.Create(ctx, panel.LocationRequest{Short: fmt.Sprintf("fixture-%d", n)})
	Expect(err).NotTo(HaveOccurred())
	node, err := pc.Nodes.Create(ctx, panel.NodeRequest{Name: fmt.Sprintf("fixture-%d", n), LocationID: loc.ID,
		FQDN: fmt.Sprintf("fixture-%d.example.com", n), Scheme: "https", Memory: 8192, Disk: 8192, DaemonListen: 8080, DaemonSFTP: 2022})
	Expect(err).NotTo(HaveOccurred())
	Expect(pc.Allocations.Create(ctx, node.ID, panel.AllocationCreateRequest{IP: "10.9.9.9", Ports: []string{"27015"}})).To(Succeed())
	allocations, err := pc.Allocations.ListAll(ctx, node.ID, nil)
	Expect(err).NotTo(HaveOccurred())
	Expect(allocations).To(HaveLen(1))

	nests, err := pc.Nests.ListAll(ctx, nil)
	Expect(err).NotTo(HaveOccurred())
	Expect(nests).NotTo(BeEmpty())
	eggs, err := pc.Eggs.List(ctx, nests[0].ID, "variables")
	Expect(err).NotTo(HaveOccurred())
	Expect(eggs).NotTo(BeEmpty())
	egg := eggs[0]
	s, err := pc.Servers.Create(ctx, panel.ServerCreateRequest{
		Name: fmt.Sprintf("fixture-%d", n), User: user, Egg: egg.ID, DockerImage: egg.DockerImage, Startup: egg.Startup,
		Environment:   panel.CreateEnvironment(egg.Relationships.Variables, nil),
		Limits:        panel.CreateLimits{BuildLimits: panel.BuildLimits{Memory: 512, Disk: 512, IO: 500}},
		FeatureLimits: panel.FeatureLimits{Databases: new(int), Backups: new(int)},
		SkipScripts:   true,
		Allocation:    &panel.AllocationSpec{Default: allocations[0].ID},
	})
	Expect(err).NotTo(HaveOccurred())
	return s
}

// expectPanelPassword checks, through the simulator's state, that the panel user's password is want.
func expectPanelPassword(id int, want string) {
	GinkgoHelper()
	sum := sha256.Sum256([]byte(want))
	Eventually(func() string {
		for _, u := range env.Sim.State().Users {
			if u.ID == id {
				return u.PasswordSHA256
			}
		}
		return ""
	}).Should(Equal(hex.EncodeToString(sum[:])))
}
