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

package e2e

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/gameops-dev/pterodactyl-operator/test/utils"
)

// alicePassword is the password config/samples gives the PanelUser alice; it must never appear
// in the manager's log or in events.
const alicePassword = "change-me-to-something-long"

var _ = Describe("the operator, driven with kubectl", Ordered, func() {
	var (
		sim     *utils.Process
		manager *utils.Process
		panel   panelAPI
		logDir  string
	)

	startManager := func() {
		manager = utils.StartProcess("manager", filepath.Join(logDir, "manager.log"), []string{"KUBECONFIG=" + kubeconfig},
			"--metrics-bind-address=0", "--health-probe-bind-address=127.0.0.1:0", "--zap-log-level=debug")
	}

	// survival reads the panel's view of the sample GameServer.
	survival := func(g Gomega) map[string]any {
		return panel.get(g, "/api/application/servers/external/default.survival?include=allocations")
	}

	waitReady := func(args ...string) {
		GinkgoHelper()
		_, err := kubectl(append([]string{"wait", "--for=condition=Ready", "--timeout=120s"}, args...)...)
		Expect(err).NotTo(HaveOccurred())
	}

	BeforeAll(func() {
		logDir = GinkgoT().TempDir()
		By("building bin/manager and bin/panelsim")
		// Just the binaries: `make test` has already generated, formatted and vetted the tree.
		for _, cmd := range []string{"manager", "panelsim"} {
			_, err := utils.Run(exec.Command("go", "build", "-o", "bin/"+cmd, "./cmd/"+cmd))
			Expect(err).NotTo(HaveOccurred())
		}

		By("starting the panel simulator")
		sim = utils.StartProcess("panelsim", filepath.Join(logDir, "panelsim.log"), nil,
			// The suite polls the panel with the admin's key, and the panel counts every key of a
			// user in one bucket: the default 240/min would be shared between the suite's polling
			// and the operator. The operator's own behaviour under the real limit is covered by
			// the controller suites and BenchmarkConverge.
			"--listen", "127.0.0.1:0", "--install-delay", "2s", "--rate-limit", "2000")
		DeferCleanup(sim.Stop)
		panel = panelAPI{url: sim.LogValue("url"), key: sim.LogValue("application_key"), clientKey: sim.LogValue("client_key")}

		By("installing the CRDs and starting the manager")
		_, err := kubectl("apply", "--server-side", "-k", filepath.Join(projectDir, "config", "crd"))
		Expect(err).NotTo(HaveOccurred())
		_, err = kubectl("wait", "--for=condition=Established", "--timeout=60s", "crd", "-l", "app.kubernetes.io/name=pterodactyl-operator")
		Expect(err).NotTo(HaveOccurred())
		startManager()
		DeferCleanup(func() { manager.Stop() })
	})

	It("makes every sample Ready when they are applied at once", func() {
		overlay := filepath.Join(GinkgoT().TempDir(), "overlay")
		Expect(os.MkdirAll(overlay, 0o755)).To(Succeed())
		samples, err := filepath.Rel(overlay, filepath.Join(projectDir, "config", "samples"))
		Expect(err).NotTo(HaveOccurred())
		Expect(os.WriteFile(filepath.Join(overlay, "kustomization.yaml"), []byte(fmt.Sprintf(`resources:
- namespace.yaml
- %s
patches:
- target: {kind: Panel, name: default}
  patch: |-
    - {op: replace, path: /spec/url, value: "%s"}
    - {op: replace, path: /spec/syncInterval, value: 10s}
- target: {kind: Secret, name: panel-credentials}
  patch: |-
    - {op: replace, path: /stringData/applicationKey, value: "%s"}
    - {op: replace, path: /stringData/clientKey, value: "%s"}
`, samples, panel.url, panel.key, panel.clientKey)), 0o600)).To(Succeed())
		Expect(os.WriteFile(filepath.Join(overlay, "namespace.yaml"), []byte(
			"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pterodactyl-system\n"), 0o600)).To(Succeed())

		_, err = kubectl("apply", "-k", overlay)
		Expect(err).NotTo(HaveOccurred())
		waitReady("panel/default", "panellocation/us-east", "panelnode/wings-1")
		waitReady("-n", "default", "paneluser/alice", "gameserver/survival", "serverdatabase/survival-plugins", "gameserverset/lobby",
			"serverbackup/survival-first", "serversubuser/survival-friend", "serverschedule/survival-nightly-restart")
	})

	// GitOps health (health_test.go), on the objects this manager wrote.
	It("is Healthy to Argo CD and Current to Flux once every sample is Ready", expectEveryObjectHealthy)
	It("is Degraded to Argo CD and Failed to Flux while an object waits for a person", expectStalledObjectDegraded)

	It("shows ids, node, address, state and power in kubectl get gameservers", func() {
		out, err := kubectl("get", "gameservers", "-n", "default")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(MatchRegexp(`(?m)^survival\s+\d+\s+[0-9a-f]{8}\s+wings-1\s+\S+:25565\s+Installed\s+running\s+True\s+`))
		AddReportEntry("kubectl get gameservers", out)

		out, err = kubectl("get", "pterodactyl", "-A")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(ContainSubstring("panelnode.pterodactyl.gameops.dev/wings-1"))
		AddReportEntry("kubectl get pterodactyl -A", out)
	})

	It("scales the sample GameServerSet with kubectl scale, up to 5 and down to 2", func() {
		lobbyServers := func(g Gomega) int {
			n := 0
			for _, s := range panel.list(g, "/api/application/servers?per_page=100") {
				if strings.HasPrefix(fmt.Sprint(s["external_id"]), "default.lobby-") {
					n++
				}
			}
			return n
		}
		out, err := kubectl("get", "gss", "-n", "default", "lobby")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(MatchRegexp(`(?m)^lobby\s+3\s+3\s+3\s+3\s+`), "DESIRED READY RUNNING UPDATED")
		AddReportEntry("kubectl get gss", out)
		Eventually(lobbyServers).Should(Equal(3))

		for _, n := range []int{5, 2} {
			By(fmt.Sprintf("kubectl scale gss/lobby --replicas=%d", n))
			_, err := kubectl("scale", "-n", "default", "gss/lobby", fmt.Sprintf("--replicas=%d", n))
			Expect(err).NotTo(HaveOccurred())
			_, err = kubectl("wait", "-n", "default", "gss/lobby", "--timeout=120s",
				fmt.Sprintf("--for=jsonpath={.status.readyReplicas}=%d", n))
			Expect(err).NotTo(HaveOccurred())
			Eventually(func(g Gomega) {
				out, err := kubectl("get", "gameservers", "-n", "default", "-l", "pterodactyl.gameops.dev/set=lobby", "-o", "name")
				g.Expect(err).NotTo(HaveOccurred())
				g.Expect(strings.Fields(out)).To(HaveLen(n))
				g.Expect(lobbyServers(g)).To(Equal(n))
			}).WithTimeout(60 * time.Second).Should(Succeed())
			waitReady("-n", "default", "gameserverset/lobby")
		}
	})

	It("shows the sample backup Completed in kubectl get sbk, and restores it once per annotation", func() {
		out, err := kubectl("get", "sbk", "-n", "default", "survival-first")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(MatchRegexp(`(?m)^survival-first\s+survival\s+Completed\s+[1-9]\d*\s+true\s+True\s+`), "SERVER STATE SIZE LOCKED READY")
		AddReportEntry("kubectl get sbk", out)
		identifier, err := kubectl("get", "gameserver", "-n", "default", "survival", "-o", "jsonpath={.status.identifier}")
		Expect(err).NotTo(HaveOccurred())
		backups := panel.clientList(Default, "/api/client/servers/"+identifier+"/backups")
		Expect(backups).To(ConsistOf(And(HaveKeyWithValue("name", "survival-first"), HaveKeyWithValue("is_locked", true))))

		_, err = kubectl("annotate", "-n", "default", "sbk/survival-first", "pterodactyl.gameops.dev/restore=e2e")
		Expect(err).NotTo(HaveOccurred())
		_, err = kubectl("wait", "-n", "default", "sbk/survival-first", "--timeout=60s", "--for=jsonpath={.status.lastRestoreToken}=e2e")
		Expect(err).NotTo(HaveOccurred())
		// The restore makes the server restoring_backup until Wings is done; it comes back Ready.
		waitReady("-n", "default", "gameserver/survival", "serverbackup/survival-first")
	})

	It("shows the sample subuser in kubectl get ssu, with its permissions in the panel", func() {
		// The restore above had the server restoring_backup, when the panel refuses its client API
		// (409): its children are Ready again once they have looked at it since.
		waitReady("-n", "default", "serversubuser/survival-friend", "serverschedule/survival-nightly-restart")
		out, err := kubectl("get", "ssu", "-n", "default", "survival-friend")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(MatchRegexp(`(?m)^survival-friend\s+survival\s+friend@example\.com\s+True\s+`), "SERVER EMAIL READY")
		AddReportEntry("kubectl get ssu", out)
		identifier, err := kubectl("get", "gameserver", "-n", "default", "survival", "-o", "jsonpath={.status.identifier}")
		Expect(err).NotTo(HaveOccurred())
		Expect(panel.clientList(Default, "/api/client/servers/"+identifier+"/users")).To(ConsistOf(And(
			HaveKeyWithValue("email", "friend@example.com"),
			HaveKeyWithValue("permissions", ContainElements("control.console", "control.start", "control.stop", "file.read")))))
	})

	It("shows the sample nightly schedule in kubectl get ssch, its tasks in order in the panel", func() {
		out, err := kubectl("get", "ssch", "-n", "default", "survival-nightly-restart")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(MatchRegexp(`(?m)^survival-nightly-restart\s+survival\s+0 4 \* \* \*\s+true\s+\S+\s+True\s+`), "SERVER CRON ENABLED NEXT RUN READY")
		AddReportEntry("kubectl get ssch", out)
		identifier, err := kubectl("get", "gameserver", "-n", "default", "survival", "-o", "jsonpath={.status.identifier}")
		Expect(err).NotTo(HaveOccurred())
		schedules := panel.clientList(Default, "/api/client/servers/"+identifier+"/schedules")
		Expect(schedules).To(ConsistOf(And(HaveKeyWithValue("name", "nightly-restart"), HaveKeyWithValue("is_active", true),
			HaveKeyWithValue("cron", HaveKeyWithValue("hour", "4")))))
		tasks := schedules[0]["relationships"].(map[string]any)["tasks"].(map[string]any)["data"].([]any)
		var actions []string
		for _, t := range tasks {
			a := t.(map[string]any)["attributes"].(map[string]any)
			actions = append(actions, fmt.Sprint(a["sequence_id"], ":", a["action"]))
		}
		Expect(actions).To(ConsistOf("1:command", "2:power", "3:backup"))
	})

	It("follows a change of memory and port", func() {
		_, err := kubectl("patch", "-n", "default", "gameserver", "survival", "--type", "merge",
			"-p", `{"spec":{"limits":{"memory":4096},"allocation":{"port":25578}}}`)
		Expect(err).NotTo(HaveOccurred())
		Eventually(func(g Gomega) {
			s := survival(g)
			g.Expect(s["limits"]).To(HaveKeyWithValue("memory", BeNumerically("==", 4096)))
			g.Expect(defaultPort(s)).To(BeNumerically("==", 25578))
		}).WithTimeout(60 * time.Second).Should(Succeed())
		waitReady("-n", "default", "gameserver/survival")
		out, err := kubectl("get", "gameserver", "-n", "default", "survival")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(MatchRegexp(`:25578\s+Installed\s+running\s+True`))
	})

	It("writes the sample's server.properties from its ConfigMap, and follows a change of it", func() {
		identifier, err := kubectl("get", "gameserver", "-n", "default", "survival", "-o", "jsonpath={.status.identifier}")
		Expect(err).NotTo(HaveOccurred())
		Eventually(func(g Gomega) {
			content, err := panel.fileContents(identifier, "/server.properties")
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(content).To(ContainSubstring("motd=Alice's survival world"))
		}).WithTimeout(60 * time.Second).Should(Succeed())

		_, err = kubectl("patch", "-n", "default", "configmap", "survival-config", "--type", "merge",
			"-p", `{"data":{"server.properties":"motd=Patched with kubectl\nserver-port=25565\n"}}`)
		Expect(err).NotTo(HaveOccurred())
		Eventually(func(g Gomega) {
			content, err := panel.fileContents(identifier, "/server.properties")
			g.Expect(err).NotTo(HaveOccurred())
			g.Expect(content).To(Equal("motd=Patched with kubectl\nserver-port=25565\n"))
		}).WithTimeout(60 * time.Second).Should(Succeed())
		waitReady("-n", "default", "gameserver/survival")
	})

	It("suspends and unsuspends", func() {
		_, err := kubectl("patch", "-n", "default", "gameserver", "survival", "--type", "merge", "-p", `{"spec":{"suspended":true}}`)
		Expect(err).NotTo(HaveOccurred())
		Eventually(func(g Gomega) any { return survival(g)["suspended"] }).WithTimeout(60 * time.Second).Should(BeTrue())
		Eventually(func(g Gomega) string {
			out, err := kubectl("get", "gameserver", "-n", "default", "survival", "-o", "jsonpath={.status.state}")
			g.Expect(err).NotTo(HaveOccurred())
			return out
		}).WithTimeout(60 * time.Second).Should(Equal("Suspended"))

		_, err = kubectl("patch", "-n", "default", "gameserver", "survival", "--type", "merge", "-p", `{"spec":{"suspended":false}}`)
		Expect(err).NotTo(HaveOccurred())
		Eventually(func(g Gomega) any { return survival(g)["suspended"] }).WithTimeout(60 * time.Second).Should(BeFalse())
		waitReady("-n", "default", "gameserver/survival")
	})

	It("reverts a change made in the panel behind its back", func() {
		var s map[string]any
		Eventually(func(g Gomega) { s = survival(g) }).Should(Succeed())
		limits := s["limits"].(map[string]any)
		features := s["feature_limits"].(map[string]any)
		limits["memory"] = 512
		body := map[string]any{
			"allocation": s["allocation"], "memory": 512, "swap": limits["swap"], "disk": limits["disk"],
			"io": limits["io"], "cpu": limits["cpu"], "threads": limits["threads"], "oom_disabled": limits["oom_disabled"],
			"feature_limits": features,
		}
		_, err := panel.do(http.MethodPatch, fmt.Sprintf("/api/application/servers/%v/build", s["id"]), body, nil)
		Expect(err).NotTo(HaveOccurred())
		Expect(survival(Default)["limits"]).To(HaveKeyWithValue("memory", BeNumerically("==", 512)))

		// The Panel's syncInterval is 10s in this suite.
		Eventually(func(g Gomega) any { return survival(g)["limits"].(map[string]any)["memory"] }).
			WithTimeout(45 * time.Second).Should(BeNumerically("==", 4096))
	})

	It("creates nothing twice across a manager restart", func() {
		manager.Stop()
		_, err := kubectl("patch", "-n", "default", "gameserver", "survival", "--type", "merge", "-p", `{"spec":{"description":"after restart"}}`)
		Expect(err).NotTo(HaveOccurred())
		startManager()
		Eventually(func(g Gomega) any { return survival(g)["description"] }).WithTimeout(60 * time.Second).Should(Equal("after restart"))
		waitReady("-n", "default", "gameserver/survival", "serverdatabase/survival-plugins")

		Eventually(func(g Gomega) {
			// survival and the two lobby replicas left by the scale-down.
			g.Expect(panel.total(g, "/api/application/servers")).To(Equal(3))
			// The admin who owns the API key, alice, and the friend the panel made an account for
			// when the sample subuser was added by email.
			g.Expect(panel.total(g, "/api/application/users")).To(Equal(3))
			g.Expect(panel.total(g, "/api/application/nodes")).To(Equal(1))
			g.Expect(panel.total(g, "/api/application/locations")).To(Equal(1))
			g.Expect(panel.count(g, fmt.Sprintf("/api/application/servers/%v/databases", survival(g)["id"]))).To(Equal(1))
			for _, child := range []string{"backups", "schedules", "users"} {
				g.Expect(panel.clientList(g, fmt.Sprintf("/api/client/servers/%v/%s", survival(g)["identifier"], child))).To(HaveLen(1), child)
			}
		}).Should(Succeed())
	})

	It("leaves the panel object with deletionPolicy Orphan and deletes it with Delete", func() {
		manifest := filepath.Join(GinkgoT().TempDir(), "creative.yaml")
		Expect(os.WriteFile(manifest, []byte(`apiVersion: pterodactyl.gameops.dev/v1alpha1
kind: GameServer
metadata:
  name: creative
  namespace: default
spec:
  deletionPolicy: Orphan
  owner: {userRef: {name: alice}}
  egg: {nest: Minecraft, name: Vanilla Minecraft}
  limits: {memory: 1024, swap: 0, disk: 4096, io: 500, cpu: 100}
  allocation: {nodeRef: {name: wings-1}, port: 25580}
`), 0o600)).To(Succeed())
		_, err := kubectl("apply", "-f", manifest)
		Expect(err).NotTo(HaveOccurred())
		waitReady("-n", "default", "gameserver/creative")
		_, err = kubectl("delete", "-f", manifest, "--timeout=60s")
		Expect(err).NotTo(HaveOccurred())
		Expect(panel.get(Default, "/api/application/servers/external/default.creative")).To(HaveKeyWithValue("name", "creative"))

		_, err = kubectl("delete", "-n", "default", "serverdatabase", "survival-plugins", "--timeout=60s")
		Expect(err).NotTo(HaveOccurred())
		_, err = kubectl("delete", "-n", "default", "gameserver", "survival", "--timeout=60s")
		Expect(err).NotTo(HaveOccurred())
		status, err := panel.do(http.MethodGet, "/api/application/servers/external/default.survival", nil, nil)
		Expect(err).To(HaveOccurred())
		Expect(status).To(Equal(http.StatusNotFound))
	})

	It("never writes the API key or a password to its log or to events", func() {
		events, err := kubectl("get", "events", "-A", "-o", "yaml")
		Expect(err).NotTo(HaveOccurred())
		log := manager.LogContents()
		Expect(log).To(ContainSubstring(`"route"`), "the debug log should show panel requests")
		for _, secret := range []string{panel.key, panel.clientKey, alicePassword} {
			Expect(strings.Contains(log, secret)).To(BeFalse(), "the manager's log contains a secret")
			Expect(strings.Contains(events, secret)).To(BeFalse(), "an event contains a secret")
		}
	})
})

// defaultPort returns the port of a server's default allocation from its allocations include.
func defaultPort(server map[string]any) any {
	rel, _ := server["relationships"].(map[string]any)
	allocs, _ := rel["allocations"].(map[string]any)
	data, _ := allocs["data"].([]any)
	for _, a := range data {
		attrs, _ := a.(map[string]any)["attributes"].(map[string]any)
		if id, ok := attrs["id"]; ok && id == server["allocation"] {
			return attrs["port"]
		}
	}
	return nil
}
