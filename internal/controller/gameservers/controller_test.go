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
	"cmp"
	"fmt"
	"net/http"
	"slices"
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
	// timeout covers a create and a 2s install on a busy machine.
	timeout = 30 * time.Second
	// driftTimeout covers one 10s sync interval with its jitter, a reconcile and an install.
	driftTimeout = 40 * time.Second
)

// Keys of the simulator's request counts ("METHOD route STATUS"; status 0: the answer was dropped).
const (
	createKey    = "POST /api/application/servers "
	reinstallKey = "POST /api/application/servers/{server}/reinstall 204"
)

// portsTaken maps each node port a spec asked for to the server that asked: the specs run in
// random order and leave their servers behind, so two that shared a port would fail one
// another depending on the order.
var portsTaken = map[string]string{}

// newServer is a Paper server owned by owner on node's port, which no other server of the
// suite may use.
func newServer(name string, port int32) *ptero.GameServer {
	GinkgoHelper()
	return newServerOn(name, node.Name, port)
}

// newServerOn is newServer on the PanelNode nodeName.
func newServerOn(name, nodeName string, port int32) *ptero.GameServer {
	GinkgoHelper()
	key := fmt.Sprintf("%s:%d", nodeName, port)
	if other, taken := portsTaken[key]; taken && other != name {
		Fail(fmt.Sprintf("port %s is already %q's: give %q a port of its own", key, other, name))
	}
	portsTaken[key] = name
	return &ptero.GameServer{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: ptero.GameServerSpec{
			GameServerTemplateSpec: ptero.GameServerTemplateSpec{
				Owner:  ptero.ServerOwner{UserRef: &ptero.LocalObjectReference{Name: owner.Name}},
				Egg:    ptero.EggSelector{Nest: "Minecraft", Name: "Paper"},
				Limits: ptero.ServerLimits{Memory: 1024, Disk: 4096},
			},
			Allocation: &ptero.ServerAllocation{NodeRef: &ptero.LocalObjectReference{Name: nodeName}, Port: port},
		},
	}
}

// update applies mutate to a fresh copy of o and writes it, again on a conflict with the
// controller's status writes.
func update(o *ptero.GameServer, mutate func(*ptero.GameServer)) {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		env.Get(g, o)
		mutate(o)
		g.Expect(env.Client.Update(ctx, o)).To(Succeed())
	}).WithTimeout(timeout).Should(Succeed())
}

// annotate sets one annotation of o.
func annotate(o *ptero.GameServer, key, value string) {
	GinkgoHelper()
	update(o, func(o *ptero.GameServer) {
		if o.Annotations == nil {
			o.Annotations = map[string]string{}
		}
		o.Annotations[key] = value
	})
}

// readyServer waits for o to be Ready and installed for its current generation, and returns it fresh.
func readyServer(o *ptero.GameServer) *ptero.GameServer {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		env.Get(g, o)
		g.Expect(controllertest.IsReady(o)).To(BeTrue(), "state %s, conditions: %+v", o.Status.State, o.Status.Conditions)
		g.Expect(o.Status.ID).NotTo(BeZero())
		g.Expect(o.Status.State).To(Equal(ptero.GameServerStateInstalled))
	}).WithTimeout(timeout).Should(Succeed())
	return o
}

// serversWithExternalID returns the panel servers whose external id is exactly id, with their
// allocations and variables.
func serversWithExternalID(g Gomega, id string) []panel.Server {
	all, err := pc.Servers.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"external_id": id},
		Include: []string{"allocations", "variables"}})
	return controllertest.Exact(g, all, err, func(s panel.Server) bool { return s.ExternalID == id })
}

// inPanel expects exactly one panel server with this external id and returns it.
func inPanel(g Gomega, externalID string) panel.Server {
	return controllertest.One(g, serversWithExternalID(g, externalID), fmt.Sprintf("panel servers with external id %q", externalID))
}

// defaultPort is the port of a server's default allocation.
func defaultPort(s panel.Server) int {
	for _, a := range s.Relationships.Allocations {
		if a.ID == s.Allocation {
			return a.Port
		}
	}
	return 0
}

// serverPorts are the ports of all of a server's allocations, sorted.
func serverPorts(s panel.Server) []int {
	var out []int
	for _, a := range s.Relationships.Allocations {
		out = append(out, a.Port)
	}
	slices.Sort(out)
	return out
}

