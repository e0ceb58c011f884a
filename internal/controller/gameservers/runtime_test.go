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
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
)

const (
	// powerTimeout covers a start seen through the panel's 20-second /resources cache, one 10s
	// sync interval with its jitter, and a busy machine.
	powerTimeout = 60 * time.Second
	powerKey     = "POST /api/client/servers/{server}/power 204"
)

// runningServer waits until o is Ready with the panel reporting it running.
func runningServer(o *ptero.GameServer) *ptero.GameServer {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		env.Get(g, o)
		g.Expect(o.Status.Power).To(Equal(ptero.ServerPowerRunning), "conditions: %+v", o.Status.Conditions)
		g.Expect(controllertest.IsReady(o)).To(BeTrue(), "conditions: %+v", o.Status.Conditions)
	}).WithTimeout(powerTimeout).Should(Succeed())
	return o
}

// eventsFor lists the events recorded about o with this reason.
func eventsFor(g Gomega, o client.Object, reason string) []eventsv1.Event {
	list := &eventsv1.EventList{}
	g.Expect(env.Client.List(ctx, list, client.InNamespace(o.GetNamespace()))).To(Succeed())
	var out []eventsv1.Event
	for _, e := range list.Items {
		if e.Regarding.UID == o.GetUID() && e.Reason == reason {
			out = append(out, e)
		}
	}
	return out
}

