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
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/gameops-dev/pterodactyl-operator/test/utils"
)

// The chart shares the suite's control plane with the specs that install from dist/install.yaml and
// config/crd, in any order. So the release lives in a namespace of its own, under a name that gives its
// objects names of their own (pterodactyl-operator-e2e-…, where dist/install.yaml's are
// pterodactyl-operator-…), and its Panel is not the samples' "default". Only the CRDs are shared: the install takes them over whether they exist or not
// (--take-ownership), and uninstall leaves them (crd.keep, the default), so the other specs find them
// either way. Removing them would delete the other specs' objects.
const (
	helmRelease   = "pterodactyl-operator-e2e"
	helmNamespace = "pterodactyl-helm-e2e"
	// helmFullname prefixes the release's object names: the release name, as it holds the chart's.
	helmFullname = helmRelease
	// helmPanel is the Panel the release creates from values.
	helmPanel = "helm-e2e"
)

// crdNames are the CRDs the chart installs: one per file of config/crd/bases, named
// pterodactyl.gameops.dev_<plural>.yaml, so a new kind needs no change here.
func crdNames() []string {
	GinkgoHelper()
	files, err := filepath.Glob(filepath.Join(projectDir, "config", "crd", "bases", "*.yaml"))
	Expect(err).NotTo(HaveOccurred())
	Expect(files).NotTo(BeEmpty())
	names := make([]string, 0, len(files))
	for _, f := range files {
		group, plural, ok := strings.Cut(strings.TrimSuffix(filepath.Base(f), ".yaml"), "_")
		Expect(ok).To(BeTrue(), "CRD file %s is not named <group>_<plural>.yaml", f)
		names = append(names, plural+"."+group)
	}
	return names
}

// Keys for the chart's Panel Secret: made up, as the chart never talks to a panel here. They go in a
// values file rather than on helm's command line, which the suite logs.
const (
	helmApplicationKey = "ptla_e2eHelmApplicationKey000000000000000000000"
	helmClientKey      = "ptlc_e2eHelmClientKey0000000000000000000000000"
)

