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

package panels_test

import (
	"os"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// activeWorkers reads controller-runtime's gauge of the workers busy in one controller.
func activeWorkers(controller string) float64 {
	families, err := metrics.Registry.Gather()
	Expect(err).NotTo(HaveOccurred())
	for _, f := range families {
		if f.GetName() != "controller_runtime_active_workers" {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "controller" && l.GetValue() == controller {
					return m.GetGauge().GetValue()
				}
			}
		}
	}
	return 0
}

// setRequestTimeout sets the shared Panel's requestTimeout (nil: back to the default) and waits
// until the Panel is Ready with it.
func setRequestTimeout(d *metav1.Duration) {
	GinkgoHelper()
	p := &ptero.Panel{ObjectMeta: metav1.ObjectMeta{Name: controllertest.PanelName}}
	Expect(env.Client.Patch(ctx, p, client.RawPatch(client.Merge.Type(), requestTimeoutPatch(d)))).To(Succeed())
	Eventually(func(g Gomega) {
		env.Get(g, p)
		g.Expect(p.Status.ObservedGeneration).To(Equal(p.Generation))
		g.Expect(controllertest.IsReady(p)).To(BeTrue(), "conditions: %+v", controllertest.Conditions(p))
	}).WithTimeout(30 * time.Second).Should(Succeed())
}

func requestTimeoutPatch(d *metav1.Duration) []byte {
	if d == nil {
		return []byte(`{"spec":{"requestTimeout":null}}`)
	}
	return []byte(`{"spec":{"requestTimeout":"` + d.Duration.String() + `"}}`)
}

// faultHold is how long the fault lasts at least (HANG_HOLD, a Go duration; default: only until its
// effects are seen). Run with HANG_HOLD=120s or 10m to measure recovery after a long hang or outage.
func faultHold() time.Duration {
	d, err := time.ParseDuration(os.Getenv("HANG_HOLD"))
	if err != nil {
		return 0
	}
	return d
}

var _ = Describe("A panel that does not answer", func() {
	DescribeTable("releases the workers, says PanelUnavailable, and applies a pending change promptly once it answers",
		func(name string, fault panelsim.Fault, panelMessage string) {
			loc := &ptero.PanelLocation{
				ObjectMeta: metav1.ObjectMeta{Name: name},
				Spec:       ptero.PanelLocationSpec{ManagedSpec: ptero.ManagedSpec{PanelRef: ptero.PanelReference{Name: controllertest.PanelName}}, Short: name, Long: "before"},
			}
			env.Create(loc)
			env.ExpectReady(loc, 30*time.Second)

			setRequestTimeout(&metav1.Duration{Duration: 2 * time.Second})
			DeferCleanup(setRequestTimeout, (*metav1.Duration)(nil))

			env.Sim.InjectFault(fault)
			injected := time.Now()
			DeferCleanup(env.Sim.ClearFaults)

			By("the Panel is no longer Ready, and says why")
			panel := &ptero.Panel{ObjectMeta: metav1.ObjectMeta{Name: controllertest.PanelName}}
			Eventually(func(g Gomega) *metav1.Condition {
				env.Get(g, panel)
				return controllertest.Condition(panel, ptero.ConditionReady)
			}).WithTimeout(40 * time.Second).Should(And(controllertest.HaveReason(ptero.ReasonPanelUnavailable),
				HaveField("Status", metav1.ConditionFalse), HaveField("Message", ContainSubstring(panelMessage))))

			By("the location does not show a stale Ready, and its workers are free")
			Eventually(func(g Gomega) *metav1.Condition {
				env.Get(g, loc)
				return controllertest.Condition(loc, ptero.ConditionReady)
			}).WithTimeout(40 * time.Second).Should(And(HaveField("Status", metav1.ConditionFalse),
				HaveField("Reason", BeElementOf(ptero.ReasonPanelUnavailable, ptero.ReasonPanelNotReady))))
			Eventually(func() float64 { return activeWorkers("panellocation") }).WithTimeout(30 * time.Second).Should(BeZero())

			By("a change made while the panel is down lands soon after it answers again")
			Expect(env.Client.Patch(ctx, loc, client.RawPatch(client.Merge.Type(), []byte(`{"spec":{"long":"after"}}`)))).To(Succeed())
			if rest := faultHold() - time.Since(injected); rest > 0 {
				GinkgoWriter.Printf("holding the fault for another %s\n", rest.Round(time.Second))
				<-time.After(rest) // the length of the outage is what is measured, not a synchronisation
			}
			env.Sim.ClearFaults()
			cleared := time.Now()
			// Within one syncInterval (10s in this suite) plus the requests themselves.
			env.ExpectReady(loc, 20*time.Second)
			Expect(loc.Status.ObservedGeneration).To(Equal(loc.Generation))
			got, err := env.Panel.Locations.Get(ctx, int(loc.Status.ID))
			Expect(err).NotTo(HaveOccurred())
			Expect(got.Long).To(Equal("after"))
			GinkgoWriter.Printf("%s: fault for %s, spec change landed %.1fs after it cleared\n",
				name, cleared.Sub(injected).Round(time.Second), time.Since(cleared).Seconds())
		},
		// PHP workers saturated: every request is accepted and answered after 20 minutes.
		Entry("requests that hang", "hung-panel", panelsim.Fault{Latency: 20 * time.Minute}, "within 2s"),
		Entry("an outage answered with 503", "panel-outage", panelsim.Fault{Status: 503}, "503"),
	)
})
