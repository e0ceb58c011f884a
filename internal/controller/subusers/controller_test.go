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

package subusers_test

import (
	"net/http"
	"slices"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

const (
	timeout = 20 * time.Second
	// driftTimeout covers one 10s sync interval with its jitter and a reconcile.
	driftTimeout = 30 * time.Second
	// watchTimeout is shorter than the 10s sync interval: only a watch can be that quick.
	watchTimeout = 5 * time.Second
)

// The simulator counts requests as "<method> <route> <status>".
const (
	subusersRoute = "/api/client/servers/{server}/users"
	createCalls   = "POST " + subusersRoute + " "
)

func newSubuser(name, server, email string, permissions ...string) *ptero.ServerSubuser {
	o := &ptero.ServerSubuser{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec:       ptero.ServerSubuserSpec{ServerRef: ptero.LocalObjectReference{Name: server}, Email: ptr.To(email)},
	}
	setPermissions(o, permissions)
	return o
}

func setPermissions(o *ptero.ServerSubuser, permissions []string) {
	o.Spec.Permissions = nil
	for _, p := range permissions {
		o.Spec.Permissions = append(o.Spec.Permissions, ptero.SubuserPermission(p))
	}
}

// held is what the panel should hold for permissions: them and websocket.connect, sorted.
func held(permissions ...string) []string {
	out := append(slices.Clone(permissions), panel.PermissionWebsocketConnect)
	slices.Sort(out)
	return slices.Compact(out)
}

func sorted(list []string) []string {
	out := slices.Clone(list)
	slices.Sort(out)
	return out
}

// panelSubusers returns the subusers the panel holds for the server.
func panelSubusers(g Gomega, gs *ptero.GameServer) []panel.ClientSubuser {
	list, err := pc.ClientAPI.ListSubusers(ctx, gs.Status.Identifier)
	g.Expect(err).NotTo(HaveOccurred())
	return list
}

// expectOnlySubuser waits until the server has exactly one subuser, email's, holding these
// permissions and websocket.connect, and o is Ready with its UUID and email; it returns it.
func expectOnlySubuser(o *ptero.ServerSubuser, gs *ptero.GameServer, email string, permissions ...string) panel.ClientSubuser {
	GinkgoHelper()
	var s panel.ClientSubuser
	Eventually(func(g Gomega) {
		s = controllertest.One(g, panelSubusers(g, gs), "subusers of server "+gs.Status.Identifier)
		g.Expect(strings.EqualFold(s.Email, email)).To(BeTrue(), "the subuser is %s, not %s", s.Email, email)
		g.Expect(sorted(s.Permissions)).To(Equal(held(permissions...)))
		env.Get(g, o)
		g.Expect(controllertest.IsReady(o)).To(BeTrue(), "conditions: %+v", o.Status.Conditions)
		g.Expect(o.Status.UUID).To(Equal(s.UUID))
		g.Expect(o.Status.Email).To(Equal(s.Email))
	}).WithTimeout(driftTimeout).Should(Succeed())
	return s
}

// panelUsersWithEmail returns the panel's users with exactly this email (the filter is a LIKE).
func panelUsersWithEmail(g Gomega, email string) []panel.User {
	all, err := pc.Users.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"email": email}})
	return controllertest.Exact(g, all, err, func(u panel.User) bool { return strings.EqualFold(u.Email, email) })
}

// update changes o's spec, retrying on conflicts with the controller's writes.
func update(o *ptero.ServerSubuser, change func()) {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		env.Get(g, o)
		change()
		g.Expect(env.Client.Update(ctx, o)).To(Succeed())
	}).WithTimeout(timeout).Should(Succeed())
}

// waitGone waits for o to be deleted from the API server, finalizer and all.
func waitGone(o client.Object) {
	GinkgoHelper()
	Eventually(func() bool {
		return apierrors.IsNotFound(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o))
	}).WithTimeout(timeout).Should(BeTrue(), "%T %s is still there", o, o.GetName())
}

