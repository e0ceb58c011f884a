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

package health_test

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	"sigs.k8s.io/yaml"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller"
	"github.com/gameops-dev/pterodactyl-operator/internal/health"
)

// root is the repository, from this package's directory.
const root = "../.."

// patchPath is the argocd-cm patch for those who do not install Argo CD with kustomize.
const patchPath = "config/argocd/argocd-cm-patch.yaml"

var update = flag.Bool("update", false, "rewrite the per-kind health checks and "+patchPath+" from "+health.SharedScriptPath)

// kinds are the kinds of controller.Kinds: a kind added there without a health check fails here.
func kinds(t *testing.T) []string {
	t.Helper()
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range controller.Kinds {
		gvk, err := apiutil.GVKForObject(k.Object, scheme)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, gvk.Kind)
	}
	return names
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEveryKindShipsTheSharedHealthCheck: Argo CD wants one check per kind; every kind shares
// the condition contract, so each is a copy of the shared script, in the resource_customizations
// layout, in the kustomize Component and in the argocd-cm patch.
func TestEveryKindShipsTheSharedHealthCheck(t *testing.T) {
	shared := readFile(t, health.SharedScriptPath)
	names := kinds(t)
	if *update {
		writeCopies(t, names, shared)
	}
	for _, kind := range names {
		got, err := health.LoadScript(root, kind)
		if err != nil {
			t.Errorf("%v (go test ./internal/health -run %s -update writes it)", err, t.Name())
			continue
		}
		if got != shared {
			t.Errorf("%s differs from %s (go test ./internal/health -run %s -update copies it)", health.ScriptPath(kind), health.SharedScriptPath, t.Name())
		}
	}

	dirs, err := os.ReadDir(filepath.Join(root, filepath.Dir(filepath.Dir(health.ScriptPath("x")))))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !slices.Contains(names, d.Name()) {
			t.Errorf("%s is a health check for %s, which is not in controller.Kinds", health.ScriptPath(d.Name()), d.Name())
		}
	}

	var patch struct {
		APIVersion string            `json:"apiVersion"`
		Kind       string            `json:"kind"`
		Metadata   map[string]any    `json:"metadata"`
		Data       map[string]string `json:"data"`
	}
	if err := yaml.Unmarshal([]byte(readFile(t, patchPath)), &patch); err != nil {
		t.Fatalf("%s: %v", patchPath, err)
	}
	if patch.APIVersion != "v1" || patch.Kind != "ConfigMap" || patch.Metadata["name"] != "argocd-cm" {
		t.Errorf("%s is not a patch of the ConfigMap argocd-cm", patchPath)
	}
	if len(patch.Data) != len(names) {
		t.Errorf("%s has %d keys, want one per kind (%d)", patchPath, len(patch.Data), len(names))
	}
	for _, kind := range names {
		if patch.Data[health.ConfigMapKey(kind)] != shared {
			t.Errorf("%s: %s is not the shared health check (go test ./internal/health -run %s -update)", patchPath, health.ConfigMapKey(kind), t.Name())
		}
	}

	var component struct {
		Kind               string `json:"kind"`
		ConfigMapGenerator []struct {
			Name     string   `json:"name"`
			Behavior string   `json:"behavior"`
			Files    []string `json:"files"`
		} `json:"configMapGenerator"`
	}
	if err := yaml.Unmarshal([]byte(readFile(t, "config/argocd/kustomization.yaml")), &component); err != nil {
		t.Fatal(err)
	}
	if component.Kind != "Component" || len(component.ConfigMapGenerator) != 1 ||
		component.ConfigMapGenerator[0].Name != "argocd-cm" || component.ConfigMapGenerator[0].Behavior != "merge" {
		t.Fatalf("config/argocd/kustomization.yaml must be a Component merging into argocd-cm: %+v", component)
	}
	for _, kind := range names {
		rel, _ := filepath.Rel("config/argocd", health.ScriptPath(kind))
		if want := health.ConfigMapKey(kind) + "=" + rel; !slices.Contains(component.ConfigMapGenerator[0].Files, want) {
			t.Errorf("config/argocd/kustomization.yaml does not list %s", want)
		}
	}
}

// writeCopies writes the per-kind copies of the shared script and the argocd-cm patch.
func writeCopies(t *testing.T, names []string, shared string) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# Generated from " + health.SharedScriptPath + " by `go test ./internal/health -update`; do not edit.\n")
	b.WriteString("# The operator's Argo CD health checks, one key per kind. Merge them into argocd-cm:\n")
	b.WriteString("#   kubectl -n argocd patch configmap argocd-cm --type merge --patch-file " + patchPath + "\n")
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: argocd\ndata:\n")
	for _, kind := range names {
		path := filepath.Join(root, health.ScriptPath(kind))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(shared), 0o644); err != nil {
			t.Fatal(err)
		}
		b.WriteString("  " + health.ConfigMapKey(kind) + ": |\n")
		for _, line := range strings.SplitAfter(strings.TrimSuffix(shared, "\n"), "\n") {
			if strings.TrimSpace(line) == "" {
				b.WriteString("\n")
				continue
			}
			b.WriteString("    " + line)
		}
		b.WriteString("\n")
	}
	if err := os.WriteFile(filepath.Join(root, patchPath), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTheComponentBuildsIntoArgoCDsConfigMap builds the Component over an argocd-cm as Argo CD's
// install.yaml ships it (no namespace; the kustomization sets it), with the kustomize in kubectl:
// the checks land beside the existing keys.
func TestTheComponentBuildsIntoArgoCDsConfigMap(t *testing.T) {
	kubectl, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl (for its kustomize) is not installed")
	}
	component, err := filepath.Abs(filepath.Join(root, "config", "argocd"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("argocd-cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n"+
		"  labels:\n    app.kubernetes.io/name: argocd-cm\n    app.kubernetes.io/part-of: argocd\ndata:\n  url: https://argocd.example.com\n")
	rel, err := filepath.Rel(dir, component)
	if err != nil {
		t.Fatal(err)
	}
	write("kustomization.yaml", "namespace: argocd\nresources:\n- argocd-cm.yaml\ncomponents:\n- "+rel+"\n")
	out, err := exec.Command(kubectl, "kustomize", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("kubectl kustomize: %v\n%s", err, out)
	}
	var cm struct {
		Metadata struct{ Name, Namespace string } `json:"metadata"`
		Data     map[string]string                `json:"data"`
	}
	if err := yaml.Unmarshal(out, &cm); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if cm.Metadata.Name != "argocd-cm" || cm.Metadata.Namespace != "argocd" || cm.Data["url"] != "https://argocd.example.com" {
		t.Fatalf("the Component must merge into argocd-cm and keep its keys:\n%s", out)
	}
	shared := readFile(t, health.SharedScriptPath)
	for _, kind := range kinds(t) {
		if cm.Data[health.ConfigMapKey(kind)] != shared {
			t.Errorf("built argocd-cm has no health check for %s", kind)
		}
	}
}
