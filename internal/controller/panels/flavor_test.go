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
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/panels"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// panelOnFlavor starts a simulator of the flavour and a Panel pointed at it from the start, so
// that its first check is already against that panel. Both go when the spec ends.
func panelOnFlavor(name string, flavor panelsim.Flavor) (*ptero.Panel, *panelsim.Sim) {
	GinkgoHelper()
	sim := panelsim.New(panelsim.Options{ApplicationKey: controllertest.ApplicationKey, Flavor: flavor})
	srv := httptest.NewServer(sim)
	DeferCleanup(srv.Close)
	secret := &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: controllertest.PanelNamespace, Name: name + "-credentials"},
		StringData: map[string]string{"applicationKey": controllertest.ApplicationKey},
	}
	Expect(env.Client.Create(ctx, secret)).To(Succeed())
	DeferCleanup(func() { Expect(client.IgnoreNotFound(env.Client.Delete(ctx, secret))).To(Succeed()) })
	p := &ptero.Panel{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: ptero.PanelSpec{URL: srv.URL,
			CredentialsSecretRef: ptero.SecretReference{Namespace: secret.Namespace, Name: secret.Name}},
	}
	Expect(env.Client.Create(ctx, p)).To(Succeed())
	DeferCleanup(func() { Expect(client.IgnoreNotFound(env.Client.Delete(ctx, p))).To(Succeed()) })
	return p, sim
}

// writes lists the simulator's answers to anything but a GET.
func writes(sim *panelsim.Sim) []string {
	var out []string
	for k := range sim.Counts() {
		if !strings.HasPrefix(k, http.MethodGet+" ") {
			out = append(out, k)
		}
	}
	return out
}

var _ = Describe("Panel flavours and versions", func() {
	DescribeTable("drives Pterodactyl 1.x and Jexactyl, saying which it found",
		func(flavor panelsim.Flavor, wantFlavor string) {
			p, _ := panelOnFlavor("flavor-"+string(flavor), flavor)
			Eventually(func(g Gomega) {
				g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(p), p)).To(Succeed())
				g.Expect(controllertest.Condition(p, ptero.ConditionReady)).To(And(reason(panels.ReasonConnected),
					HaveField("Message", ContainSubstring(wantFlavor+" 1.x"))))
				g.Expect(p.Status.APIFlavor).To(Equal(wantFlavor))
				g.Expect(p.Status.APIVersion).To(Equal(ptero.APIVersion1x))
			}).WithTimeout(30 * time.Second).Should(Succeed())
		},
		Entry("Pterodactyl", panelsim.FlavorPterodactyl, ptero.APIFlavorPterodactyl),
		Entry("Jexactyl", panelsim.FlavorJexactyl, ptero.APIFlavorJexactyl),
	)

	DescribeTable("refuses an older panel, naming what it found, and writes nothing to it",
		func(flavor panelsim.Flavor, wantVersion, found string) {
			p, sim := panelOnFlavor("old-"+strings.ReplaceAll(string(flavor), ".", ""), flavor)
			// An object of the Panel, which would create a location if it were let through.
			loc := orphanLocation(p.Name+"-loc", p.Name, p.Name)

			Eventually(func(g Gomega) {
				g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(p), p)).To(Succeed())
				g.Expect(controllertest.Condition(p, ptero.ConditionReady)).To(And(reason(ptero.ReasonUnsupportedPanelVersion),
					HaveField("Status", metav1.ConditionFalse),
					HaveField("Message", And(ContainSubstring("Pterodactyl "+wantVersion+" API"), ContainSubstring(found),
						ContainSubstring(p.Spec.URL)))))
				g.Expect(controllertest.Condition(p, ptero.ConditionStalled)).To(reason(ptero.ReasonUnsupportedPanelVersion))
				g.Expect(p.Status.APIVersion).To(Equal(wantVersion))
			}).WithTimeout(30 * time.Second).Should(Succeed())

			By("the PanelLocation waits for the Panel, having sent the panel nothing to write")
			Eventually(func(g Gomega) {
				g.Expect(env.Client.Get(ctx, client.ObjectKeyFromObject(loc), loc)).To(Succeed())
				g.Expect(loc.Status.Conditions).To(ContainElement(And(HaveField("Reason", ptero.ReasonPanelNotReady),
					HaveField("Message", ContainSubstring(found)))))
			}).WithTimeout(30 * time.Second).Should(Succeed())
			Expect(writes(sim)).To(BeEmpty())
		},
		Entry("Pterodactyl 0.7", panelsim.FlavorPterodactyl07, ptero.APIVersion07, "its eggs have no docker_images"),
		Entry("Pterodactyl 0.6", panelsim.FlavorPterodactyl06, ptero.APIVersion05To06, "it has no /api/application"),
	)
})
