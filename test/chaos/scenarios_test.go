//go:build chaos

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

package chaos

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/gameops-dev/pterodactyl-operator/test/utils"
)

// outageLength is how long the outage scenario keeps the panel down: CHAOS_OUTAGE, default 5m.
func outageLength() time.Duration {
	GinkgoHelper()
	d, err := time.ParseDuration(cmp.Or(os.Getenv("CHAOS_OUTAGE"), "5m"))
	Expect(err).NotTo(HaveOccurred(), "CHAOS_OUTAGE")
	return d
}

// recoveryBound is one backoff period: the longest an object waits between two tries (the
// controllers' backoff is capped at the default sync interval).
const recoveryBound = 5 * time.Minute

// panelBudget is the chaos Panel's requestsPerMinute.
const panelBudget = 1500

// convergeTimeout bounds a scenario's converge: 200 objects at 1,500 requests a minute take about
// a minute without faults.
const convergeTimeout = 15 * time.Minute

// simControl sends a request to the simulator's control API.
func simControl(method, path string, body any) {
	GinkgoHelper()
	var rdr io.Reader = http.NoBody
	if body != nil {
		b, err := json.Marshal(body)
		Expect(err).NotTo(HaveOccurred())
		rdr = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, simURL+"/_sim/"+path, rdr)
	Expect(err).NotTo(HaveOccurred())
	resp, err := http.DefaultClient.Do(req)
	Expect(err).NotTo(HaveOccurred())
	defer func() { _ = resp.Body.Close() }()
	Expect(resp.StatusCode).To(BeNumerically("<", 300), "%s /_sim/%s", method, path)
}

// answers counts the simulator's answers so far: all of them, and those that were server errors
// or never reached their client (injected 5xx, dropped creates, requests delayed past their
// timeout).
func answers() (all, failed int) {
	GinkgoHelper()
	resp, err := http.Get(simURL + "/_sim/counts")
	Expect(err).NotTo(HaveOccurred())
	defer func() { _ = resp.Body.Close() }()
	counts := map[string]int{}
	Expect(json.NewDecoder(resp.Body).Decode(&counts)).To(Succeed())
	for key, c := range counts {
		all += c
		if f := strings.Fields(key); len(f) > 0 && (strings.HasPrefix(f[len(f)-1], "5") || f[len(f)-1] == "0") {
			failed += c
		}
	}
	return all, failed
}

// converged waits until every object of the scenario is Ready and returns how many are.
func converged(prefix, namespace string) int {
	GinkgoHelper()
	ready := 0
	Eventually(func() int {
		ready = readyObjects(Default, prefix, namespace)
		return ready
	}).WithTimeout(convergeTimeout).WithPolling(5*time.Second).Should(Equal(corpusSize),
		"%d of %d objects Ready", ready, corpusSize)
	return ready
}

