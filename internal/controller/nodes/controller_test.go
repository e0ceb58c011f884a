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
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
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

var (
	sharedOnce sync.Once
	shared     *ptero.PanelLocation
)

// sharedLocation is a Ready PanelLocation most nodes of the suite live in.
func sharedLocation() *ptero.PanelLocation {
	GinkgoHelper()
	sharedOnce.Do(func() {
		shared = &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "nodes"}, Spec: ptero.PanelLocationSpec{Short: "nodes"}}
		Expect(env.Client.Create(ctx, shared)).To(Succeed())
		env.ExpectReady(shared, timeout)
	})
	return shared
}

func newNode(name string) *ptero.PanelNode {
	return &ptero.PanelNode{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: ptero.PanelNodeSpec{
			LocationRef: &ptero.LocalObjectReference{Name: sharedLocation().Name},
			FQDN:        name + ".example.com",
			Memory:      16384,
			Disk:        102400,
		},
	}
}

// nodesNamed returns the panel nodes whose name is exactly name.
func nodesNamed(g Gomega, name string) []panel.Node {
	all, err := pc.Nodes.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"name": name}})
	return controllertest.Exact(g, all, err, func(n panel.Node) bool { return n.Name == name })
}

// inPanel expects exactly one panel node with this name and returns it.
func inPanel(g Gomega, name string) panel.Node {
	return controllertest.One(g, nodesNamed(g, name), fmt.Sprintf("panel nodes named %q", name))
}

// ports returns the node's allocations as "ip:port" → assigned.
func ports(g Gomega, node int64) map[string]bool {
	all, err := pc.Allocations.ListAll(ctx, int(node), &panel.ListOptions{PerPage: 500})
	g.Expect(err).NotTo(HaveOccurred())
	out := map[string]bool{}
	for _, a := range all {
		out[a.IP+":"+strconv.Itoa(a.Port)] = a.Assigned
	}
	return out
}

// events returns the reasons and notes of the events about a cluster-scoped object.
func events(g Gomega, name string) []string {
	list := &eventsv1.EventList{}
	g.Expect(env.Client.List(ctx, list)).To(Succeed())
	var out []string
	for _, e := range list.Items {
		if e.Regarding.Name == name {
			out = append(out, e.Reason+": "+e.Note)
		}
	}
	return out
}

