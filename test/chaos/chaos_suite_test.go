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

// Package chaos runs the operator as hosting companies do, as processes on a control plane, and
// keeps the panel failing, the manager dying and the API server restarting while it works; each
// scenario prints what it measured as FIGURE lines. Run it with make chaos.
package chaos

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/test/utils"
)

var (
	ctx        = context.Background()
	clusterDir string
	kubeconfig string
	logDir     string
	kube       client.Client
	sim        *utils.Process
	simURL     string
	// panelGate is how the operator reaches the simulator: the outage scenario shuts it.
	panelGate *gate
	// admin reads the panel with the application key, as the operator's own client does.
	admin             *panel.Client
	appKey, clientKey string
	manager           *utils.Process
	metricsAddr       string
)

func TestChaos(t *testing.T) {
	RegisterFailHandler(Fail)
	SetDefaultEventuallyPollingInterval(time.Second)
	RunSpecs(t, "chaos")
}

// figure prints one measured figure in the form make chaos collects.
func figure(name string, value any) {
	line := fmt.Sprintf("FIGURE %s=%v", name, value)
	fmt.Println(line)
	AddReportEntry(name, line)
}

var _ = BeforeSuite(func() {
	var err error
	clusterDir, err = os.MkdirTemp("", "pterodactyl-chaos-")
	Expect(err).NotTo(HaveOccurred())
	kubeconfig = filepath.Join(clusterDir, "kubeconfig")
	logDir = filepath.Join(clusterDir, "logs")
	Expect(os.MkdirAll(logDir, 0o755)).To(Succeed())
	fmt.Printf("chaos: control plane and logs in %s\n", clusterDir)

	By("starting a control plane with hack/dev-cluster.sh")
	_, err = utils.Run(exec.Command("hack/dev-cluster.sh", "up"), "DEV_CLUSTER_DIR="+clusterDir)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(func() {
		_, err := utils.Run(exec.Command("hack/dev-cluster.sh", "down"), "DEV_CLUSTER_DIR="+clusterDir)
		Expect(err).NotTo(HaveOccurred())
	})
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	Expect(err).NotTo(HaveOccurred())
	scheme := runtime.NewScheme()
	Expect(clientgoscheme.AddToScheme(scheme)).To(Succeed())
	Expect(ptero.AddToScheme(scheme)).To(Succeed())
	kube, err = client.New(cfg, client.Options{Scheme: scheme})
	Expect(err).NotTo(HaveOccurred())

	By("building bin/manager and bin/panelsim")
	for _, cmd := range []string{"manager", "panelsim"} {
		_, err := utils.Run(exec.Command("go", "build", "-o", "bin/"+cmd, "./cmd/"+cmd))
		Expect(err).NotTo(HaveOccurred())
	}
	By("starting the panel simulator")
	// Above the Panel's budget, so what the scenarios see is the faults, not the rate limit.
	sim = utils.StartProcess("panelsim", filepath.Join(logDir, "panelsim.log"), nil,
		"--listen", "127.0.0.1:0", "--install-delay", "1s", "--backup-duration", "1s", "--rate-limit", "3000")
	DeferCleanup(sim.Stop)
	simURL, appKey, clientKey = sim.LogValue("url"), sim.LogValue("application_key"), sim.LogValue("client_key")
	admin, err = panel.NewClient(simURL, appKey)
	Expect(err).NotTo(HaveOccurred())
	panelGate = newGate(strings.TrimPrefix(simURL, "http://"))

	By("installing the CRDs, starting the manager, and a Panel on the simulator")
	_, err = kubectl("apply", "--server-side", "-k", "config/crd")
	Expect(err).NotTo(HaveOccurred())
	_, err = kubectl("wait", "--for=condition=Established", "--timeout=60s", "crd", "-l", "app.kubernetes.io/name=pterodactyl-operator")
	Expect(err).NotTo(HaveOccurred())
	metricsAddr = freeAddress()
	startManager()
	DeferCleanup(func() { manager.Stop() })
	Expect(apply(fmt.Sprintf(`apiVersion: v1
kind: Namespace
metadata: {name: pterodactyl-system}
---
apiVersion: v1
kind: Secret
metadata: {name: panel-credentials, namespace: pterodactyl-system}
stringData: {applicationKey: %s, clientKey: %s}
---
apiVersion: pterodactyl.gameops.dev/v1alpha1
kind: Panel
metadata: {name: default}
spec:
  url: %s
  credentialsSecretRef: {namespace: pterodactyl-system, name: panel-credentials}
  requestsPerMinute: 1500
  requestTimeout: 2s
  syncInterval: 30s
`, appKey, clientKey, "http://"+panelGate.addr))).To(Succeed())
	_, err = kubectl("wait", "--for=condition=Ready", "--timeout=60s", "panel/default")
	Expect(err).NotTo(HaveOccurred())
})

// startManager starts (again) the manager at debug level, its log appended to one file, its
// metrics on metricsAddr.
func startManager() {
	manager = utils.StartProcess("manager", filepath.Join(logDir, "manager.log"), []string{"KUBECONFIG=" + kubeconfig},
		"--metrics-bind-address="+metricsAddr, "--metrics-secure=false", "--health-probe-bind-address=127.0.0.1:0", "--zap-log-level=debug")
}

// kubectl runs kubectl against the chaos control plane.
func kubectl(args ...string) (string, error) {
	return utils.Run(exec.Command("kubectl", args...), "KUBECONFIG="+kubeconfig)
}

// apply applies a manifest given as text.
func apply(manifest string) error {
	f, err := os.CreateTemp(clusterDir, "manifest-*.yaml")
	if err != nil {
		return err
	}
	if _, err := f.WriteString(manifest); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	_, err = kubectl("apply", "-f", f.Name())
	return err
}

// freeAddress is a loopback address with a port nothing listens on.
func freeAddress() string {
	GinkgoHelper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	Expect(err).NotTo(HaveOccurred())
	defer func() { _ = l.Close() }()
	return l.Addr().String()
}
