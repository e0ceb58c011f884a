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
	"os"
	"os/exec"
	"path/filepath"
	"regexp"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/gameops-dev/pterodactyl-operator/test/utils"
)

var _ = Describe("installing with dist/install.yaml", Ordered, func() {
	It("builds the installer with make build-installer", func() {
		_, err := utils.Run(exec.Command("make", "build-installer"))
		Expect(err).NotTo(HaveOccurred())
		Expect(filepath.Join(projectDir, "dist", "install.yaml")).To(BeARegularFile())
	})

	It("applies server-side to a fresh control plane", func() {
		out, err := kubectl("apply", "--server-side", "-f", filepath.Join(projectDir, "dist", "install.yaml"))
		Expect(err).NotTo(HaveOccurred())
		for _, crd := range []string{"panels", "panellocations", "panelnodes", "panelusers", "gameservers", "serverdatabases"} {
			Expect(out).To(ContainSubstring("customresourcedefinition.apiextensions.k8s.io/" + crd + ".pterodactyl.gameops.dev serverside-applied"))
		}
		Expect(out).To(ContainSubstring("deployment.apps/pterodactyl-operator-controller-manager serverside-applied"))

		_, err = kubectl("wait", "--for=condition=Established", "--timeout=60s", "crd", "-l", "app.kubernetes.io/name=pterodactyl-operator")
		Expect(err).NotTo(HaveOccurred())
	})

	It("documents the fields for kubectl explain", func() {
		out, err := kubectl("explain", "gameserver.spec.limits")
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(ContainSubstring("GROUP:      pterodactyl.gameops.dev"))
		for _, field := range []string{"memory", "swap", "disk", "io", "cpu", "threads", "oomDisabled"} {
			Expect(out).To(MatchRegexp(`(?m)^\s+` + field + `\s+<`))
		}
		Expect(out).To(ContainSubstring("io is the block IO weight, 10 to 1000."))
	})

	It("accepts every sample", func() {
		// A server-side dry run: the API server validates (OpenAPI, CEL) without storing, so
		// the operator suite applies the same samples, pointed at its simulator, for real.
		out, err := kubectl("apply", "--dry-run=server", "-k", filepath.Join(projectDir, "config", "samples"))
		Expect(err).NotTo(HaveOccurred())
		for _, obj := range []string{"panel.pterodactyl.gameops.dev/default", "panellocation.pterodactyl.gameops.dev/us-east",
			"panelnode.pterodactyl.gameops.dev/wings-1", "paneluser.pterodactyl.gameops.dev/alice",
			"gameserver.pterodactyl.gameops.dev/survival", "serverdatabase.pterodactyl.gameops.dev/survival-plugins"} {
			// created, or configured when the operator suite ran first: specs run in random order.
			Expect(out).To(MatchRegexp(regexp.QuoteMeta(obj) + ` (created|configured|unchanged) \(server dry run\)`))
		}
	})

	It("refuses an invalid manifest and names the field", func() {
		manifest := filepath.Join(GinkgoT().TempDir(), "bad-node.yaml")
		Expect(os.WriteFile(manifest, []byte(`apiVersion: pterodactyl.gameops.dev/v1alpha1
kind: PanelNode
metadata:
  name: bad
spec:
  locationId: 1
  fqdn: wings.example.com
  memory: 1024
  disk: 1024
  allocations:
  - ip: 10.0.0.5
    ports: ["1024"]
`), 0o600)).To(Succeed())
		out, err := kubectl("apply", "-f", manifest)
		Expect(err).To(HaveOccurred())
		Expect(out).To(ContainSubstring(`spec.allocations[0].ports[0]: Invalid value: "1024": each port must be between 1025 and 65535`))
	})
})