var _ = Describe("PanelNode", func() {
	It("creates the node with its allocations, and the panel holds exactly them", func() {
		o := newNode("create")
		o.Spec.Allocations = []ptero.NodeAllocation{{IP: "10.1.0.1", Alias: "play.example.com", Ports: []ptero.PortSpec{"25565", "25570-25574"}}}
		env.Create(o)
		env.ExpectReady(o, timeout)
		Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))
		Expect(o.Status.UUID).NotTo(BeEmpty())
		Expect(o.Status.Location).To(Equal("nodes"))

		n := inPanel(Default, "create")
		Expect(n.ID).To(BeEquivalentTo(o.Status.ID))
		Expect(n).To(And(HaveField("LocationID", BeEquivalentTo(sharedLocation().Status.ID)), HaveField("FQDN", "create.example.com"),
			HaveField("Scheme", "https"), HaveField("Public", true), HaveField("Memory", 16384), HaveField("Disk", 102400),
			HaveField("UploadSize", 100), HaveField("DaemonListen", 8080), HaveField("DaemonSFTP", 2022),
			HaveField("DaemonBase", "/var/lib/pterodactyl/volumes")))

		Eventually(func(g Gomega) {
			g.Expect(ports(g, o.Status.ID)).To(Equal(map[string]bool{"10.1.0.1:25565": false, "10.1.0.1:25570": false,
				"10.1.0.1:25571": false, "10.1.0.1:25572": false, "10.1.0.1:25573": false, "10.1.0.1:25574": false}))
			env.Get(g, o)
			g.Expect(o.Status.Allocations).To(Equal(&ptero.NodeAllocationStatus{Total: 6, Assigned: 0}))
		}).WithTimeout(timeout).Should(Succeed())
		all, err := pc.Allocations.ListAll(ctx, int(o.Status.ID), nil)
		Expect(err).NotTo(HaveOccurred())
		for _, a := range all {
			Expect(a.Alias).To(HaveValue(Equal("play.example.com")))
		}
	})

	It("waits for its PanelLocation, then goes on by itself", func() {
		o := newNode("late")
		o.Spec.LocationRef = &ptero.LocalObjectReference{Name: "late"}
		env.Create(o)
		Eventually(func(g Gomega) *metav1.Condition {
			env.Get(g, o)
			return controllertest.Synced(o)
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonReferenceNotReady), HaveField("Message", ContainSubstring(`PanelLocation "late"`))))
		Expect(nodesNamed(Default, "late")).To(BeEmpty())

		loc := &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "late"}, Spec: ptero.PanelLocationSpec{Short: "late"}}
		env.Create(loc)
		env.ExpectReady(o, timeout)
		env.Get(Default, loc)
		Expect(inPanel(Default, "late").LocationID).To(BeEquivalentTo(loc.Status.ID))
		Expect(o.Status.Location).To(Equal("late"))
	})

	It("updates each field group", func() {
		o := newNode("update")
		env.Create(o)
		env.ExpectReady(o, timeout)
		id := int(o.Status.ID)
		expectPanel := func(match OmegaMatcher) {
			GinkgoHelper()
			Eventually(func(g Gomega) {
				n, err := pc.Nodes.Get(ctx, id)
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(*n).To(match)
				env.Get(g, o)
				g.Expect(controllertest.IsReady(o)).To(BeTrue())
			}).WithTimeout(timeout).Should(Succeed())
		}
		update := func(change func(*ptero.PanelNode)) {
			GinkgoHelper()
			env.Get(Default, o)
			change(o)
			Expect(env.Client.Update(ctx, o)).To(Succeed())
		}

		By("resources")
		update(func(o *ptero.PanelNode) {
			o.Spec.Memory, o.Spec.MemoryOverallocate, o.Spec.Disk, o.Spec.DiskOverallocate, o.Spec.UploadSize = 2048, -1, 4096, 20, 512
		})
		expectPanel(And(HaveField("Memory", 2048), HaveField("MemoryOverallocate", -1), HaveField("Disk", 4096),
			HaveField("DiskOverallocate", 20), HaveField("UploadSize", 512)))

		By("connection")
		update(func(o *ptero.PanelNode) {
			o.Spec.FQDN, o.Spec.Scheme, o.Spec.BehindProxy = "update-2.example.com", "http", true
			o.Spec.DaemonListen, o.Spec.DaemonSFTP, o.Spec.DaemonBase = 8443, 2222, "/srv/wings"
		})
		expectPanel(And(HaveField("FQDN", "update-2.example.com"), HaveField("Scheme", "http"), HaveField("BehindProxy", true),
			HaveField("DaemonListen", 8443), HaveField("DaemonSFTP", 2222), HaveField("DaemonBase", "/srv/wings")))

		By("flags")
		update(func(o *ptero.PanelNode) { o.Spec.Public, o.Spec.MaintenanceMode = ptr.To(false), true })
		expectPanel(And(HaveField("Public", false), HaveField("MaintenanceMode", true)))

		By("name and location")
		other := &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "update-other"}, Spec: ptero.PanelLocationSpec{Short: "update-other"}}
		env.Create(other)
		env.ExpectReady(other, timeout)
		update(func(o *ptero.PanelNode) {
			o.Spec.Name = "Update Renamed"
			o.Spec.LocationRef, o.Spec.LocationID = nil, ptr.To(other.Status.ID)
		})
		expectPanel(And(HaveField("Name", "Update Renamed"), HaveField("LocationID", BeEquivalentTo(other.Status.ID))))
		Expect(o.Status.ID).To(BeEquivalentTo(id))
		Expect(o.Status.Location).To(Equal("update-other"))
	})

	It("reverts a change made in the panel within the sync interval", func() {
		o := newNode("drift")
		env.Create(o)
		env.ExpectReady(o, timeout)
		n, err := pc.Nodes.Get(ctx, int(o.Status.ID))
		Expect(err).NotTo(HaveOccurred())
		req := panel.NodeRequestFrom(n)
		req.Memory, req.MaintenanceMode = 1, true
		_, err = pc.Nodes.Update(ctx, n.ID, req)
		Expect(err).NotTo(HaveOccurred())

		Eventually(func(g Gomega) {
			n := inPanel(g, "drift")
			g.Expect(n.Memory).To(Equal(16384))
			g.Expect(n.MaintenanceMode).To(BeFalse())
		}).WithTimeout(driftTimeout).Should(Succeed())
	})

	It("recreates a node deleted in the panel, with its allocations", func() {
		o := newNode("recreate")
		o.Spec.Allocations = []ptero.NodeAllocation{{IP: "10.1.0.2", Ports: []ptero.PortSpec{"25565"}}}
		env.Create(o)
		env.ExpectReady(o, timeout)
		old := o.Status.ID
		Expect(pc.Nodes.Delete(ctx, int(old))).To(Succeed())

		Eventually(func(g Gomega) {
			n := inPanel(g, "recreate")
			g.Expect(n.ID).NotTo(BeEquivalentTo(old))
			env.Get(g, o)
			g.Expect(o.Status.ID).To(BeEquivalentTo(n.ID))
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
			g.Expect(ports(g, o.Status.ID)).To(Equal(map[string]bool{"10.1.0.2:25565": false}))
		}).WithTimeout(driftTimeout).Should(Succeed())
	})

	It("deletes the panel node with deletionPolicy Delete", func() {
		o := newNode("delete")
		env.Create(o)
		env.ExpectReady(o, timeout)
		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) []panel.Node {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)).NotTo(Succeed())
			return nodesNamed(g, "delete")
		}).WithTimeout(timeout).Should(BeEmpty())
	})

	It("leaves the panel node with deletionPolicy Orphan", func() {
		o := newNode("orphan")
		o.Spec.DeletionPolicy = ptero.DeletionPolicyOrphan
		env.Create(o)
		env.ExpectReady(o, timeout)
		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) error {
			return env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)
		}).WithTimeout(timeout).ShouldNot(Succeed())
		Expect(inPanel(Default, "orphan").ID).To(BeEquivalentTo(o.Status.ID))
	})

	It("adopts an existing node named by the panel-id annotation and enforces the spec on it", func() {
		existing, err := pc.Nodes.Create(ctx, panel.NodeRequest{Name: "adopt", LocationID: int(sharedLocation().Status.ID),
			FQDN: "adopt.example.com", Scheme: "https", Memory: 1, Disk: 1, DaemonListen: 8080, DaemonSFTP: 2022})
		Expect(err).NotTo(HaveOccurred())

		o := newNode("adopt")
		o.Annotations = map[string]string{ptero.AnnotationPanelID: strconv.Itoa(existing.ID)}
		env.Create(o)
		env.ExpectReady(o, timeout)
		Expect(o.Status.ID).To(BeEquivalentTo(existing.ID))
		Expect(inPanel(Default, "adopt").Memory).To(Equal(16384))
	})

	It("finds a node whose create response was lost instead of creating a second one", func() {
		env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: "/api/application/nodes", DropAfterCommit: true, Times: 1})
		DeferCleanup(env.Sim.ClearFaults)

		o := newNode("lost")
		env.Create(o)
		env.ExpectReady(o, timeout)
		Consistently(func(g Gomega) []panel.Node {
			return nodesNamed(g, "lost")
		}).WithTimeout(2 * time.Second).Should(HaveLen(1))
		Expect(inPanel(Default, "lost").ID).To(BeEquivalentTo(o.Status.ID))
	})

	It("shows a spec the panel refuses on Synced, with the field", func() {
		o := newNode("refused")
		o.Spec.LocationRef, o.Spec.LocationID = nil, ptr.To(int64(99999))
		env.Create(o)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring("location_id"))))
			g.Expect(controllertest.Condition(o, ptero.ConditionReady)).To(HaveField("Status", metav1.ConditionFalse))
		}).WithTimeout(timeout).Should(Succeed())
		Expect(nodesNamed(Default, "refused")).To(BeEmpty())
	})

	DescribeTable("recovers from a burst of panel errors (5xx, then 429s) without duplicates",
		func(status int) {
			env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: "/api/application/nodes", Status: status, Times: 3})
			DeferCleanup(env.Sim.ClearFaults)
			key := fmt.Sprintf("POST /api/application/nodes %d", status)
			before := env.Requests(key)

			o := newNode(fmt.Sprintf("burst-%d", status))
			env.Create(o)
			env.ExpectReady(o, timeout)
			Expect(env.Requests(key) - before).To(Equal(3))
			Expect(inPanel(Default, o.Name).ID).To(BeEquivalentTo(o.Status.ID))
		},
		Entry("500s", http.StatusInternalServerError),
		Entry("429s", http.StatusTooManyRequests),
	)

	It("prunes allocations the spec no longer lists, and reports those servers use", func() {
		o := newNode("prune")
		o.Spec.PruneAllocations = true
		o.Spec.Allocations = []ptero.NodeAllocation{{IP: "10.1.0.3", Ports: []ptero.PortSpec{"26000-26002"}}}
		env.Create(o)
		Eventually(func(g Gomega) *ptero.NodeAllocationStatus {
			env.Get(g, o)
			return o.Status.Allocations
		}).WithTimeout(timeout).Should(Equal(&ptero.NodeAllocationStatus{Total: 3}))
		all, err := pc.Allocations.ListAll(ctx, int(o.Status.ID), &panel.ListOptions{Filters: map[string]string{"port": "26000"}})
		Expect(err).NotTo(HaveOccurred())
		Expect(all).To(HaveLen(1))
		createServer(all[0].ID)

		env.Get(Default, o)
		o.Spec.Allocations[0].Ports = []ptero.PortSpec{"26002", "26005"}
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) {
			g.Expect(ports(g, o.Status.ID)).To(Equal(map[string]bool{"10.1.0.3:26000": true, "10.1.0.3:26002": false, "10.1.0.3:26005": false}))
			env.Get(g, o)
			g.Expect(o.Status.Allocations).To(Equal(&ptero.NodeAllocationStatus{Total: 3, Assigned: 1}))
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
			g.Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))
			g.Expect(events(g, "prune")).To(ContainElement(And(HavePrefix("AllocationsInUse"), ContainSubstring("10.1.0.3:26000"))))
		}).WithTimeout(timeout).Should(Succeed())

		By("leaving unlisted allocations alone without pruneAllocations")
		env.Get(Default, o)
		o.Spec.PruneAllocations = false
		o.Spec.Allocations[0].Ports = []ptero.PortSpec{"26005"}
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		Consistently(func(g Gomega) int {
			return len(ports(g, o.Status.ID))
		}).WithTimeout(3 * time.Second).Should(Equal(3))
	})

	It("writes the Wings configuration into the Secret it names and keeps it current", func() {
		o := newNode("wings")
		o.Spec.WingsConfigSecretRef = &ptero.SecretReference{Namespace: wingsNamespace, Name: "wings-config"}
		env.Create(o)
		env.ExpectReady(o, timeout)
		secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: wingsNamespace, Name: "wings-config"}}
		config := func(g Gomega) string {
			env.Get(g, secret)
			return string(secret.Data["config.yml"])
		}
		Expect(config(Default)).To(And(ContainSubstring("uuid: "+o.Status.UUID), ContainSubstring("port: 8080"), ContainSubstring("token:")))
		Expect(metav1.IsControlledBy(secret, o)).To(BeTrue())
		Expect(strings.Join(events(Default, "wings"), "\n")).NotTo(ContainSubstring("token: "))

		By("following a change of the node")
		env.Get(Default, o)
		o.Spec.DaemonListen = 8443
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		Eventually(config).WithTimeout(timeout).Should(ContainSubstring("port: 8443"))

		By("writing it again when it is deleted by hand")
		Expect(env.Client.Delete(ctx, secret)).To(Succeed())
		Eventually(config).WithTimeout(timeout).Should(ContainSubstring("port: 8443"))
	})

	It("keeps a node with servers until they are gone, saying why", func() {
		o := newNode("busy")
		o.Spec.Allocations = []ptero.NodeAllocation{{IP: "10.1.0.4", Ports: []ptero.PortSpec{"27000"}}}
		env.Create(o)
		Eventually(func(g Gomega) *ptero.NodeAllocationStatus {
			env.Get(g, o)
			return o.Status.Allocations
		}).WithTimeout(timeout).Should(Equal(&ptero.NodeAllocationStatus{Total: 1}))
		all, err := pc.Allocations.ListAll(ctx, int(o.Status.ID), nil)
		Expect(err).NotTo(HaveOccurred())
		s := createServer(all[0].ID)

		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) *metav1.Condition {
			env.Get(g, o)
			return controllertest.Synced(o)
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Message", ContainSubstring("servers are still on it"))))
		Expect(inPanel(Default, "busy").ID).To(BeEquivalentTo(o.Status.ID))

		Expect(pc.Servers.ForceDelete(ctx, s.ID)).To(Succeed())
		Eventually(func(g Gomega) []panel.Node {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)).NotTo(Succeed())
			return nodesNamed(g, "busy")
		}).WithTimeout(driftTimeout).Should(BeEmpty())
	})

	It("keeps a location with nodes until they are gone, saying why", func() {
		loc := &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "crowded"}, Spec: ptero.PanelLocationSpec{Short: "crowded"}}
		env.Create(loc)
		o := newNode("crowded")
		o.Spec.LocationRef = &ptero.LocalObjectReference{Name: "crowded"}
		env.Create(o)
		env.ExpectReady(o, timeout)

		Expect(env.Client.Delete(ctx, loc)).To(Succeed())
		Eventually(func(g Gomega) *metav1.Condition {
			env.Get(g, loc)
			return controllertest.Synced(loc)
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Message", ContainSubstring("nodes are still in it"))))

		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(loc), loc)).NotTo(Succeed())
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)).NotTo(Succeed())
		}).WithTimeout(driftTimeout).Should(Succeed())
	})
})
