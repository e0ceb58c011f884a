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

package gameserversets_test

import (
	"fmt"
	"sync"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/util/retry"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// newSet is a set of Paper servers owned by alice on the nodes of region.
func newSet(name string, replicas int32, region string) *ptero.GameServerSet {
	return &ptero.GameServerSet{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: ptero.GameServerSetSpec{
			Replicas: ptr.To(replicas),
			Template: ptero.GameServerTemplate{
				Metadata: ptero.TemplateMetadata{Labels: map[string]string{"game": "paper"}},
				Spec: ptero.GameServerTemplateSpec{
					Owner:  ptero.ServerOwner{UserRef: &ptero.LocalObjectReference{Name: "alice"}},
					Egg:    ptero.EggSelector{Nest: "Minecraft", Name: "Paper"},
					Limits: ptero.ServerLimits{Memory: 1024, Disk: 2048},
				},
			},
			Placement: ptero.GameServerPlacement{NodeSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"region": region}}},
		},
	}
}

// replicasOf lists the set's replicas, those being deleted included.
func replicasOf(g Gomega, set *ptero.GameServerSet) []ptero.GameServer {
	list := &ptero.GameServerList{}
	g.Expect(env.Client.List(ctx, list, client.InNamespace(ns), client.MatchingLabels{ptero.LabelSet: set.Name})).To(Succeed())
	return list.Items
}

// settled waits until the set has n replicas, all Ready and of its current template, and
// returns them.
func settled(set *ptero.GameServerSet, n int) []ptero.GameServer {
	GinkgoHelper()
	var replicas []ptero.GameServer
	Eventually(func(g Gomega) {
		env.Get(g, set)
		g.Expect(set.Status.ObservedGeneration).To(Equal(set.Generation))
		g.Expect(set.Status).To(And(HaveField("Replicas", int32(n)), HaveField("ReadyReplicas", int32(n)), HaveField("UpdatedReplicas", int32(n))))
		g.Expect(controllertest.IsReady(set)).To(BeTrue(), "conditions: %+v", set.Status.Conditions)
		replicas = replicasOf(g, set)
		g.Expect(replicas).To(HaveLen(n))
	}).WithTimeout(timeout).Should(Succeed())
	return replicas
}

// scale sets replicas through the /scale subresource, as kubectl scale and an HPA do: read, set,
// write, again when the set's status changed in between (the Scale carries its resourceVersion).
func scale(set *ptero.GameServerSet, replicas int32) {
	GinkgoHelper()
	Expect(retry.RetryOnConflict(retry.DefaultRetry, func() error {
		s := &autoscalingv1.Scale{}
		if err := env.Client.SubResource("scale").Get(ctx, set, s); err != nil {
			return err
		}
		Expect(s.Status.Selector).To(Equal(ptero.LabelSet + "=" + set.Name))
		s.Spec.Replicas = replicas
		return env.Client.SubResource("scale").Update(ctx, set, client.WithSubResourceBody(s))
	})).To(Succeed())
}

// deleteSet deletes the set and waits until it and its replicas are gone.
func deleteSet(set *ptero.GameServerSet) {
	GinkgoHelper()
	Expect(client.IgnoreNotFound(env.Client.Delete(ctx, set))).To(Succeed())
	Eventually(func(g Gomega) {
		g.Expect(replicasOf(g, set)).To(BeEmpty())
		err := env.Client.Get(ctx, client.ObjectKeyFromObject(set), &ptero.GameServerSet{})
		g.Expect(apierrors.IsNotFound(err)).To(BeTrue(), "the set still exists: %v", err)
	}).WithTimeout(timeout).Should(Succeed())
}

// address is where a replica was placed: node, IP and port.
func address(gs ptero.GameServer) string {
	a := gs.Spec.Allocation
	return fmt.Sprintf("%s/%s:%d", a.NodeRef.Name, a.IP, a.Port)
}

