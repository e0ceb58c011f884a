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
	"net/http"
	"net/http/httptest"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/panels"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// readyCondition returns a function for Eventually that reads the Panel's Ready condition.
func readyCondition(name string) func(Gomega) *metav1.Condition {
	return func(g Gomega) *metav1.Condition {
		p := &ptero.Panel{}
		g.Expect(env.Client.Get(ctx, client.ObjectKey{Name: name}, p)).To(Succeed())
		return controllertest.Condition(p, ptero.ConditionReady)
	}
}

func reason(r string) OmegaMatcher {
	return And(Not(BeNil()), HaveField("Reason", r))
}

// newPanel creates a Panel on the simulator with its own credentials Secret.
func newPanel(name, key string) *ptero.Panel {
	secret := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: controllertest.PanelNamespace, Name: name + "-credentials"},
		StringData: map[string]string{"applicationKey": key},
	}
	Expect(env.Client.Create(ctx, secret)).To(Succeed())
	p := &ptero.Panel{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: ptero.PanelSpec{
			URL:                  env.SimURL,
			CredentialsSecretRef: ptero.SecretReference{Namespace: secret.Namespace, Name: secret.Name},
		},
	}
	Expect(env.Client.Create(ctx, p)).To(Succeed())
	return p
}

// orphanLocation creates a PanelLocation of the Panel named panelName, gone when the spec ends.
// Orphan: its own deletion then needs no panel, whatever the Panel's state.
func orphanLocation(name, panelName, short string) *ptero.PanelLocation {
	GinkgoHelper()
	loc := &ptero.PanelLocation{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: ptero.PanelLocationSpec{
			ManagedSpec: ptero.ManagedSpec{PanelRef: ptero.PanelReference{Name: panelName}, DeletionPolicy: ptero.DeletionPolicyOrphan},
			Short:       short,
		},
	}
	Expect(env.Client.Create(ctx, loc)).To(Succeed())
	DeferCleanup(func() { Expect(client.IgnoreNotFound(env.Client.Delete(ctx, loc))).To(Succeed()) })
	return loc
}