// expectSynced waits until o's Synced condition is False with reason and a message containing
// each of parts.
func expectSynced(o *ptero.ServerSubuser, reason string, parts ...string) {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		env.Get(g, o)
		c := controllertest.Synced(o)
		g.Expect(c).To(And(controllertest.HaveReason(reason), HaveField("Status", metav1.ConditionFalse)))
		for _, p := range parts {
			g.Expect(c.Message).To(ContainSubstring(p))
		}
		g.Expect(controllertest.Condition(o, ptero.ConditionReady)).To(HaveField("Status", metav1.ConditionFalse))
	}).WithTimeout(timeout).Should(Succeed())
}

var _ = Describe("ServerSubuser", func() {
	It("adds the user by email with the spec's permissions and websocket.connect", func() {
		gs := readyGameServer("by-email")
		o := newSubuser("by-email", gs.Name, "friend@example.com", "control.console", "control.start", "control.stop", "file.read")
		env.Create(o)
		s := expectOnlySubuser(o, gs, "friend@example.com", "control.console", "control.start", "control.stop", "file.read")
		Expect(o.Status.Email).To(Equal("friend@example.com"))
		Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))
		// The panel made an account for the unknown email.
		Expect(controllertest.One(Default, panelUsersWithEmail(Default, "friend@example.com"), "users of friend@example.com").UUID).To(Equal(s.UUID))
	})

	It("adds a PanelUser's panel user by userRef, and follows the user when their email changes", func() {
		gs := readyGameServer("by-ref")
		pu := newPanelUser("bob")
		env.Create(pu)
		env.ExpectReady(pu, timeout)
		o := newSubuser("by-ref", gs.Name, "", "file.read")
		o.Spec.Email, o.Spec.UserRef = nil, &ptero.LocalObjectReference{Name: pu.Name}
		env.Create(o)
		s := expectOnlySubuser(o, gs, "bob@example.com", "file.read")
		Expect(s.UUID).To(Equal(pu.Status.UUID))
		Expect(panelUsersWithEmail(Default, "bob@example.com")).To(HaveLen(1), "no second account for bob")

		By("changing the PanelUser's email")
		Eventually(func(g Gomega) {
			env.Get(g, pu)
			pu.Spec.Email = "robert@example.com"
			g.Expect(env.Client.Update(ctx, pu)).To(Succeed())
		}).WithTimeout(timeout).Should(Succeed())
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(o.Status.Email).To(Equal("robert@example.com"))
			g.Expect(o.Status.UUID).To(Equal(s.UUID))
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
		}).WithTimeout(driftTimeout).Should(Succeed())
		expectOnlySubuser(o, gs, "robert@example.com", "file.read")
	})

	It("puts back permissions changed in the panel, and a subuser removed there", func() {
		gs := readyGameServer("drift")
		o := newSubuser("drift", gs.Name, "drift@example.com", "control.console", "file.read")
		env.Create(o)
		s := expectOnlySubuser(o, gs, "drift@example.com", "control.console", "file.read")

		By("changing the permissions in the panel")
		Expect(env.Sim.SetSubuserPermissions(int(gs.Status.ID), s.UUID, []string{"file.read", "file.delete"})).To(BeTrue())
		Eventually(func(g Gomega) []string {
			return sorted(controllertest.One(g, panelSubusers(g, gs), "subusers").Permissions)
		}).WithTimeout(driftTimeout).Should(Equal(held("control.console", "file.read")))

		By("removing the subuser in the panel")
		Expect(env.Sim.RemoveSubuser(int(gs.Status.ID), s.UUID)).To(BeTrue())
		again := expectOnlySubuser(o, gs, "drift@example.com", "control.console", "file.read")
		Expect(again.UUID).To(Equal(s.UUID), "the same user, added again")
	})

	It("updates the panel when the spec's permissions change", func() {
		gs := readyGameServer("spec-change")
		o := newSubuser("spec-change", gs.Name, "changer@example.com", "control.console")
		env.Create(o)
		s := expectOnlySubuser(o, gs, "changer@example.com", "control.console")
		creates := env.Requests(createCalls)

		update(o, func() { setPermissions(o, []string{"control.console", "backup.read", "websocket.connect"}) })
		Eventually(func(g Gomega) []string {
			return sorted(controllertest.One(g, panelSubusers(g, gs), "subusers").Permissions)
		}).WithTimeout(watchTimeout).Should(Equal(held("control.console", "backup.read")))
		Expect(expectOnlySubuser(o, gs, "changer@example.com", "control.console", "backup.read").UUID).To(Equal(s.UUID))
		Expect(env.Requests(createCalls)).To(Equal(creates), "an update, not a create")
	})

	Context("deletion", func() {
		It("removes the subuser, not the panel user, with deletionPolicy Delete", func() {
			gs := readyGameServer("delete")
			o := newSubuser("delete", gs.Name, "leaver@example.com", "file.read")
			env.Create(o)
			s := expectOnlySubuser(o, gs, "leaver@example.com", "file.read")

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			waitGone(o)
			Expect(panelSubusers(Default, gs)).To(BeEmpty())
			Expect(controllertest.One(Default, panelUsersWithEmail(Default, "leaver@example.com"), "users").UUID).To(Equal(s.UUID))
		})

		It("leaves the subuser with deletionPolicy Orphan", func() {
			gs := readyGameServer("orphan")
			o := newSubuser("orphan", gs.Name, "stayer@example.com", "file.read")
			o.Spec.DeletionPolicy = ptero.DeletionPolicyOrphan
			env.Create(o)
			s := expectOnlySubuser(o, gs, "stayer@example.com", "file.read")

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			waitGone(o)
			Consistently(func(g Gomega) string {
				return controllertest.One(g, panelSubusers(g, gs), "subusers").UUID
			}).WithTimeout(2 * time.Second).Should(Equal(s.UUID))
		})
	})

	It("adopts the subuser named by the panel-id annotation instead of adding one", func() {
		gs := readyGameServer("adopt")
		existing, err := pc.ClientAPI.CreateSubuser(ctx, gs.Status.Identifier, "legacy@example.com", []string{"file.read", "file.update"})
		Expect(err).NotTo(HaveOccurred())
		creates := env.Requests(createCalls)

		o := newSubuser("adopt", gs.Name, "legacy@example.com", "file.read")
		o.Annotations = map[string]string{ptero.AnnotationPanelID: existing.UUID}
		env.Create(o)
		s := expectOnlySubuser(o, gs, "legacy@example.com", "file.read")
		Expect(s.UUID).To(Equal(existing.UUID))
		Expect(env.Requests(createCalls)).To(Equal(creates), "no subuser was added")
	})

	It("refuses an adopted subuser that is not the spec's user", func() {
		gs := readyGameServer("adopt-other")
		existing, err := pc.ClientAPI.CreateSubuser(ctx, gs.Status.Identifier, "someone@example.com", []string{"file.read"})
		Expect(err).NotTo(HaveOccurred())

		o := newSubuser("adopt-other", gs.Name, "else@example.com", "file.read")
		o.Annotations = map[string]string{ptero.AnnotationPanelID: existing.UUID}
		env.Create(o)
		expectSynced(o, ptero.ReasonInvalidSpec, "spec.email", "someone@example.com", "else@example.com")
		Expect(controllertest.One(Default, panelSubusers(Default, gs), "subusers").Permissions).To(ConsistOf("file.read", "websocket.connect"))
	})

	It("waits for its GameServer, then goes on by itself", func() {
		o := newSubuser("early", "late", "early@example.com", "control.console")
		env.Create(o)
		expectSynced(o, ptero.ReasonReferenceNotReady, `GameServer "late"`)

		gs := newGameServer("late")
		env.Create(gs)
		// The server installs for two seconds: the subuser waits for it to be Ready.
		expectSynced(o, ptero.ReasonReferenceNotReady, `GameServer "late"`)
		env.ExpectReady(gs, timeout)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(controllertest.IsReady(o)).To(BeTrue(), "conditions: %+v", o.Status.Conditions)
		}).WithTimeout(watchTimeout).Should(Succeed())
		expectOnlySubuser(o, gs, "early@example.com", "control.console")
	})

	It("refuses the server's owner with a message naming the field, without retrying", func() {
		gs := readyGameServer("owner")
		refused := env.Requests(createCalls + "400")
		o := newSubuser("owner", gs.Name, ownerEmail, "control.console")
		env.Create(o)
		expectSynced(o, ptero.ReasonInvalidSpec, "spec.email", ownerEmail, `owns GameServer "owner"`)
		Expect(controllertest.Condition(o, ptero.ConditionStalled)).To(HaveField("Status", metav1.ConditionTrue))
		Consistently(func() int {
			return env.Requests(createCalls+"400") - refused
		}).WithTimeout(4 * time.Second).Should(BeNumerically("<=", 2))
		Expect(panelSubusers(Default, gs)).To(BeEmpty())
	})

	It("refuses the owner named by userRef too", func() {
		gs := readyGameServer("owner-ref")
		o := newSubuser("owner-ref", gs.Name, "", "control.console")
		o.Spec.Email, o.Spec.UserRef = nil, &ptero.LocalObjectReference{Name: fixture.OwnerName()}
		env.Create(o)
		expectSynced(o, ptero.ReasonInvalidSpec, "spec.userRef", `PanelUser "`+fixture.OwnerName()+`"`)
	})

	It("finds a subuser whose create answer was lost instead of adding it twice", func() {
		gs := readyGameServer("lost")
		lost, refused := env.Requests(createCalls+"0"), env.Requests(createCalls+"400")
		env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: subusersRoute, DropAfterCommit: true, Times: 1})
		DeferCleanup(env.Sim.ClearFaults)

		o := newSubuser("lost", gs.Name, "lost@example.com", "file.read")
		env.Create(o)
		expectOnlySubuser(o, gs, "lost@example.com", "file.read")
		Expect(env.Requests(createCalls+"0") - lost).To(Equal(1))
		Consistently(func(g Gomega) []panel.ClientSubuser {
			return panelSubusers(g, gs)
		}).WithTimeout(2 * time.Second).Should(HaveLen(1))
		Expect(env.Requests(createCalls+"400")-refused).To(BeZero(), "a second create was attempted")
	})

	It("waits with ClientKeyRequired on a Panel without a clientKey", func() {
		secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: controllertest.PanelNamespace, Name: "subusers-app-key-only"},
			StringData: map[string]string{connection.ApplicationKeyField: controllertest.ApplicationKey}}
		env.Create(secret)
		p := &ptero.Panel{ObjectMeta: metav1.ObjectMeta{Name: "subusers-app-key-only"}, Spec: ptero.PanelSpec{
			URL:                  env.SimURL,
			CredentialsSecretRef: ptero.SecretReference{Namespace: secret.Namespace, Name: secret.Name},
			SyncInterval:         &metav1.Duration{Duration: time.Minute},
		}}
		env.Create(p)

		o := newSubuser("no-client-key", "anything", "nokey@example.com", "file.read")
		o.Spec.PanelRef = ptero.PanelReference{Name: p.Name}
		env.Create(o)
		expectSynced(o, ptero.ReasonClientKeyRequired, "clientKey")
		Expect(controllertest.Condition(o, ptero.ConditionStalled)).To(HaveField("Status", metav1.ConditionTrue))
	})
})
