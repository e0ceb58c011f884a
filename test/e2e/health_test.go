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
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller"
	"github.com/gameops-dev/pterodactyl-operator/internal/health"
)

// The GitOps health specs run inside "the operator, driven with kubectl", on the objects its
// manager wrote: the Argo CD health checks in config/argocd and Flux's kstatus must agree on them.

// kubectlJSON runs kubectl and returns its standard output alone, so that a warning on standard
// error cannot spoil the JSON.
func kubectlJSON(args ...string) ([]byte, error) {
	cmd := exec.Command("kubectl", args...)
	cmd.Env = append(os.Environ(), "KUBECONFIG="+kubeconfig)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("kubectl %s: %w\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return out, nil
}

// assess reads obj's health as Argo CD, with the check config/argocd ships for its kind, and Flux see it.
func assess(g Gomega, obj *unstructured.Unstructured) health.Verdict {
	script, err := health.LoadScript(projectDir, obj.GetKind())
	g.Expect(err).NotTo(HaveOccurred())
	v, err := health.Assess(script, obj)
	g.Expect(err).NotTo(HaveOccurred())
	return v
}

// kindNames are the kinds of controller.Kinds.
func kindNames() []string {
	scheme := runtime.NewScheme()
	Expect(ptero.AddToScheme(scheme)).To(Succeed())
	var names []string
	for _, k := range controller.Kinds {
		gvk, err := apiutil.GVKForObject(k.Object, scheme)
		Expect(err).NotTo(HaveOccurred())
		names = append(names, gvk.Kind)
	}
	return names
}

// expectEveryObjectHealthy: once the samples are Ready, every object of every kind is Healthy to
// Argo CD and Current to kstatus.
func expectEveryObjectHealthy() {
	var report []string
	Eventually(func(g Gomega) {
		out, err := kubectlJSON("get", "pterodactyl", "-A", "-o", "json")
		g.Expect(err).NotTo(HaveOccurred())
		// Decoded as the API machinery decodes, with integers as int64, as kstatus and Argo CD get them.
		var list unstructured.UnstructuredList
		g.Expect(list.UnmarshalJSON(out)).To(Succeed())
		report = nil
		seen := map[string]bool{}
		for i := range list.Items {
			obj := &list.Items[i]
			v := assess(g, obj)
			name := obj.GetKind() + " " + strings.TrimPrefix(obj.GetNamespace()+"/"+obj.GetName(), "/")
			g.Expect(v.Argo.Status).To(Equal(health.Healthy), "%s: %s", name, v)
			g.Expect(v.Kstatus).To(Equal(status.CurrentStatus), "%s: %s", name, v)
			g.Expect(v.Agree()).To(BeTrue(), "%s: %s", name, v)
			seen[obj.GetKind()] = true
			report = append(report, name+": "+v.String())
		}
		for _, kind := range kindNames() {
			g.Expect(seen).To(HaveKey(kind), "the samples have no %s to assess", kind)
		}
	}).WithTimeout(60 * time.Second).Should(Succeed())
	sort.Strings(report)
	AddReportEntry("GitOps health of every sample", strings.Join(report, "\n"))
}

// expectStalledObjectDegraded: an object the operator cannot make Ready without a person (here a
// panel-id annotation that is no id) is Degraded to Argo CD and Failed to kstatus, at once.
func expectStalledObjectDegraded() {
	manifest := filepath.Join(GinkgoT().TempDir(), "stalled.yaml")
	Expect(os.WriteFile(manifest, []byte(`apiVersion: pterodactyl.gameops.dev/v1alpha1
kind: PanelLocation
metadata:
  name: health-stalled
  annotations:
    pterodactyl.gameops.dev/panel-id: "seven"
spec:
  short: health-stalled
`), 0o600)).To(Succeed())
	_, err := kubectl("apply", "-f", manifest)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() {
		_, err := kubectl("delete", "-f", manifest, "--wait", "--timeout=60s")
		Expect(err).NotTo(HaveOccurred())
	})

	var v health.Verdict
	Eventually(func(g Gomega) {
		out, err := kubectlJSON("get", "panellocation", "health-stalled", "-o", "json")
		g.Expect(err).NotTo(HaveOccurred())
		var obj unstructured.Unstructured
		g.Expect(obj.UnmarshalJSON(out)).To(Succeed())
		v = assess(g, &obj)
		g.Expect(v.Argo.Status).To(Equal(health.Degraded), "%s", v)
		g.Expect(v.Kstatus).To(Equal(status.FailedStatus), "%s", v)
		g.Expect(v.Agree()).To(BeTrue(), "%s", v)
		g.Expect(v.Argo.Message).To(HavePrefix(ptero.ReasonInvalidSpec+": "), "%s", v)
	}).Should(Succeed())
	AddReportEntry("GitOps health of a stalled PanelLocation", v.String())
}