var _ = Describe("Panel", func() {
	It("is Ready with the time of its last check and the panel's remaining budget", func() {
		p := &ptero.Panel{}
		Expect(env.Client.Get(ctx, client.ObjectKey{Name: controllertest.PanelName}, p)).To(Succeed())
		Expect(controllertest.Condition(p, ptero.ConditionReady)).To(reason(panels.ReasonConnected))
		Expect(p.Status.LastSyncTime).NotTo(BeNil())
		Expect(p.Status.RateLimitRemaining).NotTo(BeNil())
		Expect(p.Finalizers).To(ContainElement(ptero.Finalizer))
	})

	It("keeps its budget under 90% of a panel that allows fewer requests than it was given", func() {
		// A panel of a hosting company that allows 100 a minute, where the Panel asks for the
		// default 200: the operator spends at most 90 of them.
		strict := httptest.NewServer(panelsim.New(panelsim.Options{ApplicationKey: controllertest.ApplicationKey, RateLimitPerMinute: 100}))
		DeferCleanup(strict.Close)
		p := newPanel("strict", controllertest.ApplicationKey)
		// A patch, not an update: the controller adds its finalizer meanwhile.
		before := p.DeepCopy()
		p.Spec.URL = strict.URL
		Expect(env.Client.Patch(ctx, p, client.MergeFrom(before))).To(Succeed())
		DeferCleanup(func() { Expect(env.Client.Delete(ctx, p)).To(Succeed()) })
		Eventually(func(g Gomega) {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(p), p)).To(Succeed())
			g.Expect(controllertest.Condition(p, ptero.ConditionReady)).To(reason(panels.ReasonConnected))
			g.Expect(p.Status.RateLimitPerMinute).To(HaveValue(BeEquivalentTo(100)))
			g.Expect(p.Status.RequestsPerMinute).To(HaveValue(BeEquivalentTo(90)))
		}).WithTimeout(30 * time.Second).Should(Succeed())

		By("and keeps the one it was given on a panel with room to spare")
		// Its own variable: the cleanup above deletes whatever p names when the spec ends.
		shared := &ptero.Panel{}
		Expect(env.Client.Get(ctx, client.ObjectKey{Name: controllertest.PanelName}, shared)).To(Succeed())
		Expect(shared.Status.RequestsPerMinute).To(HaveValue(BeEquivalentTo(shared.Spec.RequestsPerMinute)))
	})

	It("says how many requests it used in the last sync interval", func() {
		// The second check, one 10s interval after the first, has an interval to report on; in
		// it, the check asked the panel itself or a snapshot list did, so there is at least one.
		Eventually(func(g Gomega) {
			p := &ptero.Panel{}
			g.Expect(env.Client.Get(ctx, client.ObjectKey{Name: controllertest.PanelName}, p)).To(Succeed())
			g.Expect(p.Status.RequestsLastInterval).To(HaveValue(BeNumerically(">=", 1)))
		}).WithTimeout(40 * time.Second).Should(Succeed())
	})

	It("spends no request on its checks while its objects' lists show the key works, and still sees the key refused", func() {
		p, sim := panelOnFlavor("listed", panelsim.FlavorPterodactyl)
		// A patch, not an update: the controller adds its finalizer meanwhile.
		before := p.DeepCopy()
		p.Spec.SyncInterval = &metav1.Duration{Duration: 10 * time.Second}
		Expect(env.Client.Patch(ctx, p, client.MergeFrom(before))).To(Succeed())
		env.ExpectReady(orphanLocation("uses-listed", p.Name, "listed-1"), 30*time.Second)
		identified := sim.Counts()["GET /api/application/nests 200"]
		Expect(identified).To(BeNumerically(">", 0), "the first check identifies the panel")

		By("an interval then costs the location's snapshot list and nothing else")
		Eventually(func(g Gomega) {
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(p), p)).To(Succeed())
			g.Expect(controllertest.Condition(p, ptero.ConditionReady)).To(reason(panels.ReasonConnected))
			g.Expect(p.Status.RequestsLastInterval).To(HaveValue(BeEquivalentTo(1)))
		}).WithTimeout(60 * time.Second).Should(Succeed())
		Expect(sim.Counts()["GET /api/application/nests 200"]).To(Equal(identified), "a connected panel is not identified again each interval")

		By("a key the panel stops accepting is reported at a check: the lists that fail show nothing")
		sim.InjectFault(panelsim.Fault{Status: http.StatusUnauthorized})
		Eventually(readyCondition(p.Name)).WithTimeout(40 * time.Second).Should(And(reason(ptero.ReasonUnauthorized),
			HaveField("Status", metav1.ConditionFalse)))
	})

	It("reports a key the panel refuses as Unauthorized, and recovers when the Secret is fixed", func() {
		p := newPanel("wrong-key", "ptla_thisisnotthekeythisisnotthekeythisisnotthe1")
		Eventually(readyCondition(p.Name)).WithTimeout(20 * time.Second).Should(And(reason(ptero.ReasonUnauthorized),
			HaveField("Status", metav1.ConditionFalse), HaveField("Message", ContainSubstring("credentials Secret"))))

		secret := &corev1.Secret{}
		Expect(env.Client.Get(ctx, client.ObjectKey{Namespace: controllertest.PanelNamespace, Name: "wrong-key-credentials"}, secret)).To(Succeed())
		secret.Data = map[string][]byte{"applicationKey": []byte(controllertest.ApplicationKey)}
		Expect(env.Client.Update(ctx, secret)).To(Succeed())
		Eventually(readyCondition(p.Name)).WithTimeout(20 * time.Second).Should(And(reason(panels.ReasonConnected), HaveField("Status", metav1.ConditionTrue)))
	})

	It("waits for a missing credentials Secret", func() {
		p := &ptero.Panel{
			ObjectMeta: metav1.ObjectMeta{Name: "no-secret"},
			Spec: ptero.PanelSpec{
				URL:                  env.SimURL,
				CredentialsSecretRef: ptero.SecretReference{Namespace: controllertest.PanelNamespace, Name: "does-not-exist"},
			},
		}
		Expect(env.Client.Create(ctx, p)).To(Succeed())
		Eventually(readyCondition(p.Name)).WithTimeout(20 * time.Second).Should(And(reason(ptero.ReasonReferenceNotReady),
			HaveField("Message", ContainSubstring("pterodactyl-system/does-not-exist"))))
	})

	It("keeps its finalizer while objects use it and says which", func() {
		p := newPanel("in-use", controllertest.ApplicationKey)
		Eventually(readyCondition(p.Name)).WithTimeout(20 * time.Second).Should(reason(panels.ReasonConnected))

		loc := orphanLocation("uses-in-use", p.Name, "in-use-1")
		Eventually(func(g Gomega) []string {
			got := &ptero.Panel{}
			g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(p), got)).To(Succeed())
			return got.Status.InUseBy
		}).WithTimeout(20 * time.Second).Should(Equal([]string{"PanelLocation (1)"}))

		Expect(env.Client.Delete(ctx, p)).To(Succeed())
		Eventually(readyCondition(p.Name)).WithTimeout(20 * time.Second).Should(And(reason(panels.ReasonInUse),
			HaveField("Message", ContainSubstring("PanelLocation (1)"))))
		Consistently(func() error {
			return env.Client.Get(ctx, client.ObjectKeyFromObject(p), &ptero.Panel{})
		}).WithTimeout(2 * time.Second).Should(Succeed())

		Expect(env.Client.Delete(ctx, loc)).To(Succeed())
		Eventually(func() bool {
			return apierrors.IsNotFound(env.Client.Get(ctx, client.ObjectKeyFromObject(p), &ptero.Panel{}))
		}).WithTimeout(20 * time.Second).Should(BeTrue())
	})
})
