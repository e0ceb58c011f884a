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
	"fmt"
	"os"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
)

// Keys of the two ways of reading servers: one GET each, or pages of the shared list.
const (
	getServerKey   = "GET /api/application/servers/{server} 200"
	listServersKey = "GET /api/application/servers 200"
)

// perObject says the suite runs with per-object observation (OBSERVATION=per-object), the
// benchmarks' baseline, rather than the shared snapshot.
func perObject() bool {
	return connection.Observation(os.Getenv("OBSERVATION")) == connection.PerObject
}

// The suite runs in either observation mode (OBSERVATION=per-object); this spec holds each to
// what it costs a panel: per-object reads every idle server once per sync interval, the snapshot
// reads them all with one list and no GET of their own.
var _ = Describe("Observing idle servers", func() {
	It("costs one GET per server per interval per-object, and none with the shared snapshot", func() {
		var servers []*ptero.GameServer
		for i := range 4 {
			o := newServer(fmt.Sprintf("idle-%d", i), int32(25590+i))
			env.Create(o)
			servers = append(servers, o)
		}
		for _, o := range servers {
			readyServer(o)
		}
		gets, lists := env.Requests(getServerKey), env.Requests(listServersKey)
		newGets := func() int { return env.Requests(getServerKey) - gets }
		newLists := func() int { return env.Requests(listServersKey) - lists }
		if perObject() {
			// Each idle server is read again within a sync interval and its jitter.
			Eventually(newGets).WithTimeout(driftTimeout).Should(BeNumerically(">=", len(servers)))
			return
		}
		// Three refreshes of a copy that may be half an interval old span a whole interval, in
		// which every idle server was observed again; not one of them with a GET of its own.
		Eventually(newLists).WithTimeout(2 * driftTimeout).Should(BeNumerically(">=", 3))
		Expect(newGets()).To(BeZero(), "idle servers read one by one besides %d lists", newLists())

		// The Panel says when its servers were last read whole.
		Eventually(func(g Gomega) {
			p := &ptero.Panel{}
			g.Expect(env.Client.Get(ctx, client.ObjectKey{Name: controllertest.PanelName}, p)).To(Succeed())
			g.Expect(p.Status.LastRefreshTime).NotTo(BeNil())
			g.Expect(time.Since(p.Status.LastRefreshTime.Time)).To(BeNumerically("<", 2*driftTimeout))
		}).WithTimeout(driftTimeout).Should(Succeed())
	})
})
