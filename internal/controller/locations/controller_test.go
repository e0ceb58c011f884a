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

package locations_test

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

const (
	timeout = 20 * time.Second
	// driftTimeout covers one 10s sync interval with its jitter and a reconcile.
	driftTimeout = 30 * time.Second
)

func newLocation(name, short, long string) *ptero.PanelLocation {
	return &ptero.PanelLocation{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       ptero.PanelLocationSpec{Short: short, Long: long},
	}
}

// get re-reads o.
func get(g Gomega, o *ptero.PanelLocation) *ptero.PanelLocation {
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)).To(Succeed())
	return o
}

// readyLocation waits for o to be Ready for its current generation and returns it fresh.
func readyLocation(o *ptero.PanelLocation) *ptero.PanelLocation {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		g.Expect(controllertest.IsReady(get(g, o))).To(BeTrue(), "conditions: %+v", o.Status.Conditions)
		g.Expect(o.Status.ID).NotTo(BeZero())
	}).WithTimeout(timeout).Should(Succeed())
	return o
}

// panelLocations returns the panel's locations whose short code is exactly short.
func panelLocations(g Gomega, short string) []panel.Location {
	all, err := pc.Locations.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"short": short}})
	return controllertest.Exact(g, all, err, func(l panel.Location) bool { return l.Short == short })
}

// inPanel expects exactly one panel location with this short code and returns it.
func inPanel(g Gomega, short string) panel.Location {
	return controllertest.One(g, panelLocations(g, short), fmt.Sprintf("panel locations with short %q", short))
}