// panelServersOf are the panel servers of the set's replicas, by their external ids.
func panelServersOf(g Gomega, set *ptero.GameServerSet) []panel.Server {
	all, err := env.Panel.Servers.ListAll(ctx, nil)
	g.Expect(err).NotTo(HaveOccurred())
	var out []panel.Server
	for _, s := range all {
		if len(s.ExternalID) > len(ns)+len(set.Name)+2 && s.ExternalID[:len(ns)+len(set.Name)+2] == ns+"."+set.Name+"-" {
			out = append(out, s)
		}
	}
	return out
}

var _ = Describe("GameServerSet", func() {
	It("places replicas on the selected nodes, each on ports of its own, and scales through /scale", func() {
		set := newSet("arena", 4, "eu")
		set.Spec.Placement.Ports = 2
		env.Create(set)
		DeferCleanup(deleteSet, set)

		replicas := settled(set, 4)
		perNode := map[string]int{}
		taken := map[string]bool{}
		for _, gs := range replicas {
			Expect(gs.Name).To(MatchRegexp("^arena-[a-z0-9]{5}$"))
			Expect(gs.Labels).To(HaveKeyWithValue("game", "paper"))
			Expect(metav1.IsControlledBy(&gs, set)).To(BeTrue())
			Expect(gs.Spec.Allocation.AdditionalPorts).To(HaveLen(1))
			perNode[gs.Spec.Allocation.NodeRef.Name]++
			for _, p := range append([]int32{gs.Spec.Allocation.Port}, gs.Spec.Allocation.AdditionalPorts...) {
				key := fmt.Sprintf("%s:%d", gs.Spec.Allocation.NodeRef.Name, p)
				Expect(taken).NotTo(HaveKey(key), "port given twice")
				taken[key] = true
			}
		}
		Expect(perNode).To(Equal(map[string]int{"wings-a": 2, "wings-b": 2}), "LeastAllocated spreads over the eu nodes, none on wings-us")
		Expect(set.Status.Selector).To(Equal(ptero.LabelSet + "=arena"))
		Eventually(func(g Gomega) { g.Expect(panelServersOf(g, set)).To(HaveLen(4)) }).Should(Succeed())

		By("kubectl scale to 6")
		scale(set, 6)
		grown := settled(set, 6)

		By("and down to 2: OfflineFirst keeps the oldest when every replica is alike")
		scale(set, 2)
		Eventually(func(g Gomega) {
			left := replicasOf(g, set)
			g.Expect(left).To(HaveLen(2))
			first := map[string]bool{}
			for _, gs := range replicas {
				first[gs.Name] = true
			}
			for _, gs := range left {
				g.Expect(first).To(HaveKey(gs.Name), "a replica made by the scale to 6 was kept over an older one")
			}
		}).WithTimeout(timeout).Should(Succeed())
		settled(set, 2)
		Eventually(func(g Gomega) { g.Expect(panelServersOf(g, set)).To(HaveLen(2)) }).WithTimeout(timeout).Should(Succeed())
		Expect(grown).To(HaveLen(6))
	})

	It("removes a replica that is not running first on scale-down", func() {
		set := newSet("offline", 3, "eu")
		// A file makes the operator read each replica's power; the panel starts each one once
		// installed (startOnCompletion), and nothing keeps it running.
		set.Spec.Template.Spec.Files = []ptero.ServerFile{{Path: "/motd.txt", Content: ptr.To("welcome\n")}}
		env.Create(set)
		DeferCleanup(deleteSet, set)
		replicas := settled(set, 3)
		Eventually(func(g Gomega) {
			env.Get(g, set)
			g.Expect(set.Status.RunningReplicas).To(BeEquivalentTo(3))
		}).WithTimeout(timeout).Should(Succeed())

		stopped := replicas[1]
		Expect(player.ClientAPI.SendPowerSignal(ctx, stopped.Status.Identifier, panel.PowerStop)).To(Succeed())
		Eventually(func(g Gomega) {
			env.Get(g, set)
			g.Expect(set.Status.RunningReplicas).To(BeEquivalentTo(2))
		}).WithTimeout(timeout).Should(Succeed())

		scale(set, 2)
		Eventually(func(g Gomega) []string {
			var names []string
			for _, gs := range replicasOf(g, set) {
				names = append(names, gs.Name)
			}
			return names
		}).WithTimeout(timeout).Should(ConsistOf(replicas[0].Name, replicas[2].Name))
	})

	It("rolls a new template through the replicas without more than maxUnavailable unavailable", func() {
		set := newSet("rolling", 3, "eu")
		env.Create(set)
		DeferCleanup(deleteSet, set)
		before := settled(set, 3)

		var mu sync.Mutex
		fewestReady, most := 3, 3
		watch := func(g Gomega) []ptero.GameServer {
			all := replicasOf(g, set)
			ready := 0
			for _, gs := range all {
				if gs.DeletionTimestamp.IsZero() && controllertest.IsReady(&gs) {
					ready++
				}
			}
			mu.Lock()
			fewestReady, most = min(fewestReady, ready), max(most, len(all))
			mu.Unlock()
			return all
		}
		Eventually(func(g Gomega) {
			env.Get(g, set)
			set.Spec.Template.Spec.Environment = map[string]string{"MINECRAFT_VERSION": "1.21.4"}
			g.Expect(env.Client.Update(ctx, set)).To(Succeed())
		}).Should(Succeed())

		Eventually(func(g Gomega) {
			all := watch(g)
			env.Get(g, set)
			g.Expect(set.Status.ObservedGeneration).To(Equal(set.Generation))
			g.Expect(set.Status).To(And(HaveField("UpdatedReplicas", int32(3)), HaveField("ReadyReplicas", int32(3))))
			g.Expect(all).To(HaveLen(3))
			for _, gs := range all {
				g.Expect(gs.Spec.Environment).To(HaveKeyWithValue("MINECRAFT_VERSION", "1.21.4"))
			}
		}).WithTimeout(2 * timeout).WithPolling(100 * time.Millisecond).Should(Succeed())
		Expect(fewestReady).To(BeNumerically(">=", 2), "maxUnavailable 1 of 3")
		Expect(most).To(BeNumerically("<=", 3), "maxSurge 0")
		for _, gs := range replicasOf(Default, set) {
			for _, old := range before {
				Expect(gs.Name).NotTo(Equal(old.Name), "a replica of the old template is left")
			}
		}
	})

	It("says NoCapacity when no node has room, and goes on when a matching PanelNode appears", func() {
		set := newSet("asia", 1, "asia")
		env.Create(set)
		DeferCleanup(deleteSet, set)
		Eventually(func(g Gomega) {
			env.Get(g, set)
			g.Expect(controllertest.Condition(set, ptero.ConditionProgressing)).To(And(
				controllertest.HaveReason(ptero.ReasonNoCapacity), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring("placement.nodeSelector"))))
			g.Expect(controllertest.IsReady(set)).To(BeFalse())
		}).WithTimeout(timeout).Should(Succeed())
		Expect(replicasOf(Default, set)).To(BeEmpty())
		Eventually(func(g Gomega) {
			events := &eventsv1.EventList{}
			g.Expect(env.Client.List(ctx, events, client.InNamespace(ns))).To(Succeed())
			g.Expect(events.Items).To(ContainElement(And(HaveField("Regarding.UID", set.UID), HaveField("Reason", ptero.ReasonNoCapacity),
				HaveField("Type", "Warning"))))
		}).Should(Succeed())

		node := newNode("wings-asia", "10.3.2.1", "asia")
		env.Create(node)
		DeferCleanup(func() { Expect(env.Client.Delete(ctx, node)).To(Succeed()) })
		replicas := settled(set, 1)
		Expect(replicas[0].Spec.Allocation.NodeRef.Name).To(Equal("wings-asia"))

		By("asking for more ports than any node has")
		wide := newSet("wide", 1, "eu")
		wide.Spec.Placement.Ports = nodePorts + 1
		env.Create(wide)
		DeferCleanup(deleteSet, wide)
		Eventually(func(g Gomega) {
			env.Get(g, wide)
			g.Expect(controllertest.Condition(wide, ptero.ConditionProgressing)).To(And(
				controllertest.HaveReason(ptero.ReasonNoCapacity), HaveField("Message", ContainSubstring("free ports on one IP"))))
		}).WithTimeout(timeout).Should(Succeed())
	})

	It("gives two sets reconciled at once distinct ports, none the panel already assigned", func() {
		// A server made in the panel by someone else holds wings-a's first port.
		nodeA := &ptero.PanelNode{}
		Expect(env.Client.Get(ctx, client.ObjectKey{Name: "wings-a"}, nodeA)).To(Succeed())
		taken := freeAllocation(int(nodeA.Status.ID))
		other := createPanelServer("someone-else", int(nodeA.Status.ID), taken)
		DeferCleanup(func() { Expect(env.Panel.Servers.Delete(ctx, other.ID)).To(Succeed()) })

		red, blue := newSet("red", 4, "eu"), newSet("blue", 4, "eu")
		red.Spec.Placement.Spread, blue.Spec.Placement.Spread = ptero.SpreadPacked, ptero.SpreadPacked
		env.Create(red)
		env.Create(blue)
		DeferCleanup(deleteSet, red)
		DeferCleanup(deleteSet, blue)
		seen := map[string]string{}
		for _, set := range []*ptero.GameServerSet{red, blue} {
			for _, gs := range settled(set, 4) {
				Expect(seen).NotTo(HaveKey(address(gs)), "%s and %s share a port", gs.Name, seen[address(gs)])
				seen[address(gs)] = gs.Name
				Expect(gs.Spec.Allocation.NodeRef.Name + ":" + fmt.Sprint(gs.Spec.Allocation.Port)).NotTo(Equal(fmt.Sprintf("wings-a:%d", taken.Port)))
			}
		}
	})

	It("deletes its replicas and their panel servers when deleted", func() {
		set := newSet("gone", 2, "eu")
		env.Create(set)
		settled(set, 2)
		Eventually(func(g Gomega) { g.Expect(panelServersOf(g, set)).To(HaveLen(2)) }).Should(Succeed())
		deleteSet(set)
		Eventually(func(g Gomega) { g.Expect(panelServersOf(g, set)).To(BeEmpty()) }).WithTimeout(timeout).Should(Succeed())
	})
})

