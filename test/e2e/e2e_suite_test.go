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

// Package e2e drives the operator the way its users do: the real binaries, the
// generated installer and kubectl, against a local control plane started by
// hack/dev-cluster.sh.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/gameops-dev/pterodactyl-operator/test/utils"
)

var (
	projectDir string
	// clusterDir holds this run's control plane state, apart from a developer's .dev/.
	clusterDir string
	kubeconfig string
)

func TestE2E(t *testing.T) {
	RegisterFailHandler(Fail)
	// Polls run kubectl or hit the panel: twice a second is plenty, and keeps the suite's own
	// requests a small share of the panel's rate limit.
	SetDefaultEventuallyPollingInterval(500 * time.Millisecond)
	SetDefaultEventuallyTimeout(30 * time.Second)
	_, _ = fmt.Fprintf(GinkgoWriter, "Starting pterodactyl-operator e2e suite\n")
	RunSpecs(t, "e2e suite")
}

var _ = BeforeSuite(func() {
	var err error
	projectDir, err = utils.ProjectDir()
	Expect(err).NotTo(HaveOccurred())

	clusterDir, err = os.MkdirTemp("", "pterodactyl-e2e-")
	Expect(err).NotTo(HaveOccurred())
	kubeconfig = filepath.Join(clusterDir, "kubeconfig")

	By("starting a local control plane with hack/dev-cluster.sh")
	_, err = utils.Run(exec.Command("hack/dev-cluster.sh", "up"), "DEV_CLUSTER_DIR="+clusterDir)
	Expect(err).NotTo(HaveOccurred())
})

var _ = AfterSuite(func() {
	By("stopping the local control plane")
	_, err := utils.Run(exec.Command("hack/dev-cluster.sh", "down"), "DEV_CLUSTER_DIR="+clusterDir)
	Expect(err).NotTo(HaveOccurred())
	Expect(os.RemoveAll(clusterDir)).To(Succeed())
})

// kubectl runs kubectl against the suite's control plane.
func kubectl(args ...string) (string, error) {
	return utils.Run(exec.Command("kubectl", args...), "KUBECONFIG="+kubeconfig)
}