var _ = Describe("PanelLocation", func() {
	It("creates the location, and the panel holds exactly it", func() {
		o := newLocation("create", "create-1", "Created by a test")
		Expect(env.Client.Create(ctx, o)).To(Succeed())
		o = readyLocation(o)
		Expect(o.Status.ObservedGeneration).To(Equal(o.Generation))
		Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))
		Expect(o.Finalizers).To(ContainElement(ptero.Finalizer))

		loc := inPanel(Default, "create-1")
		Expect(loc.ID).To(BeEquivalentTo(o.Status.ID))
		Expect(loc.Long).To(Equal("Created by a test"))
	})

	It("updates short and long", func() {
		o := readyLocation(create(newLocation("update", "update-1", "before")))
		id := o.Status.ID

		o.Spec.Short, o.Spec.Long = "update-2", "after"
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) {
			loc, err := pc.Locations.Get(ctx, int(id))
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(loc.Short).To(Equal("update-2"))
			g.Expect(loc.Long).To(Equal("after"))
			g.Expect(controllertest.IsReady(get(g, o))).To(BeTrue())
		}).WithTimeout(timeout).Should(Succeed())

		By("clearing long")
		o.Spec.Long = ""
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) string {
			loc, err := pc.Locations.Get(ctx, int(id))
			g.Expect(err).NotTo(HaveOccurred())
			return loc.Long
		}).WithTimeout(timeout).Should(BeEmpty())
		Expect(get(Default, o).Status.ID).To(Equal(id))
	})

	It("reverts a change made in the panel within the sync interval", func() {
		o := readyLocation(create(newLocation("drift", "drift-1", "as specified")))
		_, err := pc.Locations.Update(ctx, int(o.Status.ID), panel.LocationRequest{Short: "drift-1", Long: "changed by hand"})
		Expect(err).NotTo(HaveOccurred())

		Eventually(func(g Gomega) string {
			return inPanel(g, "drift-1").Long
		}).WithTimeout(driftTimeout).Should(Equal("as specified"))
	})

	It("recreates a location deleted in the panel", func() {
		o := readyLocation(create(newLocation("recreate", "recreate-1", "")))
		old := o.Status.ID
		Expect(pc.Locations.Delete(ctx, int(old))).To(Succeed())

		Eventually(func(g Gomega) {
			loc := inPanel(g, "recreate-1")
			g.Expect(loc.ID).NotTo(BeEquivalentTo(old))
			g.Expect(get(g, o).Status.ID).To(BeEquivalentTo(loc.ID))
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
		}).WithTimeout(driftTimeout).Should(Succeed())
	})

	It("deletes the panel location with deletionPolicy Delete", func() {
		o := readyLocation(create(newLocation("delete", "delete-1", "")))
		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) []panel.Location {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)).NotTo(Succeed())
			return panelLocations(g, "delete-1")
		}).WithTimeout(timeout).Should(BeEmpty())
	})

	It("leaves the panel location with deletionPolicy Orphan", func() {
		o := newLocation("orphan", "orphan-1", "")
		o.Spec.DeletionPolicy = ptero.DeletionPolicyOrphan
		o = readyLocation(create(o))
		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) error {
			return env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)
		}).WithTimeout(timeout).ShouldNot(Succeed())
		Expect(inPanel(Default, "orphan-1").ID).To(BeEquivalentTo(o.Status.ID))
	})

	It("adopts an existing location named by the panel-id annotation and enforces the spec on it", func() {
		existing, err := pc.Locations.Create(ctx, panel.LocationRequest{Short: "adopted-1", Long: "made by hand"})
		Expect(err).NotTo(HaveOccurred())

		o := newLocation("adopt", "adopted-1", "now managed")
		o.Annotations = map[string]string{ptero.AnnotationPanelID: strconv.Itoa(existing.ID)}
		o = readyLocation(create(o))
		Expect(o.Status.ID).To(BeEquivalentTo(existing.ID))
		Expect(inPanel(Default, "adopted-1").Long).To(Equal("now managed"))

		By("reporting, not recreating, an adopted location deleted in the panel")
		Expect(pc.Locations.Delete(ctx, existing.ID)).To(Succeed())
		Eventually(func(g Gomega) *metav1.Condition {
			return controllertest.Synced(get(g, o))
		}).WithTimeout(driftTimeout).Should(And(Not(BeNil()), HaveField("Reason", ptero.ReasonNotFoundInPanel)))
		Expect(panelLocations(Default, "adopted-1")).To(BeEmpty())
	})

	It("finds a location whose create response was lost instead of creating a second one", func() {
		env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: "/api/application/locations", DropAfterCommit: true, Times: 1})
		DeferCleanup(env.Sim.ClearFaults)

		o := readyLocation(create(newLocation("lost", "lost-1", "")))
		Consistently(func(g Gomega) []panel.Location {
			return panelLocations(g, "lost-1")
		}).WithTimeout(2 * time.Second).Should(HaveLen(1))
		Expect(inPanel(Default, "lost-1").ID).To(BeEquivalentTo(o.Status.ID))
	})

	It("shows a spec the panel refuses on Synced, with the field", func() {
		_, err := pc.Locations.Create(ctx, panel.LocationRequest{Short: "taken-1"})
		Expect(err).NotTo(HaveOccurred())
		o := readyLocation(create(newLocation("refused", "refused-1", "")))

		o.Spec.Short = "taken-1"
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) {
			get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(Not(BeNil()), HaveField("Reason", ptero.ReasonPanelRejected),
				HaveField("Status", metav1.ConditionFalse), HaveField("Message", ContainSubstring("short"))))
			g.Expect(controllertest.Condition(o, ptero.ConditionReady)).To(HaveField("Status", metav1.ConditionFalse))
		}).WithTimeout(timeout).Should(Succeed())
		Expect(panelLocations(Default, "taken-1")).To(HaveLen(1))

		By("recovering once the spec is fixed")
		o.Spec.Short = "refused-2"
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		readyLocation(o)
		Expect(inPanel(Default, "refused-2").ID).To(BeEquivalentTo(o.Status.ID))
	})

	DescribeTable("recovers from a burst of panel errors (5xx, then 429s) without duplicates",
		func(status int) {
			env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: "/api/application/locations", Status: status, Times: 3})
			DeferCleanup(env.Sim.ClearFaults)
			key := fmt.Sprintf("POST /api/application/locations %d", status)
			before := env.Requests(key)

			short := fmt.Sprintf("burst-%d", status)
			o := readyLocation(create(newLocation(short, short, "")))
			Expect(env.Requests(key) - before).To(Equal(3))
			Expect(inPanel(Default, short).ID).To(BeEquivalentTo(o.Status.ID))
		},
		Entry("500s", http.StatusInternalServerError),
		Entry("429s", http.StatusTooManyRequests),
	)

})

func create(o *ptero.PanelLocation) *ptero.PanelLocation {
	GinkgoHelper()
	env.Create(o)
	return o
}
