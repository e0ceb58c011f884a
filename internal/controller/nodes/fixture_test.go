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

package nodes_test

import (
	"fmt"
	"sync/atomic"

	. "github.com/onsi/gomega"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

var fixtures atomic.Int32

// createServer makes a panel server directly through the panel API (no GameServer), owned by a
// user of its own, on the given allocation, and returns it.
func createServer(allocation int) *panel.Server {
	n := fixtures.Add(1)
	user, err := pc.Users.Create(ctx, panel.UserCreateRequest{Email: fmt.Sprintf("fixture-%d@example.com", n),
		Username: fmt.Sprintf("fixture-%d", n), FirstName: "Fixture", LastName: "User"})
	Expect(err).NotTo(HaveOccurred())

	nests, err := pc.Nests.ListAll(ctx, nil)
	Expect(err).NotTo(HaveOccurred())
	Expect(nests).NotTo(BeEmpty())
	eggs, err := pc.Eggs.List(ctx, nests[0].ID, "variables")
	Expect(err).NotTo(HaveOccurred())
	Expect(eggs).NotTo(BeEmpty())
	egg := eggs[0]
	s, err := pc.Servers.Create(ctx, panel.ServerCreateRequest{
		Name: fmt.Sprintf("fixture-%d", n), User: user.ID, Egg: egg.ID, DockerImage: egg.DockerImage, Startup: egg.Startup,
		Environment:   panel.CreateEnvironment(egg.Relationships.Variables, nil),
		Limits:        panel.CreateLimits{BuildLimits: panel.BuildLimits{Memory: 512, Disk: 512, IO: 500}},
		FeatureLimits: panel.FeatureLimits{Databases: new(int), Backups: new(int)},
		SkipScripts:   true,
		Allocation:    &panel.AllocationSpec{Default: allocation},
	})
	Expect(err).NotTo(HaveOccurred())
	return s
}