var _ = Describe("installing with the Helm chart", Ordered, func() {
	var (
		helmBin string
		helmEnv []string
		chart   string
		valDir  string
	)

	helm := func(args ...string) (string, error) {
		return utils.Run(exec.Command(helmBin, args...), helmEnv...)
	}
	// render runs helm template as `helm install pterodactyl-operator -n pterodactyl-system` would, the
	// release name that gives the chart's objects the names of dist/install.yaml's.
	render := func(args ...string) manifests {
		GinkgoHelper()
		out, err := helm(append([]string{"template", "pterodactyl-operator", chart, "-n", "pterodactyl-system"}, args...)...)
		Expect(err).NotTo(HaveOccurred())
		return parseManifests(out)
	}
	valuesFile := func(name, content string) string {
		GinkgoHelper()
		p := filepath.Join(valDir, name)
		Expect(os.WriteFile(p, []byte(content), 0o600)).To(Succeed())
		return p
	}
	kustomizeBuild := func(dir string) manifests {
		GinkgoHelper()
		bin := os.Getenv("KUSTOMIZE")
		if bin == "" {
			bin = filepath.Join(projectDir, "bin", "kustomize")
		}
		out, err := utils.Run(exec.Command(bin, "build", filepath.Join(projectDir, "config", dir)))
		Expect(err).NotTo(HaveOccurred())
		return parseManifests(out)
	}

	BeforeAll(func() {
		// make test-e2e builds helm (hack/helm.sh) and passes its path; a bare `go test` builds it here,
		// which is a no-op once it is cached.
		helmBin = os.Getenv("HELM")
		if helmBin == "" {
			_, err := utils.Run(exec.Command("hack/helm.sh", "build"))
			Expect(err).NotTo(HaveOccurred())
			out, err := utils.Run(exec.Command("hack/helm.sh", "path"))
			Expect(err).NotTo(HaveOccurred())
			helmBin = strings.TrimSpace(out)
		}
		Expect(helmBin).To(BeAnExistingFile())
		// helm's own state (repositories, cache, plugins) in the spec's temporary directory, not ~.
		home := GinkgoT().TempDir()
		helmEnv = []string{"KUBECONFIG=" + kubeconfig, "HELM_CONFIG_HOME=" + filepath.Join(home, "config"),
			"HELM_CACHE_HOME=" + filepath.Join(home, "cache"), "HELM_DATA_HOME=" + filepath.Join(home, "data")}
		chart = filepath.Join(projectDir, "dist", "chart")
		valDir = GinkgoT().TempDir()
		out, err := helm("version")
		Expect(err).NotTo(HaveOccurred())
		_, _ = GinkgoWriter.Write([]byte(out))
	})

	It("passes helm lint, with the defaults and with a Panel", func() {
		out, err := helm("lint", "--strict", chart)
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(ContainSubstring("1 chart(s) linted, 0 chart(s) failed"))

		panelValues := valuesFile("lint-panel.yaml", `panel:
  create: true
  url: https://panel.example.com
  credentials: {existingSecret: panel-credentials}
prometheus: {enable: true}
networkPolicy: {enable: true}
`)
		out, err = helm("lint", "--strict", chart, "-f", panelValues)
		Expect(err).NotTo(HaveOccurred())
		Expect(out).To(ContainSubstring("1 chart(s) linted, 0 chart(s) failed"))
	})

	It("renders with its defaults what kustomize build config/default renders", func() {
		want := kustomizeBuild("default")
		got := render()

		for _, key := range want.keys() {
			if strings.HasPrefix(key, "Namespace/") {
				continue // helm install --create-namespace, or a namespace of the user's
			}
			Expect(got).To(HaveKey(key), "kustomize renders %s, the chart does not", key)
		}
		for _, key := range got.keys() {
			Expect(want).To(HaveKey(key), "the chart renders %s, kustomize does not", key)
		}

		for _, w := range want {
			if w.GetKind() == "Namespace" {
				continue
			}
			g := got.get(w.GetKind(), w.GetNamespace(), w.GetName())
			switch w.GetKind() {
			case "CustomResourceDefinition":
				Expect(field(g, "spec")).To(Equal(field(w, "spec")), "CRD %s", w.GetName())
				Expect(g.GetAnnotations()).To(HaveKeyWithValue("helm.sh/resource-policy", "keep"))
			case "ClusterRole", "Role":
				Expect(field(g, "rules")).To(Equal(field(w, "rules")), "%s %s", w.GetKind(), w.GetName())
				for k, v := range w.GetLabels() {
					if strings.HasPrefix(k, "rbac.authorization.k8s.io/") {
						Expect(g.GetLabels()).To(HaveKeyWithValue(k, v))
					}
				}
			case "ClusterRoleBinding", "RoleBinding":
				Expect(field(g, "roleRef")).To(Equal(field(w, "roleRef")), "%s %s", w.GetKind(), w.GetName())
				Expect(field(g, "subjects")).To(Equal(field(w, "subjects")), "%s %s", w.GetKind(), w.GetName())
			case "Service":
				Expect(field(g, "spec", "ports")).To(Equal(field(w, "spec", "ports")))
				Expect(field(g, "spec", "selector")).To(includeMap(field(w, "spec", "selector")))
			case "Deployment":
				expectSameDeployment(g, w)
			}
		}
	})

	It("renders the ServiceMonitor of config/prometheus when prometheus.enable is set", func() {
		want := kustomizeBuild("prometheus").ofKind("ServiceMonitor")
		Expect(want).To(HaveLen(1))

		Expect(render().ofKind("ServiceMonitor")).To(BeEmpty())
		monitors := render("--set", "prometheus.enable=true", "--set", "prometheus.labels.release=kube-prometheus").ofKind("ServiceMonitor")
		Expect(monitors).To(HaveLen(1))
		m := monitors[0]
		Expect(m.GetName()).To(Equal("pterodactyl-operator-controller-manager-metrics-monitor"))
		Expect(m.GetLabels()).To(HaveKeyWithValue("release", "kube-prometheus"))
		Expect(field(m, "spec", "endpoints")).To(Equal(field(want[0], "spec", "endpoints")))
		Expect(field(m, "spec", "selector", "matchLabels")).To(includeMap(field(want[0], "spec", "selector", "matchLabels")))

		// Nothing to scrape without the metrics endpoint.
		Expect(render("--set", "prometheus.enable=true", "--set", "metrics.enable=false").ofKind("ServiceMonitor")).To(BeEmpty())
	})

	It("renders no metrics endpoint, Service or metrics roles with metrics.enable=false", func() {
		got := render("--set", "metrics.enable=false")
		Expect(got.ofKind("Service")).To(BeEmpty())
		for _, name := range []string{"metrics-auth-role", "metrics-reader"} {
			Expect(got).NotTo(HaveKey(manifestKey("ClusterRole", "", "pterodactyl-operator-"+name)))
		}
		Expect(got).NotTo(HaveKey(manifestKey("ClusterRoleBinding", "", "pterodactyl-operator-metrics-auth-rolebinding")))
		c := managerContainer(got.get("Deployment", "pterodactyl-system", "pterodactyl-operator-controller-manager"))
		Expect(stringsOf(c["args"])).To(ContainElement("--metrics-bind-address=0"))
		Expect(c["ports"]).To(ConsistOf(HaveKeyWithValue("name", "probes")))
	})

	It("renders the manager Deployment from the values", func() {
		values := valuesFile("manager.yaml", `controllerManager:
  container:
    image: {repository: registry.example.com/ptero/operator, tag: v9.8.7, pullPolicy: Always}
    leaderElection: {enable: false}
    logLevel: debug
    observation: per-object
    maxConcurrentReconciles: 8
    extraArgs: ["--zap-encoder=console"]
    env: [{name: HTTPS_PROXY, value: "http://proxy.example.com:3128"}]
    resources: {limits: {memory: 512Mi}}
  podAnnotations: {example.com/team: games}
  nodeSelector: {kubernetes.io/os: linux}
  tolerations: [{key: dedicated, operator: Equal, value: operators, effect: NoSchedule}]
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/arch, operator: In, values: [amd64]}]}]
  priorityClassName: system-cluster-critical
`)
		d := render("-f", values).get("Deployment", "pterodactyl-system", "pterodactyl-operator-controller-manager")
		c := managerContainer(d)
		Expect(c["image"]).To(Equal("registry.example.com/ptero/operator:v9.8.7"))
		Expect(c["imagePullPolicy"]).To(Equal("Always"))
		args := stringsOf(c["args"])
		Expect(args).NotTo(ContainElement("--leader-elect"))
		Expect(args).To(ContainElements("--zap-log-level=debug", "--observation=per-object",
			"--max-concurrent-reconciles=8", "--zap-encoder=console"))
		Expect(c["env"]).To(ConsistOf(map[string]any{"name": "HTTPS_PROXY", "value": "http://proxy.example.com:3128"}))
		// Helm merges values maps: the other defaults stay.
		Expect(c["resources"]).To(Equal(map[string]any{
			"limits":   map[string]any{"cpu": "500m", "memory": "512Mi"},
			"requests": map[string]any{"cpu": "10m", "memory": "64Mi"},
		}))
		Expect(field(d, "spec", "template", "metadata", "annotations")).To(HaveKeyWithValue("example.com/team", "games"))
		Expect(field(d, "spec", "template", "spec", "nodeSelector")).To(Equal(map[string]any{"kubernetes.io/os": "linux"}))
		Expect(field(d, "spec", "template", "spec", "tolerations")).To(HaveLen(1))
		Expect(field(d, "spec", "template", "spec", "affinity", "nodeAffinity")).NotTo(BeNil())
		Expect(field(d, "spec", "template", "spec", "priorityClassName")).To(Equal("system-cluster-critical"))

		// Values the manager would start with and then misbehave on, or refuse, fail at install time.
		out, err := helm("template", "pterodactyl-operator", chart, "-f", values, "--set", "controllerManager.replicas=2")
		Expect(err).To(HaveOccurred())
		Expect(out).To(ContainSubstring("controllerManager.replicas above 1 needs controllerManager.container.leaderElection.enable"))
		out, err = helm("template", "pterodactyl-operator", chart, "--set", "controllerManager.container.observation=polling")
		Expect(err).To(HaveOccurred())
		Expect(out).To(ContainSubstring(`controllerManager.container.observation is "polling"`))
	})

	It("renders the CRD and helper-role switches", func() {
		got := render("--set", "crd.keep=false", "--set", "rbac.helperRoles=false")
		crds := got.ofKind("CustomResourceDefinition")
		Expect(crds).To(HaveLen(len(crdNames())))
		for _, crd := range crds {
			Expect(crd.GetAnnotations()).NotTo(HaveKey("helm.sh/resource-policy"))
		}
		Expect(got).NotTo(HaveKey(manifestKey("ClusterRole", "", "pterodactyl-operator-pterodactyl-admin-role")))
		Expect(got).To(HaveKey(manifestKey("ClusterRole", "", "pterodactyl-operator-manager-role")))

		Expect(render("--set", "crd.enable=false").ofKind("CustomResourceDefinition")).To(BeEmpty())
	})

	It("renders a Panel and its Secret from values, and never prints the keys", func() {
		values := valuesFile("panel-keys.yaml", `panel:
  create: true
  url: https://panel.example.com
  syncInterval: 1m
  extraSpec: {clientRequestsPerMinute: 600}
  credentials:
    applicationKey: `+helmApplicationKey+`
    clientKey: `+helmClientKey+`
`)
		got := render("-f", values)
		secret := got.get("Secret", "pterodactyl-system", "pterodactyl-operator-panel-credentials")
		data, ok := field(secret, "data").(map[string]any)
		Expect(ok).To(BeTrue())
		Expect(decodesTo(data["applicationKey"], helmApplicationKey)).To(BeTrue(), "the Secret's applicationKey is not the one given")
		Expect(decodesTo(data["clientKey"], helmClientKey)).To(BeTrue(), "the Secret's clientKey is not the one given")
		panel := got.get("Panel", "", "default")
		Expect(field(panel, "spec")).To(Equal(map[string]any{
			"url":                     "https://panel.example.com",
			"credentialsSecretRef":    map[string]any{"namespace": "pterodactyl-system", "name": "pterodactyl-operator-panel-credentials"},
			"requestsPerMinute":       float64(200),
			"syncInterval":            "1m",
			"clientRequestsPerMinute": float64(600),
		}))

		// The NOTES helm prints after an install: a client-side dry run renders them without a cluster.
		out, err := helm("install", "pterodactyl-operator", chart, "-n", "pterodactyl-system", "--dry-run=client", "-f", values)
		Expect(err).NotTo(HaveOccurred())
		_, notes, found := strings.Cut(out, "NOTES:")
		Expect(found).To(BeTrue(), "helm install printed no NOTES")
		Expect(notes).To(ContainSubstring("kubectl wait --for=condition=Ready panel/default"))
		// The manifest part holds the keys base64-encoded only; neither part may hold them in clear.
		Expect(strings.Contains(out, helmApplicationKey) || strings.Contains(out, helmClientKey)).To(BeFalse(), "helm install printed a key")

		existing := valuesFile("panel-existing.yaml", "panel: {create: true, url: https://panel.example.com, credentials: {existingSecret: my-keys}}\n")
		got = render("-f", existing)
		Expect(got.ofKind("Secret")).To(BeEmpty())
		Expect(field(got.get("Panel", "", "default"), "spec", "credentialsSecretRef", "name")).To(Equal("my-keys"))

		out, err = helm("template", "pterodactyl-operator", chart, "--set", "panel.create=true", "--set", "panel.url=https://panel.example.com")
		Expect(err).To(HaveOccurred())
		Expect(out).To(ContainSubstring("panel.create needs panel.credentials.applicationKey or panel.credentials.existingSecret"))
	})

	Context("against the control plane", Ordered, func() {
		installValues := func() string {
			return valuesFile("install.yaml", `controllerManager:
  container:
    image: {repository: registry.example.com/ptero/operator, tag: v0.0.0-e2e}
    logLevel: debug
    observation: per-object
    env: [{name: PTERO_E2E, value: helm}]
`)
		}

		BeforeAll(func() {
			// A spec that fails half-way must not leave the release's Panel and roles behind for the others.
			DeferCleanup(func() {
				_, _ = helm("uninstall", helmRelease, "-n", helmNamespace, "--ignore-not-found")
			})
		})

		It("installs the operator: CRDs established, RBAC, the Deployment with the values' image and flags", func() {
			_, err := helm("install", helmRelease, chart, "-n", helmNamespace, "--create-namespace",
				"--take-ownership", "-f", installValues())
			Expect(err).NotTo(HaveOccurred())

			out, err := helm("list", "-n", helmNamespace, "--deployed", "-q")
			Expect(err).NotTo(HaveOccurred())
			Expect(strings.Fields(out)).To(ContainElement(helmRelease))

			_, err = kubectl(append([]string{"wait", "--for=condition=Established", "--timeout=60s", "crd"}, crdNames()...)...)
			Expect(err).NotTo(HaveOccurred())
			for _, crd := range crdNames() {
				out, err := kubectl("get", "crd", crd, "-o", `jsonpath={.metadata.annotations.meta\.helm\.sh/release-name}`)
				Expect(err).NotTo(HaveOccurred())
				Expect(out).To(Equal(helmRelease), "CRD %s is not the release's", crd)
			}

			installed := getObject("clusterrole", "", helmFullname+"-manager-role")
			role := parseManifests(readFile(filepath.Join(projectDir, "config", "rbac", "role.yaml"))).get("ClusterRole", "", "manager-role")
			Expect(field(installed, "rules")).To(Equal(field(role, "rules")))
			binding := getObject("clusterrolebinding", "", helmFullname+"-manager-rolebinding")
			Expect(field(binding, "subjects")).To(ConsistOf(map[string]any{
				"kind": "ServiceAccount", "name": helmFullname + "-controller-manager", "namespace": helmNamespace}))
			getObject("serviceaccount", helmNamespace, helmFullname+"-controller-manager")
			getObject("role", helmNamespace, helmFullname+"-leader-election-role")
			getObject("service", helmNamespace, helmFullname+"-controller-manager-metrics-service")

			deploy := getObject("deployment", helmNamespace, helmFullname+"-controller-manager")
			c := managerContainer(deploy)
			Expect(c["image"]).To(Equal("registry.example.com/ptero/operator:v0.0.0-e2e"))
			Expect(stringsOf(c["args"])).To(ContainElements("--leader-elect", "--metrics-bind-address=:8443",
				"--zap-log-level=debug", "--observation=per-object"))
			Expect(c["env"]).To(ContainElement(HaveKeyWithValue("name", "PTERO_E2E")))
			Expect(field(deploy, "spec", "template", "spec", "serviceAccountName")).To(Equal(helmFullname + "-controller-manager"))
		})

		It("adds a Panel and its Secret with helm upgrade, once the CRDs exist", func() {
			panelValues := valuesFile("install-panel.yaml", `panel:
  create: true
  name: `+helmPanel+`
  url: https://panel.example.com
  credentials:
    applicationKey: `+helmApplicationKey+`
`)
			_, err := helm("upgrade", helmRelease, chart, "-n", helmNamespace, "--reuse-values", "-f", panelValues)
			Expect(err).NotTo(HaveOccurred())

			panel := getObject("panel", "", helmPanel)
			Expect(field(panel, "spec", "url")).To(Equal("https://panel.example.com"))
			Expect(field(panel, "spec", "credentialsSecretRef")).To(Equal(map[string]any{
				"namespace": helmNamespace, "name": helmFullname + "-panel-credentials"}))
			secret := getObject("secret", helmNamespace, helmFullname+"-panel-credentials")
			data, ok := field(secret, "data").(map[string]any)
			Expect(ok).To(BeTrue())
			Expect(decodesTo(data["applicationKey"], helmApplicationKey)).To(BeTrue(), "the stored applicationKey is not the one given")
			Expect(data).NotTo(HaveKey("clientKey"))
		})

		It("uninstalls everything but the CRDs (crd.keep)", func() {
			_, err := helm("uninstall", helmRelease, "-n", helmNamespace)
			Expect(err).NotTo(HaveOccurred())

			for _, obj := range [][]string{
				{"deployment", "-n", helmNamespace, helmFullname + "-controller-manager"},
				{"service", "-n", helmNamespace, helmFullname + "-controller-manager-metrics-service"},
				{"serviceaccount", "-n", helmNamespace, helmFullname + "-controller-manager"},
				{"secret", "-n", helmNamespace, helmFullname + "-panel-credentials"},
				{"clusterrole", helmFullname + "-manager-role"},
				{"clusterrolebinding", helmFullname + "-manager-rolebinding"},
				{"panel", helmPanel},
			} {
				Eventually(func(g Gomega) {
					out, err := kubectl(append([]string{"get", "--ignore-not-found", "-o", "name"}, obj...)...)
					g.Expect(err).NotTo(HaveOccurred())
					g.Expect(out).To(BeEmpty())
				}).Should(Succeed(), "%v is still there after helm uninstall", obj)
			}
			_, err = kubectl(append([]string{"wait", "--for=condition=Established", "--timeout=10s", "crd"}, crdNames()...)...)
			Expect(err).NotTo(HaveOccurred(), "helm uninstall removed CRDs that crd.keep keeps")
		})
	})
})