var _ = Describe("GameServer power and files", func() {
	It("starts a server whose power is Running, and starts it again after a crash", func() {
		gs := newServer("power-running", 25583)
		gs.Spec.Power = ptero.PowerRunning
		env.Create(gs)
		gs = runningServer(gs)
		Expect(gs.Status.Resources).NotTo(BeNil())

		By("the game process dying in the panel")
		Expect(env.Sim.Crash(int(gs.Status.ID))).To(Succeed())
		Eventually(func(g Gomega) {
			g.Expect(eventsFor(g, gs, "Crashed")).To(HaveLen(1))
		}).WithTimeout(powerTimeout).Should(Succeed())
		runningServer(gs)
	})

	It("stops a server whose power is Stopped, and is Ready only once it is offline", func() {
		gs := newServer("power-stopped", 25584)
		gs.Spec.Power = ptero.PowerRunning
		env.Create(gs)
		runningServer(gs)

		update(gs, func(gs *ptero.GameServer) { gs.Spec.Power = ptero.PowerStopped })
		Eventually(func(g Gomega) {
			env.Get(g, gs)
			g.Expect(gs.Status.Power).To(Equal(ptero.ServerPowerOffline))
			g.Expect(controllertest.IsReady(gs)).To(BeTrue(), "conditions: %+v", gs.Status.Conditions)
		}).WithTimeout(powerTimeout).Should(Succeed())
		Expect(eventsFor(Default, gs, "Stopped")).To(HaveLen(1))
	})

	It("restarts a running server once after a build change, with restartPolicy OnChange", func() {
		gs := newServer("power-onchange", 25585)
		gs.Spec.Power = ptero.PowerRunning
		gs.Spec.RestartPolicy = ptero.RestartOnChange
		env.Create(gs)
		runningServer(gs)
		before := env.Requests(powerKey)

		update(gs, func(gs *ptero.GameServer) {
			gs.Spec.Limits.Memory = 2048
			gs.Spec.Environment = map[string]string{"MINECRAFT_VERSION": "1.20.4"}
		})
		Eventually(func(g Gomega) {
			env.Get(g, gs)
			g.Expect(gs.Status.ObservedGeneration).To(Equal(gs.Generation))
			g.Expect(eventsFor(g, gs, "Restarted")).To(HaveLen(1))
		}).WithTimeout(powerTimeout).Should(Succeed())
		runningServer(gs)
		// One signal for a build and a startup change together: the restart after both writes.
		Expect(env.Requests(powerKey) - before).To(Equal(1))
	})

	It("restarts a running server once per restart annotation token", func() {
		gs := newServer("power-annotation", 25586)
		gs.Spec.Power = ptero.PowerRunning
		env.Create(gs)
		runningServer(gs)
		before := env.Requests(powerKey)

		annotate(gs, ptero.AnnotationRestart, "first")
		Eventually(func(g Gomega) {
			env.Get(g, gs)
			g.Expect(gs.Status.LastRestartToken).To(Equal("first"))
		}).WithTimeout(powerTimeout).Should(Succeed())
		runningServer(gs)
		Expect(env.Requests(powerKey) - before).To(Equal(1))
		Expect(eventsFor(Default, gs, "Restarted")).To(HaveLen(1))
	})

	It("writes files from a ConfigMap, a Secret and inline content, and puts them back after an edit in the panel", func() {
		env.Create(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "survival-config"},
			Data: map[string]string{"server.properties": "motd=hello\n"}})
		env.Create(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "survival-secrets"},
			StringData: map[string]string{"rcon": "rcon.password=s3cret\n"}})
		gs := newServer("files", 25587)
		gs.Spec.Files = []ptero.ServerFile{
			{Path: "/server.properties", ConfigMapRef: &ptero.LocalKeyReference{Name: "survival-config", Key: "server.properties"}},
			{Path: "/config/rcon.properties", SecretRef: &ptero.LocalKeyReference{Name: "survival-secrets", Key: "rcon"}},
			{Path: "/eula.txt", Content: ptr.To("eula=true\n")},
		}
		env.Create(gs)
		gs = readyServer(gs)
		id := int(gs.Status.ID)
		expectFile := func(path, content string) {
			GinkgoHelper()
			Eventually(func(g Gomega) {
				got, ok := env.Sim.File(id, path)
				g.Expect(ok).To(BeTrue(), "%s exists", path)
				g.Expect(string(got)).To(Equal(content))
			}).WithTimeout(driftTimeout).Should(Succeed())
		}
		expectFile("/server.properties", "motd=hello\n")
		expectFile("/config/rcon.properties", "rcon.password=s3cret\n")
		expectFile("/eula.txt", "eula=true\n")

		By("someone editing a file in the panel")
		env.Sim.SetFile(id, "/server.properties", []byte("motd=edited in the panel\n"))
		expectFile("/server.properties", "motd=hello\n")

		By("the ConfigMap changing")
		cm := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "survival-config"}}
		Eventually(func(g Gomega) {
			env.Get(g, cm)
			cm.Data["server.properties"] = "motd=changed\n"
			g.Expect(env.Client.Update(ctx, cm)).To(Succeed())
		}).WithTimeout(timeout).Should(Succeed())
		expectFile("/server.properties", "motd=changed\n")

		By("nothing about the Secret's content reaching status or events")
		env.Get(Default, gs)
		Expect(fmt.Sprintf("%+v", gs.Status)).NotTo(ContainSubstring("s3cret"))
		for _, e := range eventsFor(Default, gs, "FileWritten") {
			Expect(e.Note).NotTo(ContainSubstring("s3cret"))
		}
	})

	It("waits with ClientKeyRequired on a Panel without a clientKey, and goes on once one is added", func() {
		secret := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: controllertest.PanelNamespace, Name: "app-key-only"},
			StringData: map[string]string{"applicationKey": controllertest.ApplicationKey}}
		env.Create(secret)
		p := &ptero.Panel{ObjectMeta: metav1.ObjectMeta{Name: "app-key-only"}, Spec: ptero.PanelSpec{
			URL:                  env.SimURL,
			CredentialsSecretRef: ptero.SecretReference{Namespace: secret.Namespace, Name: secret.Name},
			SyncInterval:         &metav1.Duration{Duration: time.Minute},
		}}
		env.Create(p)
		Eventually(func(g Gomega) {
			env.Get(g, p)
			g.Expect(controllertest.Condition(p, ptero.ConditionClientAPI)).To(And(
				controllertest.HaveReason(ptero.ReasonClientKeyNotConfigured), HaveField("Status", metav1.ConditionFalse)))
		}).WithTimeout(timeout).Should(Succeed())

		gs := newServer("no-client-key", 25588)
		gs.Spec.PanelRef = ptero.PanelReference{Name: p.Name}
		gs.Spec.Power = ptero.PowerRunning
		env.Create(gs)
		Eventually(func(g Gomega) {
			env.Get(g, gs)
			g.Expect(controllertest.Synced(gs)).To(controllertest.HaveReason(ptero.ReasonClientKeyRequired))
		}).WithTimeout(timeout).Should(Succeed())
		// The server itself exists: only what needs the client API waits.
		Expect(gs.Status.ID).NotTo(BeZero())

		setClientKey := func(key string) {
			GinkgoHelper()
			Eventually(func(g Gomega) {
				env.Get(g, secret)
				secret.Data[connection.ClientKeyField] = []byte(key)
				g.Expect(env.Client.Update(ctx, secret)).To(Succeed())
			}).WithTimeout(timeout).Should(Succeed())
		}

		By("giving the application key as the client key")
		setClientKey(controllertest.ApplicationKey)
		Eventually(func(g Gomega) {
			env.Get(g, p)
			c := controllertest.Condition(p, ptero.ConditionClientAPI)
			g.Expect(c).To(controllertest.HaveReason(ptero.ReasonClientKeyRefused))
			g.Expect(c.Message).To(ContainSubstring("403"))
			g.Expect(c.Message).To(ContainSubstring("application API key on an endpoint that requires a client API key"))
		}).WithTimeout(timeout).Should(Succeed())

		By("adding the client key to the Panel's Secret")
		setClientKey(controllertest.ClientKey)
		Eventually(func(g Gomega) {
			env.Get(g, p)
			g.Expect(controllertest.Condition(p, ptero.ConditionClientAPI)).To(controllertest.HaveReason(ptero.ReasonClientKeyAccepted))
		}).WithTimeout(timeout).Should(Succeed())
		// Woken by the Panel's ClientAPI condition, well before its one-minute syncInterval.
		runningServer(gs)
	})
})