func ready(o client.Object) *metav1.Condition {
	return controllertest.Condition(o, ptero.ConditionReady)
}

// gone waits for o to disappear from Kubernetes and for its panel server to be gone.
func gone(o *ptero.GameServer, externalID string) {
	GinkgoHelper()
	Eventually(func(g Gomega) []panel.Server {
		g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), &ptero.GameServer{})).NotTo(Succeed())
		return serversWithExternalID(g, externalID)
	}).WithTimeout(timeout).Should(BeEmpty())
}

var _ = Describe("GameServer", func() {
	It("creates the server with the egg's defaults, reports the install, and the panel holds exactly it", func() {
		egg := paperEgg()
		created := env.Requests(createKey + "201")
		o := newServer("create", 25565)
		// MINECRAFT_VERSION is left to the egg: the panel alone would store "" for it.
		o.Spec.Environment = map[string]string{"SERVER_JARFILE": "paper.jar", "BUILD_NUMBER": "196"}
		env.Create(o)

		By("going through Installing to Installed")
		type seen struct {
			State ptero.GameServerState
			Ready string
		}
		var history []seen
		Eventually(func(g Gomega) {
			env.Get(g, o)
			now := seen{State: o.Status.State}
			if c := ready(o); c != nil {
				now.Ready = string(c.Status) + "/" + c.Reason
			}
			if len(history) == 0 || history[len(history)-1] != now {
				history = append(history, now)
			}
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
		}).WithTimeout(timeout).WithPolling(20 * time.Millisecond).Should(Succeed())
		Expect(history).To(ContainElement(BeElementOf(
			seen{ptero.GameServerStateInstalling, "False/" + ptero.ReasonCreating},
			seen{ptero.GameServerStateInstalling, "False/" + ptero.ReasonInstalling})), "history: %+v", history)
		Expect(history[len(history)-1]).To(Equal(seen{ptero.GameServerStateInstalled, "True/" + ptero.ReasonAvailable}))
		Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))

		By("reporting what the panel made")
		Expect(o.Status.Identifier).To(HaveLen(8))
		Expect(o.Status.UUID).To(HavePrefix(o.Status.Identifier))
		Expect(o.Status.ExternalID).To(Equal(ns + ".create"))
		Expect(o.Status.Node).To(Equal(node.Name))
		Expect(o.Status.NodeID).To(Equal(node.Status.ID))
		Expect(o.Status.Address).To(Equal(nodeIP + ":25565"))

		s := inPanel(Default, ns+".create")
		Expect(s.ID).To(BeEquivalentTo(o.Status.ID))
		Expect(s.Identifier).To(Equal(o.Status.Identifier))
		Expect(s.UUID).To(Equal(o.Status.UUID))
		Expect(s).To(And(HaveField("Name", "create"), HaveField("User", BeEquivalentTo(owner.Status.ID)),
			HaveField("Egg", egg.ID), HaveField("Node", BeEquivalentTo(node.Status.ID)),
			HaveField("Container.Image", egg.DockerImage), HaveField("Container.StartupCommand", egg.Startup),
			HaveField("Limits.Memory", 1024), HaveField("Limits.Disk", 4096), HaveField("Limits.IO", 500),
			HaveField("Limits.OOMDisabled", true)))
		Expect(defaultPort(s)).To(Equal(25565))

		By("filling the egg's defaults for the variables the spec leaves out")
		Expect(s.Container.Environment).To(And(HaveKeyWithValue("SERVER_JARFILE", "paper.jar"),
			HaveKeyWithValue("BUILD_NUMBER", "196"), HaveKeyWithValue("MINECRAFT_VERSION", "latest")))
		for _, v := range egg.Relationships.Variables {
			want := cmp.Or(o.Spec.Environment[v.EnvVariable], v.DefaultValue)
			if want == "" {
				continue
			}
			i := slices.IndexFunc(s.Relationships.Variables, func(sv panel.EggVariable) bool { return sv.EnvVariable == v.EnvVariable })
			Expect(i).NotTo(Equal(-1), "variable %s", v.EnvVariable)
			Expect(s.Relationships.Variables[i].ServerValue).To(HaveValue(Equal(want)), "stored value of %s", v.EnvVariable)
		}
		Expect(env.Requests(createKey+"201") - created).To(Equal(1))
	})

	It("updates each field group in place", func() {
		created := env.Requests(createKey + "201")
		o := newServer("update", 25566)
		env.Create(o)
		o = readyServer(o)
		id := o.Status.ID
		expectPanel := func(match OmegaMatcher) {
			GinkgoHelper()
			Eventually(func(g Gomega) {
				s := inPanel(g, ns+".update")
				g.Expect(s.ID).To(BeEquivalentTo(id))
				g.Expect(s).To(match)
				env.Get(g, o)
				g.Expect(controllertest.IsReady(o)).To(BeTrue())
			}).WithTimeout(timeout).Should(Succeed())
		}

		By("details: name and description")
		update(o, func(o *ptero.GameServer) { o.Spec.Name, o.Spec.Description = "Survival", "The main world" })
		expectPanel(And(HaveField("Name", "Survival"), HaveField("Description", "The main world"),
			HaveField("ExternalID", ns+".update"), HaveField("User", BeEquivalentTo(owner.Status.ID))))

		By("build: limits, feature limits and ports")
		update(o, func(o *ptero.GameServer) {
			o.Spec.Limits.Memory = 3072
			o.Spec.FeatureLimits = ptero.FeatureLimits{Databases: 2, Allocations: 3, Backups: 1}
			o.Spec.Allocation.Port = 25567
			o.Spec.Allocation.AdditionalPorts = []int32{25568}
		})
		expectPanel(And(HaveField("Limits.Memory", 3072), HaveField("Limits.Disk", 4096),
			HaveField("FeatureLimits.Databases", HaveValue(Equal(2))), HaveField("FeatureLimits.Allocations", HaveValue(Equal(3))),
			HaveField("FeatureLimits.Backups", HaveValue(Equal(1))),
			WithTransform(defaultPort, Equal(25567)), WithTransform(serverPorts, Equal([]int{25567, 25568}))))
		Eventually(func(g Gomega) string {
			env.Get(g, o)
			return o.Status.Address
		}).WithTimeout(timeout).Should(Equal(nodeIP + ":25567"))
		Expect(allocation(Default, 25566).Assigned).To(BeFalse(), "the old default port is given back")

		By("startup: a variable and the image")
		update(o, func(o *ptero.GameServer) {
			o.Spec.Environment = map[string]string{"MINECRAFT_VERSION": "1.20.4"}
			o.Spec.Image = "ghcr.io/pterodactyl/yolks:java_17"
		})
		expectPanel(And(HaveField("Container.Image", "ghcr.io/pterodactyl/yolks:java_17"),
			HaveField("Container.Environment", And(HaveKeyWithValue("MINECRAFT_VERSION", "1.20.4"),
				HaveKeyWithValue("SERVER_JARFILE", "server.jar"), HaveKeyWithValue("BUILD_NUMBER", "latest")))))

		Expect(o.Status.ID).To(Equal(id))
		Expect(env.Requests(createKey+"201") - created).To(Equal(1))
	})

	It("suspends and unsuspends the server", func() {
		o := newServer("suspend", 25569)
		env.Create(o)
		o = readyServer(o)

		update(o, func(o *ptero.GameServer) { o.Spec.Suspended = true })
		Eventually(func(g Gomega) {
			g.Expect(inPanel(g, ns+".suspend").Status).To(HaveValue(Equal("suspended")))
			env.Get(g, o)
			g.Expect(o.Status.State).To(Equal(ptero.GameServerStateSuspended))
			g.Expect(controllertest.IsReady(o)).To(BeTrue(), "a suspension the spec asks for is what the user wants")
		}).WithTimeout(timeout).Should(Succeed())

		update(o, func(o *ptero.GameServer) { o.Spec.Suspended = false })
		Eventually(func(g Gomega) {
			g.Expect(inPanel(g, ns+".suspend").Status).To(BeNil())
			env.Get(g, o)
			g.Expect(o.Status.State).To(Equal(ptero.GameServerStateInstalled))
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
		}).WithTimeout(timeout).Should(Succeed())
	})

	It("reinstalls once per reinstall token", func() {
		o := newServer("reinstall", 25570)
		env.Create(o)
		o = readyServer(o)
		before := env.Requests(reinstallKey)

		for i, token := range []string{"first", "second"} {
			By("token " + token)
			annotate(o, ptero.AnnotationReinstall, token)
			Eventually(func(g Gomega) string {
				env.Get(g, o)
				return o.Status.LastReinstallToken
			}).WithTimeout(timeout).Should(Equal(token))
			Eventually(func(g Gomega) {
				env.Get(g, o)
				g.Expect(controllertest.IsReady(o)).To(BeTrue())
				g.Expect(o.Status.State).To(Equal(ptero.GameServerStateInstalled))
				g.Expect(inPanel(g, ns+".reinstall").Status).To(BeNil())
			}).WithTimeout(timeout).Should(Succeed())
			Consistently(func() int {
				return env.Requests(reinstallKey) - before
			}).WithTimeout(3 * time.Second).Should(Equal(i + 1))
		}
		Expect(inPanel(Default, ns+".reinstall").ID).To(BeEquivalentTo(o.Status.ID))
	})

	It("reverts a change made in the panel within the sync interval", func() {
		o := newServer("drift", 25571)
		env.Create(o)
		o = readyServer(o)
		s, err := pc.Servers.Get(ctx, int(o.Status.ID))
		Expect(err).NotTo(HaveOccurred())
		req := panel.BuildRequestFrom(s)
		req.Limits.Memory = 8192
		_, err = pc.Servers.UpdateBuild(ctx, s.ID, req)
		Expect(err).NotTo(HaveOccurred())
		Expect(inPanel(Default, ns+".drift").Limits.Memory).To(Equal(8192))

		Eventually(func(g Gomega) int {
			return inPanel(g, ns+".drift").Limits.Memory
		}).WithTimeout(driftTimeout).Should(Equal(1024))
	})

	It("recreates a server deleted in the panel", func() {
		o := newServer("recreate", 25572)
		env.Create(o)
		o = readyServer(o)
		old := o.Status.ID
		Expect(pc.Servers.ForceDelete(ctx, int(old))).To(Succeed())

		Eventually(func(g Gomega) {
			s := inPanel(g, ns+".recreate")
			g.Expect(s.ID).NotTo(BeEquivalentTo(old))
			env.Get(g, o)
			g.Expect(o.Status.ID).To(BeEquivalentTo(s.ID))
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
			g.Expect(o.Status.State).To(Equal(ptero.GameServerStateInstalled))
		}).WithTimeout(driftTimeout).Should(Succeed())
		Consistently(func(g Gomega) []panel.Server {
			return serversWithExternalID(g, ns+".recreate")
		}).WithTimeout(2 * time.Second).Should(HaveLen(1))
	})

	It("keeps whoever applied it in managedFields through its own writes, though it caches objects without them", func() {
		o := newServer("fields", 25589)
		Expect(env.Client.Create(ctx, o, client.FieldOwner("kubectl-client-side-apply"))).To(Succeed())
		o = readyServer(o)
		Expect(o.Finalizers).To(ContainElement(ptero.Finalizer))
		Expect(o.ManagedFields).To(ContainElement(And(HaveField("Manager", "kubectl-client-side-apply"),
			HaveField("Operation", metav1.ManagedFieldsOperationUpdate))))
	})

	Context("when deleted", func() {
		It("deletes the panel server with deletionPolicy Delete and frees its allocation", func() {
			o := newServer("delete", 25573)
			env.Create(o)
			readyServer(o)
			Expect(allocation(Default, 25573).Assigned).To(BeTrue())
			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			gone(o, ns+".delete")
			Expect(allocation(Default, 25573).Assigned).To(BeFalse())
		})

		It("leaves the panel server with deletionPolicy Orphan", func() {
			o := newServer("orphan", 25574)
			o.Spec.DeletionPolicy = ptero.DeletionPolicyOrphan
			env.Create(o)
			o = readyServer(o)
			DeferCleanup(pc.Servers.ForceDelete, ctx, int(o.Status.ID))
			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			Eventually(func() error {
				return env.Client.Get(ctx, client.ObjectKeyFromObject(o), &ptero.GameServer{})
			}).WithTimeout(timeout).ShouldNot(Succeed())
			Expect(inPanel(Default, ns+".orphan").ID).To(BeEquivalentTo(o.Status.ID))
		})

		It("is stuck while Wings is unreachable, and goes through with forceDelete", func() {
			o := newServer("force", 25575)
			env.Create(o)
			o = readyServer(o)
			env.Sim.SetWingsReachable(int(node.Status.ID), false)
			DeferCleanup(env.Sim.SetWingsReachable, int(node.Status.ID), true)

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			Eventually(func(g Gomega) *metav1.Condition {
				env.Get(g, o)
				return controllertest.Synced(o)
			}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonPanelUnavailable), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring("Wings"))))
			Expect(ready(o)).To(HaveField("Status", metav1.ConditionFalse))
			Expect(inPanel(Default, ns+".force").ID).To(BeEquivalentTo(o.Status.ID))

			update(o, func(o *ptero.GameServer) { o.Spec.ForceDelete = true })
			gone(o, ns+".force")
			Expect(allocation(Default, 25575).Assigned).To(BeFalse())
		})
	})

	It("adopts an existing server named by the panel-id annotation and enforces the spec on it", func() {
		existing := createServer("made-by-hand", 25576, 512)
		created := env.Requests(createKey + "201")

		o := newServer("adopt", 25576)
		o.Annotations = map[string]string{ptero.AnnotationPanelID: strconv.Itoa(existing.ID)}
		env.Create(o)
		o = readyServer(o)
		Expect(o.Status.ID).To(BeEquivalentTo(existing.ID))
		s := inPanel(Default, ns+".adopt")
		Expect(s.ID).To(Equal(existing.ID))
		Expect(s).To(And(HaveField("Name", "adopt"), HaveField("Limits.Memory", 1024), HaveField("Limits.Disk", 4096)))
		Expect(env.Requests(createKey+"201") - created).To(BeZero())
	})

	It("waits for its owner and node, then goes on by itself", func() {
		o := newServerOn("late", "wings-late", 25565)
		o.Spec.Owner.UserRef.Name = "late-owner"
		env.Create(o)
		Eventually(func(g Gomega) *metav1.Condition {
			env.Get(g, o)
			return controllertest.Synced(o)
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonReferenceNotReady), HaveField("Status", metav1.ConditionFalse),
			HaveField("Message", ContainSubstring(`PanelUser "late-owner"`))))
		Expect(ready(o)).To(HaveField("Status", metav1.ConditionFalse))
		Expect(serversWithExternalID(Default, ns+".late")).To(BeEmpty())

		user := newUser("late-owner")
		env.Create(user)
		lateNode := newNode("wings-late", "10.2.1.1")
		env.Create(lateNode)
		env.ExpectReady(user, timeout)
		env.ExpectReady(lateNode, timeout)

		By("creating the server once both are Ready, sooner than the 10s safety-net requeue")
		Eventually(func(g Gomega) []panel.Server {
			return serversWithExternalID(g, ns+".late")
		}).WithTimeout(8 * time.Second).Should(HaveLen(1))
		o = readyServer(o)
		s := inPanel(Default, ns+".late")
		Expect(s.User).To(BeEquivalentTo(user.Status.ID))
		Expect(s.Node).To(BeEquivalentTo(lateNode.Status.ID))
		Expect(o.Status.Address).To(Equal("10.2.1.1:25565"))
	})

	It("shows a variable the panel refuses on Synced, with the field, and does not retry in a loop", func() {
		before := env.Requests(createKey)
		o := newServer("refused", 25577)
		o.Spec.Environment = map[string]string{"SERVER_JARFILE": "server.zip"}
		env.Create(o)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring("environment.SERVER_JARFILE"))))
			g.Expect(ready(o)).To(HaveField("Status", metav1.ConditionFalse))
		}).WithTimeout(timeout).Should(Succeed())
		Consistently(func(g Gomega) {
			g.Expect(env.Requests(createKey) - before).To(BeNumerically("<=", 3))
			env.Get(g, o)
			g.Expect(ready(o)).To(HaveField("Status", Not(Equal(metav1.ConditionTrue))))
		}).WithTimeout(5 * time.Second).Should(Succeed())
		Expect(serversWithExternalID(Default, ns+".refused")).To(BeEmpty())

		By("recovering once the spec is fixed")
		update(o, func(o *ptero.GameServer) { o.Spec.Environment["SERVER_JARFILE"] = "paper.jar" })
		o = readyServer(o)
		Expect(inPanel(Default, ns+".refused").Container.Environment).To(HaveKeyWithValue("SERVER_JARFILE", "paper.jar"))
	})

	Context("when the panel misbehaves", func() {
		It("recovers from a burst of panel errors on create without duplicates", func() {
			env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: "/api/application/servers", Status: http.StatusInternalServerError, Times: 3})
			DeferCleanup(env.Sim.ClearFaults)
			failed := env.Requests(createKey + "500")

			o := newServer("burst", 25578)
			env.Create(o)
			o = readyServer(o)
			Expect(env.Requests(createKey+"500") - failed).To(Equal(3))
			Expect(inPanel(Default, ns+".burst").ID).To(BeEquivalentTo(o.Status.ID))
		})

		It("finds a server whose create response was lost instead of creating a second one", func() {
			env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: "/api/application/servers", DropAfterCommit: true, Times: 1})
			DeferCleanup(env.Sim.ClearFaults)
			dropped, created := env.Requests(createKey+"0"), env.Requests(createKey+"201")

			o := newServer("lost", 25579)
			env.Create(o)
			o = readyServer(o)
			Consistently(func(g Gomega) []panel.Server {
				return serversWithExternalID(g, ns+".lost")
			}).WithTimeout(2 * time.Second).Should(HaveLen(1))
			Expect(inPanel(Default, ns+".lost").ID).To(BeEquivalentTo(o.Status.ID))
			Expect(env.Requests(createKey+"0") - dropped).To(Equal(1))
			Expect(env.Requests(createKey+"201") - created).To(BeZero())
		})

		It("waits out a burst of 429s on the look-up before the create", func() {
			// Per object the look-up is a GET by external id; with the snapshot it is the list.
			route := "/api/application/servers/external/{external_id}"
			if !perObject() {
				route = "/api/application/servers"
			}
			env.Sim.InjectFault(panelsim.Fault{Method: http.MethodGet, Route: route, Status: http.StatusTooManyRequests, Times: 3})
			DeferCleanup(env.Sim.ClearFaults)
			limited := env.Requests("GET " + route + " 429")

			o := newServer("throttled", 25580)
			env.Create(o)
			o = readyServer(o)
			Expect(env.Requests("GET "+route+" 429") - limited).To(Equal(3))
			Expect(serversWithExternalID(Default, ns+".throttled")).To(HaveLen(1))
			Expect(inPanel(Default, ns+".throttled").ID).To(BeEquivalentTo(o.Status.ID))
		})

		It("adopts a server made in the panel with its external id since the last look, instead of a second one", func() {
			// Made behind the operator's back: neither the snapshot nor a cached look-up has it.
			made := createServerWithExternalID("made-behind", ns+".made-behind", 25582, 1024)
			refused := env.Requests(createKey + "422")

			o := newServer("made-behind", 25582)
			env.Create(o)
			o = readyServer(o)
			Expect(o.Status.ID).To(BeEquivalentTo(made.ID))
			Expect(serversWithExternalID(Default, ns+".made-behind")).To(HaveLen(1))
			if !perObject() {
				// With the snapshot the copy had not seen it: the panel's refusal found it.
				Expect(env.Requests(createKey+"422") - refused).To(BeNumerically("<=", 1))
			}
		})
	})

	It("reports a failed install on Ready while staying Synced, and recovers with a reinstall", func() {
		env.Sim.FailInstalls(ns + ".broken")
		DeferCleanup(env.Sim.FailInstalls, "")

		o := newServer("broken", 25581)
		env.Create(o)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(o.Status.State).To(Equal(ptero.GameServerStateInstallFailed))
			g.Expect(ready(o)).To(And(controllertest.HaveReason(ptero.ReasonInstallFailed), HaveField("Status", metav1.ConditionFalse)))
			g.Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))
		}).WithTimeout(timeout).Should(Succeed())
		Expect(inPanel(Default, ns+".broken").Status).To(HaveValue(Equal("install_failed")))

		By("reinstalling once the cause is gone")
		env.Sim.FailInstalls("")
		annotate(o, ptero.AnnotationReinstall, "retry")
		readyServer(o)
		Expect(o.Status.LastReinstallToken).To(Equal("retry"))
		Expect(inPanel(Default, ns+".broken").Status).To(BeNil())
	})
})