// expectSameDeployment compares the chart's manager Deployment with config/'s: the same pod spec and
// container, but for what the chart adds on purpose (an imagePullPolicy, the manager flags it sets
// explicitly to their defaults, and the release's instance label).
func expectSameDeployment(got, want *unstructured.Unstructured) {
	GinkgoHelper()
	Expect(field(got, "spec", "replicas")).To(Equal(field(want, "spec", "replicas")))
	Expect(field(got, "spec", "selector", "matchLabels")).To(includeMap(field(want, "spec", "selector", "matchLabels")))
	Expect(field(got, "spec", "template", "metadata", "labels")).To(includeMap(field(want, "spec", "template", "metadata", "labels")))
	Expect(field(got, "spec", "template", "metadata", "annotations")).To(Equal(field(want, "spec", "template", "metadata", "annotations")))

	gc, wc := managerContainer(got), managerContainer(want)
	gotArgs, wantArgs := stringsOf(gc["args"]), stringsOf(wc["args"])
	Expect(gotArgs).To(ContainElements(wantArgs))
	var extra []string
	for _, a := range gotArgs {
		if !containsString(wantArgs, a) {
			extra = append(extra, a)
		}
	}
	Expect(extra).To(ConsistOf("--zap-log-level=info", "--observation=snapshot", "--max-concurrent-reconciles=4"),
		"the chart's default flags beyond config/'s must be the manager's own defaults")
	Expect(gc).To(HaveKeyWithValue("imagePullPolicy", "IfNotPresent"))
	for _, c := range []map[string]any{gc, wc} {
		delete(c, "args")
		delete(c, "imagePullPolicy")
	}
	Expect(gc).To(Equal(wc), "the manager container")

	gotPod, _ := field(got, "spec", "template", "spec").(map[string]any)
	wantPod, _ := field(want, "spec", "template", "spec").(map[string]any)
	for _, p := range []map[string]any{gotPod, wantPod} {
		delete(p, "containers")
	}
	Expect(gotPod).To(Equal(wantPod), "the pod spec")
}

// includeMap matches a map that holds every key and value of want (and maybe more).
func includeMap(want any) OmegaMatcher {
	m, _ := want.(map[string]any)
	matchers := make([]OmegaMatcher, 0, len(m))
	for k, v := range m {
		matchers = append(matchers, HaveKeyWithValue(k, v))
	}
	return And(matchers...)
}

func containsString(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// decodesTo says whether a Secret's base64 data value is want, without printing either.
func decodesTo(value any, want string) bool {
	s, _ := value.(string)
	b, err := base64.StdEncoding.DecodeString(s)
	return err == nil && string(b) == want
}

// getObject reads one object from the control plane.
func getObject(kind, namespace, name string) *unstructured.Unstructured {
	GinkgoHelper()
	args := []string{"get", kind, name, "-o", "json"}
	if namespace != "" {
		args = append(args, "-n", namespace)
	}
	out, err := kubectl(args...)
	Expect(err).NotTo(HaveOccurred())
	objs := parseManifests(out)
	Expect(objs).To(HaveLen(1))
	return objs[objs.keys()[0]]
}

func readFile(path string) string {
	GinkgoHelper()
	b, err := os.ReadFile(path)
	Expect(err).NotTo(HaveOccurred())
	return string(b)
}