// freeAllocation is the first unassigned allocation of the node, as the panel has it.
func freeAllocation(nodeID int) panel.Allocation {
	GinkgoHelper()
	all, err := env.Panel.Allocations.ListAll(ctx, nodeID, nil)
	Expect(err).NotTo(HaveOccurred())
	for _, a := range all {
		if !a.Assigned {
			return a
		}
	}
	Fail("the node has no free allocation")
	return panel.Allocation{}
}

// createPanelServer makes a Paper server on allocation directly through the panel API, as
// someone clicking in the panel would: no GameServer stands for it.
func createPanelServer(name string, nodeID int, a panel.Allocation) *panel.Server {
	GinkgoHelper()
	owner := &ptero.PanelUser{}
	Expect(env.Client.Get(ctx, client.ObjectKey{Namespace: ns, Name: "alice"}, owner)).To(Succeed())
	nests, err := env.Panel.Nests.ListAll(ctx, &panel.ListOptions{Include: []string{"eggs"}})
	Expect(err).NotTo(HaveOccurred())
	for _, n := range nests {
		for _, e := range n.Relationships.Eggs {
			if n.Name != "Minecraft" || e.Name != "Paper" {
				continue
			}
			egg, err := env.Panel.Eggs.Get(ctx, n.ID, e.ID, "variables")
			Expect(err).NotTo(HaveOccurred())
			s, err := env.Panel.Servers.Create(ctx, panel.ServerCreateRequest{
				Name: name, User: int(owner.Status.ID), Egg: egg.ID, DockerImage: egg.DockerImage, Startup: egg.Startup,
				Environment:   panel.CreateEnvironment(egg.Relationships.Variables, nil),
				Limits:        panel.CreateLimits{BuildLimits: panel.BuildLimits{Memory: 1024, Disk: 2048, IO: 500}},
				FeatureLimits: panel.FeatureLimits{Databases: new(int), Backups: new(int)},
				SkipScripts:   true,
				Allocation:    &panel.AllocationSpec{Default: a.ID},
			})
			Expect(err).NotTo(HaveOccurred(), "creating panel server %s on node %d", name, nodeID)
			return s
		}
	}
	Fail("the panel has no egg Minecraft/Paper")
	return nil
}
