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
	"fmt"
	"net/http"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
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

func get(g Gomega, o *ptero.PanelUser) *ptero.PanelUser {
	g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)).To(Succeed())
	return o
}

// readyUser waits for o to be Ready for its current generation and returns it fresh.
func readyUser(o *ptero.PanelUser) *ptero.PanelUser {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		g.Expect(controllertest.IsReady(get(g, o))).To(BeTrue(), "conditions: %+v", o.Status.Conditions)
		g.Expect(o.Status.ID).NotTo(BeZero())
	}).WithTimeout(timeout).Should(Succeed())
	return o
}

// usersWithExternalID returns the panel users whose external id is exactly id.
func usersWithExternalID(g Gomega, id string) []panel.User {
	all, err := pc.Users.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"external_id": id}})
	return controllertest.Exact(g, all, err, func(u panel.User) bool { return u.ExternalID == id })
}

// inPanel expects exactly one panel user with this external id and returns it.
func inPanel(g Gomega, externalID string) panel.User {
	return controllertest.One(g, usersWithExternalID(g, externalID), fmt.Sprintf("panel users with external id %q", externalID))
}

func passwordSecret(name, password string) *corev1.Secret {
	return &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		StringData: map[string]string{"password": password},
	}
}

var _ = Describe("PanelUser", func() {
	It("creates the user with a derived external id, and the panel holds exactly it", func() {
		o := newUser("create")
		env.Create(o)
		o = readyUser(o)
		Expect(o.Status.ExternalID).To(Equal(ns + ".create"))
		Expect(o.Status.UUID).NotTo(BeEmpty())
		Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))

		u := inPanel(Default, ns+".create")
		Expect(u.ID).To(BeEquivalentTo(o.Status.ID))
		Expect(u).To(And(HaveField("Username", "create"), HaveField("Email", "create@example.com"),
			HaveField("FirstName", "First create"), HaveField("LastName", "Last create"),
			HaveField("Language", "en"), HaveField("RootAdmin", false)))
	})

	It("updates each field group", func() {
		o := newUser("update")
		env.Create(o)
		o = readyUser(o)
		id := int(o.Status.ID)

		expectPanel := func(match OmegaMatcher) {
			GinkgoHelper()
			Eventually(func(g Gomega) {
				u, err := pc.Users.Get(ctx, id)
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(*u).To(match)
				g.Expect(controllertest.IsReady(get(g, o))).To(BeTrue())
			}).WithTimeout(timeout).Should(Succeed())
		}

		By("names and e-mail")
		o.Spec.FirstName, o.Spec.LastName, o.Spec.Email = "Ann", "Other", "update-2@example.com"
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		expectPanel(And(HaveField("FirstName", "Ann"), HaveField("LastName", "Other"), HaveField("Email", "update-2@example.com")))

		By("username")
		o.Spec.Username = "update-renamed"
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		expectPanel(HaveField("Username", "update-renamed"))

		By("root admin")
		o.Spec.RootAdmin = true
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		expectPanel(HaveField("RootAdmin", true))

		By("an explicit external id")
		o.Spec.ExternalID = "explicit-update"
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		expectPanel(HaveField("ExternalID", "explicit-update"))
		Expect(o.Status.ExternalID).To(Equal("explicit-update"))
		Expect(o.Status.ID).To(BeEquivalentTo(id))
	})

	It("reverts a change made in the panel within the sync interval", func() {
		o := newUser("drift")
		env.Create(o)
		o = readyUser(o)
		u, err := pc.Users.Get(ctx, int(o.Status.ID))
		Expect(err).NotTo(HaveOccurred())
		req := panel.UserUpdateRequestFrom(u)
		req.FirstName = "Changed by hand"
		req.RootAdmin = new(bool)
		*req.RootAdmin = true
		_, err = pc.Users.Update(ctx, u.ID, req)
		Expect(err).NotTo(HaveOccurred())

		Eventually(func(g Gomega) {
			u := inPanel(g, ns+".drift")
			g.Expect(u.FirstName).To(Equal("First drift"))
			g.Expect(u.RootAdmin).To(BeFalse())
		}).WithTimeout(driftTimeout).Should(Succeed())
	})

	It("recreates a user deleted in the panel", func() {
		o := newUser("recreate")
		env.Create(o)
		o = readyUser(o)
		old := o.Status.ID
		Expect(pc.Users.Delete(ctx, int(old))).To(Succeed())

		Eventually(func(g Gomega) {
			u := inPanel(g, ns+".recreate")
			g.Expect(u.ID).NotTo(BeEquivalentTo(old))
			g.Expect(get(g, o).Status.ID).To(BeEquivalentTo(u.ID))
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
		}).WithTimeout(driftTimeout).Should(Succeed())
	})

	It("deletes the panel user with deletionPolicy Delete", func() {
		o := newUser("delete")
		env.Create(o)
		readyUser(o)
		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) []panel.User {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)).NotTo(Succeed())
			return usersWithExternalID(g, ns+".delete")
		}).WithTimeout(timeout).Should(BeEmpty())
	})

	It("leaves the panel user with deletionPolicy Orphan", func() {
		o := newUser("orphan")
		o.Spec.DeletionPolicy = ptero.DeletionPolicyOrphan
		env.Create(o)
		readyUser(o)
		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) error {
			return env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)
		}).WithTimeout(timeout).ShouldNot(Succeed())
		Expect(inPanel(Default, ns+".orphan").ID).To(BeEquivalentTo(o.Status.ID))
	})

	It("keeps a user who owns servers until the servers are gone, saying why", func() {
		o := newUser("owner")
		env.Create(o)
		o = readyUser(o)
		s := createServer(int(o.Status.ID))

		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		Eventually(func(g Gomega) *metav1.Condition {
			return controllertest.Synced(get(g, o))
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Message", ContainSubstring("own servers"))))
		Expect(inPanel(Default, ns+".owner").ID).To(BeEquivalentTo(o.Status.ID))

		Expect(pc.Servers.ForceDelete(ctx, s.ID)).To(Succeed())
		Eventually(func(g Gomega) []panel.User {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)).NotTo(Succeed())
			return usersWithExternalID(g, ns+".owner")
		}).WithTimeout(driftTimeout).Should(BeEmpty())
	})

	It("adopts an existing user named by the panel-id annotation and enforces the spec on it", func() {
		existing, err := pc.Users.Create(ctx, panel.UserCreateRequest{Email: "adopt@example.com", Username: "adopt",
			FirstName: "Made", LastName: "By hand"})
		Expect(err).NotTo(HaveOccurred())

		o := newUser("adopt")
		o.Annotations = map[string]string{ptero.AnnotationPanelID: strconv.Itoa(existing.ID)}
		env.Create(o)
		o = readyUser(o)
		Expect(o.Status.ID).To(BeEquivalentTo(existing.ID))
		u := inPanel(Default, ns+".adopt")
		Expect(u.ID).To(Equal(existing.ID))
		Expect(u.FirstName).To(Equal("First adopt"))
	})

	It("adopts an existing user carrying its external id instead of creating another", func() {
		existing, err := pc.Users.Create(ctx, panel.UserCreateRequest{Email: "by-external-id@example.com", Username: "by-external-id",
			FirstName: "Made", LastName: "By hand", ExternalID: ns + ".by-external-id"})
		Expect(err).NotTo(HaveOccurred())

		o := newUser("by-external-id")
		env.Create(o)
		o = readyUser(o)
		Expect(o.Status.ID).To(BeEquivalentTo(existing.ID))
		Expect(inPanel(Default, ns+".by-external-id").LastName).To(Equal("Last by-external-id"))
	})

	It("finds a user whose create response was lost instead of creating a second one", func() {
		env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: "/api/application/users", DropAfterCommit: true, Times: 1})
		DeferCleanup(env.Sim.ClearFaults)

		o := newUser("lost")
		env.Create(o)
		o = readyUser(o)
		Consistently(func(g Gomega) []panel.User {
			return usersWithExternalID(g, ns+".lost")
		}).WithTimeout(2 * time.Second).Should(HaveLen(1))
		Expect(inPanel(Default, ns+".lost").ID).To(BeEquivalentTo(o.Status.ID))
	})

	It("shows an e-mail another panel user has on Synced, with the field", func() {
		_, err := pc.Users.Create(ctx, panel.UserCreateRequest{Email: "taken@example.com", Username: "someone-else",
			FirstName: "Some", LastName: "One"})
		Expect(err).NotTo(HaveOccurred())

		o := newUser("refused")
		o.Spec.Email = "taken@example.com"
		env.Create(o)
		Eventually(func(g Gomega) {
			get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring("email"))))
			g.Expect(controllertest.Condition(o, ptero.ConditionReady)).To(HaveField("Status", metav1.ConditionFalse))
		}).WithTimeout(timeout).Should(Succeed())
		Expect(usersWithExternalID(Default, ns+".refused")).To(BeEmpty())

		By("recovering once the spec is fixed")
		o.Spec.Email = "refused@example.com"
		Expect(env.Client.Update(ctx, o)).To(Succeed())
		readyUser(o)
		Expect(inPanel(Default, ns+".refused").Email).To(Equal("refused@example.com"))
	})

	DescribeTable("recovers from a burst of panel errors (5xx, then 429s) without duplicates",
		func(status int) {
			env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: "/api/application/users", Status: status, Times: 3})
			DeferCleanup(env.Sim.ClearFaults)
			key := fmt.Sprintf("POST /api/application/users %d", status)
			before := env.Requests(key)

			o := newUser(fmt.Sprintf("burst-%d", status))
			env.Create(o)
			o = readyUser(o)
			Expect(env.Requests(key) - before).To(Equal(3))
			Expect(inPanel(Default, ns+"."+o.Name).ID).To(BeEquivalentTo(o.Status.ID))
		},
		Entry("500s", http.StatusInternalServerError),
		Entry("429s", http.StatusTooManyRequests),
	)

	Context("with a password Secret", func() {
		It("waits for the Secret, sets the password, and pushes it again when it changes", func() {
			o := newUser("password")
			o.Spec.PasswordSecretRef = &ptero.LocalSecretKeyReference{Name: "password-secret"}
			env.Create(o)
			Eventually(func(g Gomega) *metav1.Condition {
				return controllertest.Synced(get(g, o))
			}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonReferenceNotReady), HaveField("Message", ContainSubstring("password-secret"))))
			Expect(usersWithExternalID(Default, ns+".password")).To(BeEmpty())

			secret := passwordSecret("password-secret", "correct horse")
			env.Create(secret)
			o = readyUser(o)
			first := o.Status.PasswordHash
			Expect(first).NotTo(BeEmpty())
			Expect(first).NotTo(ContainSubstring("correct horse"))
			expectPanelPassword(int(o.Status.ID), "correct horse")

			By("pushing a changed password")
			Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(secret), secret)).To(Succeed())
			secret.StringData = map[string]string{"password": "battery staple"}
			Expect(env.Client.Update(ctx, secret)).To(Succeed())
			Eventually(func(g Gomega) string {
				return get(g, o).Status.PasswordHash
			}).WithTimeout(timeout).ShouldNot(Equal(first))
			expectPanelPassword(int(o.Status.ID), "battery staple")
			Expect(inPanel(Default, ns+".password").ID).To(BeEquivalentTo(o.Status.ID))
		})
	})
})
