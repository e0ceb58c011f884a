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

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// repoRoot is where config/ and dist/chart are, seen from this package's directory (go test's cwd).
const repoRoot = "../.."

// TestChartFollowsConfig fails when dist/chart's CRDs or role rules differ from what config/ gives
// today: someone changed a marker, ran controller-gen but not `make manifests` (which regenerates the
// chart too), or edited a generated template by hand.
func TestChartFollowsConfig(t *testing.T) {
	want, err := render(filepath.Join(repoRoot, "config"))
	if err != nil {
		t.Fatal(err)
	}
	chart := filepath.Join(repoRoot, "dist", "chart")
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join(chart, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("dist/chart/%s: %v; run make helm-chart", name, err)
			continue
		}
		if !bytes.Equal(got, content) {
			t.Errorf("dist/chart/%s differs from what config/ generates; run make helm-chart (or make manifests)", name)
		}
	}
	present, err := generatedFiles(chart)
	if err != nil {
		t.Fatal(err)
	}
	for name := range present {
		if _, ok := want[name]; !ok {
			t.Errorf("dist/chart/%s was generated from a file config/ no longer lists; run make helm-chart", name)
		}
	}
	for _, kind := range []string{"panels", "panellocations", "panelnodes", "panelusers", "gameservers", "serverdatabases"} {
		if _, ok := want["templates/crd/pterodactyl.gameops.dev_"+kind+".yaml"]; !ok {
			t.Errorf("no CRD template for %s", kind)
		}
	}
	if _, ok := want["templates/rbac/role.yaml"]; !ok {
		t.Error("no template for the manager ClusterRole (config/rbac/role.yaml)")
	}
}

func TestWrapCRDEscapesTemplateActionsAndKeepsTheBody(t *testing.T) {
	src := `---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  annotations:
    controller-gen.kubebuilder.io/version: v0.23.0
  name: things.example.com
spec:
  versions:
  - schema:
      openAPIV3Schema:
        description: a Go template such as {{ .Name }} stays literal
`
	out, err := wrapCRD("config/crd/bases/things.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{
		"{{- if .Values.crd.enable }}\napiVersion: apiextensions.k8s.io/v1\n",
		"metadata:\n  labels:\n    {{- include \"chart.labels\" . | nindent 4 }}\n  annotations:\n" +
			"    {{- if .Values.crd.keep }}\n    \"helm.sh/resource-policy\": keep\n    {{- end }}\n" +
			"    controller-gen.kubebuilder.io/version: v0.23.0\n  name: things.example.com\n",
		`description: a Go template such as {{ "{{" }} .Name }} stays literal` + "\n{{- end }}\n",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("wrapped CRD lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "\n---\n") {
		t.Errorf("the document separator should be dropped:\n%s", s)
	}
}

func TestWrapRoleSkipsOtherKindsAndRefusesKeysAfterRules(t *testing.T) {
	if _, ok, err := wrapRole("sa.yaml", []byte("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: x\n")); ok || err != nil {
		t.Errorf("a ServiceAccount should be skipped, got ok=%v err=%v", ok, err)
	}
	_, _, err := wrapRole("r.yaml", []byte("kind: ClusterRole\nmetadata:\n  name: r\nrules:\n- verbs: [get]\naggregationRule: {}\n"))
	if err == nil {
		t.Error("a top-level key after rules: should be refused, it would be copied into the rules")
	}
}

func TestWriteDeletesStaleGeneratedFilesOnly(t *testing.T) {
	chart := t.TempDir()
	mustWrite := func(name, content string) {
		t.Helper()
		p := filepath.Join(chart, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite("templates/crd/gone.yaml", generatedMarker+"x; do not edit. */ -}}\n")
	mustWrite("templates/rbac/role_binding.yaml", "hand-written\n")

	if err := write(chart, map[string][]byte{"templates/crd/new.yaml": []byte(generatedMarker + "y */ -}}\n")}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(chart, "templates", "crd", "gone.yaml")); !os.IsNotExist(err) {
		t.Errorf("a generated file config/ no longer produces should be deleted, stat: %v", err)
	}
	for _, keep := range []string{"templates/crd/new.yaml", "templates/rbac/role_binding.yaml"} {
		if _, err := os.Stat(filepath.Join(chart, filepath.FromSlash(keep))); err != nil {
			t.Errorf("%s: %v", keep, err)
		}
	}
}
