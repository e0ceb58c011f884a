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
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"
)

// example is a manifest a user copies, with what it must hold to be applied as it is.
type example struct {
	apiVersion, kind string
	// required are field paths (dot-separated) that must be set.
	required []string
}

var examples = map[string][]example{
	"docs/examples/argocd-application.yaml": {{
		apiVersion: "argoproj.io/v1alpha1", kind: "Application",
		required: []string{"metadata.name", "metadata.namespace", "spec.project", "spec.source.repoURL",
			"spec.source.targetRevision", "spec.source.path", "spec.destination.server", "spec.syncPolicy.automated.prune"},
	}},
	"docs/examples/flux-kustomization.yaml": {
		{apiVersion: "source.toolkit.fluxcd.io/v1", kind: "GitRepository",
			required: []string{"metadata.name", "metadata.namespace", "spec.interval", "spec.url", "spec.ref.branch"}},
		// prune, interval and sourceRef are required by the Kustomization API itself.
		{apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization",
			required: []string{"metadata.name", "metadata.namespace", "spec.interval", "spec.prune", "spec.sourceRef.kind",
				"spec.sourceRef.name", "spec.path", "spec.wait", "spec.timeout"}},
	},
}

// TestGitOpsExamplesAreValidManifests decodes the Argo CD Application and the Flux objects that
// docs/gitops.md shows (from the files, which the page must quote verbatim) and checks their
// apiVersion, kind and required fields, and that the Kustomization's source is the GitRepository
// beside it.
func TestGitOpsExamplesAreValidManifests(t *testing.T) {
	page := readFile(t, "docs/gitops.md")
	for path, want := range examples {
		t.Run(path, func(t *testing.T) {
			text := readFile(t, path)
			if !strings.Contains(page, "```yaml\n"+text+"```") {
				t.Errorf("docs/gitops.md does not quote %s verbatim in a yaml block", path)
			}
			docs := strings.Split(text, "\n---\n")
			if len(docs) != len(want) {
				t.Fatalf("%d documents, want %d", len(docs), len(want))
			}
			var objs []*unstructured.Unstructured
			for i, doc := range docs {
				o := &unstructured.Unstructured{}
				if err := yaml.Unmarshal([]byte(doc), &o.Object); err != nil {
					t.Fatalf("document %d: %v", i, err)
				}
				if o.GetAPIVersion() != want[i].apiVersion || o.GetKind() != want[i].kind {
					t.Errorf("document %d is %s %s, want %s %s", i, o.GetAPIVersion(), o.GetKind(), want[i].apiVersion, want[i].kind)
				}
				for _, field := range want[i].required {
					v, found, err := unstructured.NestedFieldNoCopy(o.Object, strings.Split(field, ".")...)
					if err != nil || !found || v == nil || v == "" {
						t.Errorf("%s %s: %s is not set", o.GetKind(), o.GetName(), field)
					}
				}
				objs = append(objs, o)
			}
			if len(objs) == 2 && objs[1].GetKind() == "Kustomization" {
				ref, _, _ := unstructured.NestedStringMap(objs[1].Object, "spec", "sourceRef")
				if ref["kind"] != objs[0].GetKind() || ref["name"] != objs[0].GetName() {
					t.Errorf("the Kustomization's sourceRef %v is not the GitRepository %s", ref, objs[0].GetName())
				}
			}
		})
	}
}