var _ = Describe("the operator under chaos", Ordered, func() {
	It("converges 200 objects while a fifth of panel requests fail, with nothing duplicated or lost", func() {
		// Server errors, timeouts (the Panel's requestTimeout is 2s) and creates the panel makes
		// but whose answer never arrives: together about 20% of requests.
		for _, f := range []map[string]any{
			{"status": http.StatusInternalServerError, "rate": 0.04},
			{"status": http.StatusBadGateway, "rate": 0.04},
			{"status": http.StatusServiceUnavailable, "rate": 0.04},
			{"status": http.StatusGatewayTimeout, "rate": 0.04},
			{"latency": "3s", "rate": 0.02},
			{"method": http.MethodPost, "drop_after_commit": true, "rate": 0.1},
		} {
			simControl(http.MethodPost, "faults", f)
		}
		DeferCleanup(func() { simControl(http.MethodDelete, "faults", nil) })
		allBefore, failedBefore := answers()
		Expect(apply(corpus("faults", "chaos-faults", 30000))).To(Succeed())
		ready := converged("faults", "chaos-faults")
		simControl(http.MethodDelete, "faults", nil)
		all, failed := answers()
		fmt.Printf("chaos: %d of the panel's %d answers during the converge failed or were lost\n", failed-failedBefore, all-allBefore)

		t := account(Default, "faults", "chaos-faults")
		fmt.Printf("chaos: in the panel: %s\n", t)
		figure("faults_objects_converged", ready)
		figure("faults_duplicates", t.duplicates)
		figure("faults_lost", t.lost)
		Expect(t.duplicates).To(BeZero(), "%s", t)
		Expect(t.lost).To(BeZero(), "%s", t)
	})

	It("creates nothing twice when the manager is SIGKILLed 10 times during a converge", func() {
		Expect(apply(corpus("sigkill", "chaos-sigkill", 31000))).To(Succeed())
		rng := rand.New(rand.NewPCG(7, 11))
		restarts := 0
		for range 10 {
			// The chaos schedule itself: a random moment of the converge, 1 to 6 seconds apart.
			time.Sleep(time.Duration(1000+rng.IntN(5000)) * time.Millisecond)
			manager.Kill()
			startManager()
			restarts++
		}
		converged("sigkill", "chaos-sigkill")
		t := account(Default, "sigkill", "chaos-sigkill")
		fmt.Printf("chaos: in the panel: %s\n", t)
		figure("sigkill_restarts", restarts)
		figure("sigkill_duplicates", t.duplicates)
		Expect(t.duplicates).To(BeZero(), "%s", t)
		Expect(t.lost).To(BeZero(), "%s", t)
	})

	It("converges while the API server restarts mid-converge", func() {
		Expect(apply(corpus("apiserver", "chaos-apiserver", 32000))).To(Succeed())
		Eventually(func() int { return readyObjects(Default, "apiserver", "chaos-apiserver") }).
			WithTimeout(convergeTimeout).Should(BeNumerically(">=", corpusSize/10), "mid-converge: a tenth Ready")
		_, err := utils.Run(exec.Command("hack/dev-cluster.sh", "restart-apiserver"), "DEV_CLUSTER_DIR="+clusterDir)
		Expect(err).NotTo(HaveOccurred())
		ready := converged("apiserver", "chaos-apiserver")
		t := account(Default, "apiserver", "chaos-apiserver")
		fmt.Printf("chaos: in the panel: %s\n", t)
		recovered := 0
		if ready == corpusSize && t.duplicates == 0 && t.lost == 0 {
			recovered = 1
		}
		figure("apiserver_restart_recovered", recovered)
		Expect(recovered).To(Equal(1), "%s", t)
	})

	It("sends a bounded number of requests while the panel is down, and is Ready soon after it returns", func() {
		scenarios := [][2]string{{"faults", "chaos-faults"}, {"sigkill", "chaos-sigkill"}, {"apiserver", "chaos-apiserver"}}
		for _, sc := range scenarios {
			converged(sc[0], sc[1])
		}
		outage := outageLength()
		rate := watchRate(5 * time.Second)
		// The outage itself, timed: first the panel's host refuses connections, then its web
		// server answers 503 to everything.
		panelGate.shut()
		time.Sleep(outage / 2)
		simControl(http.MethodPost, "faults", map[string]any{"status": http.StatusServiceUnavailable, "rate": 1})
		panelGate.open()
		time.Sleep(outage / 2)
		simControl(http.MethodDelete, "faults", nil)
		back := time.Now()
		Eventually(func() int {
			ready := 0
			for _, sc := range scenarios {
				ready += readyObjects(Default, sc[0], sc[1])
			}
			return ready
		}).WithTimeout(recoveryBound + time.Minute).WithPolling(2 * time.Second).Should(Equal(len(scenarios) * corpusSize))
		recovery := time.Since(back)
		perMinute := rate.maxPerMinute()
		figure("outage_requests_per_minute_max", perMinute)
		figure("outage_recovery_seconds", fmt.Sprintf("%.1f", recovery.Seconds()))
		fmt.Printf("chaos: %s outage with %d objects; recovery bound %s (the longest backoff)\n", outage, len(scenarios)*corpusSize, recoveryBound)
		Expect(perMinute).To(BeNumerically("<=", panelBudget), "more than the Panel's budget a minute")
		Expect(recovery).To(BeNumerically("<=", recoveryBound))
	})

	It("never writes a key or a password to its log, events, status or metrics", func() {
		var haystacks []string
		haystacks = append(haystacks, manager.LogContents())
		for _, what := range [][]string{{"get", "events", "-A", "-o", "yaml"}, {"get", "pterodactyl", "-A", "-o", "yaml"}} {
			out, err := kubectl(what...)
			Expect(err).NotTo(HaveOccurred())
			haystacks = append(haystacks, out)
		}
		resp, err := http.Get("http://" + metricsAddr + "/metrics")
		Expect(err).NotTo(HaveOccurred())
		metrics, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		Expect(err).NotTo(HaveOccurred())
		Expect(string(metrics)).To(ContainSubstring("pterodactyl_panel_requests_total"))
		haystacks = append(haystacks, string(metrics))

		secrets := map[string]string{"application key": appKey, "client key": clientKey,
			"user password (faults)": userPassword("faults"), "user password (sigkill)": userPassword("sigkill")}
		for _, ns := range []string{"chaos-faults", "chaos-sigkill", "chaos-apiserver"} {
			list := &corev1.SecretList{}
			Expect(kube.List(ctx, list, client.InNamespace(ns))).To(Succeed())
			for _, s := range list.Items {
				if p := s.Data["password"]; len(p) > 0 && s.Name != "password" {
					secrets["database password "+ns+"/"+s.Name] = string(p)
				}
			}
		}
		Expect(len(secrets)).To(BeNumerically(">", 4), "no database connection Secret to check")
		leaked := 0
		for what, secret := range secrets {
			for _, h := range haystacks {
				if strings.Contains(h, secret) {
					leaked++
					fmt.Printf("chaos: %s found in the operator's output\n", what)
					break
				}
			}
		}
		figure("secrets_leaked", leaked)
		Expect(leaked).To(BeZero())
	})
})
