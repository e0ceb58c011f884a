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

package controller_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	rbacv1 "k8s.io/api/rbac/v1"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	"sigs.k8s.io/yaml"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller"
)

// root is the repository, from this package's directory.
const root = "../.."

// TestEveryKindIsRegisteredEverywhere fails when a kind of the API is missing from the kind table,
// or a kind in the table is missing from a place a user or the manager needs it: its CRD, the
// manager's RBAC rules, the aggregated admin/editor/viewer roles, a sample and a docs page.
func TestEveryKindIsRegisteredEverywhere(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	table := map[string]controller.Kind{}
	for _, k := range controller.Kinds {
		gvk, err := apiutil.GVKForObject(k.Object, scheme)
		if err != nil {
			t.Fatal(err)
		}
		table[gvk.Kind] = k
	}
	for kind := range scheme.KnownTypes(ptero.GroupVersion) {
		if !strings.HasSuffix(kind, "List") && !isMeta(kind) {
			if _, ok := table[kind]; !ok {
				t.Errorf("kind %s is in the API but not in controller.Kinds", kind)
			}
		}
	}

	managerRules := rules(t, "config/rbac/role.yaml")
	samples := sampleKinds(t)
	for kind, k := range table {
		t.Run(kind, func(t *testing.T) {
			checkCRD(t, kind, k.Resource)
			if _, managed := k.Object.(ptero.ManagedObject); k.InPanel && (!managed || k.Setup == nil) {
				t.Errorf("%s lives in a Panel but has no managed accessors or no Setup", kind)
			}
			for _, want := range []struct{ resource, verbs string }{
				{k.Resource, "get,list,watch,update,patch"},
				{k.Resource + "/status", "get,update,patch"},
				{k.Resource + "/finalizers", "update"},
			} {
				if !grants(managerRules, want.resource, strings.Split(want.verbs, ",")) {
					t.Errorf("config/rbac/role.yaml does not grant %s on %s (a +kubebuilder:rbac marker beside its Setup)", want.verbs, want.resource)
				}
			}
			for _, role := range []string{"admin", "editor", "viewer"} {
				path := "config/rbac/pterodactyl_" + role + "_role.yaml"
				if !grants(rules(t, path), k.Resource, nil) {
					t.Errorf("%s does not name %s", path, k.Resource)
				}
			}
			if !samples[kind] {
				t.Errorf("config/samples has no %s listed in its kustomization.yaml", kind)
			}
			page := filepath.Join("docs", "kinds", strings.ToLower(kind)+".md")
			if _, err := os.Stat(filepath.Join(root, page)); err != nil {
				t.Errorf("%s has no docs page: %v", kind, err)
			}
		})
	}
}

// isMeta reports the kinds every group version registers besides its own (options types).
func isMeta(kind string) bool {
	return strings.HasSuffix(kind, "Options") || kind == "WatchEvent" || kind == "Status" || kind == "APIVersions" ||
		kind == "APIGroup" || kind == "APIGroupList" || kind == "APIResourceList" || kind == "InternalEvent"
}

func checkCRD(t *testing.T, kind, resource string) {
	t.Helper()
	path := "config/crd/bases/" + ptero.GroupVersion.Group + "_" + resource + ".yaml"
	var crd apiextensionsv1.CustomResourceDefinition
	read(t, path, &crd)
	if crd.Spec.Names.Kind != kind || crd.Spec.Names.Plural != resource {
		t.Errorf("%s is for %s/%s, not %s/%s", path, crd.Spec.Names.Kind, crd.Spec.Names.Plural, kind, resource)
	}
	kustomization := readText(t, "config/crd/kustomization.yaml")
	if !strings.Contains(kustomization, filepath.Base(path)) {
		t.Errorf("config/crd/kustomization.yaml does not list %s", filepath.Base(path))
	}
}

// grants reports whether one of rules gives every verb (any verb when verbs is nil) on resource.
func grants(rules []rbacv1.PolicyRule, resource string, verbs []string) bool {
	for _, r := range rules {
		if !slices.Contains(r.APIGroups, ptero.GroupVersion.Group) || !slices.Contains(r.Resources, resource) {
			continue
		}
		if verbs == nil || slices.Contains(r.Verbs, "*") || !slices.ContainsFunc(verbs, func(v string) bool { return !slices.Contains(r.Verbs, v) }) {
			return true
		}
	}
	return false
}

func rules(t *testing.T, path string) []rbacv1.PolicyRule {
	t.Helper()
	var role rbacv1.ClusterRole
	read(t, path, &role)
	return role.Rules
}

// sampleKinds are the kinds of the manifests config/samples/kustomization.yaml lists.
func sampleKinds(t *testing.T) map[string]bool {
	t.Helper()
	var k struct {
		Resources []string `json:"resources"`
	}
	read(t, "config/samples/kustomization.yaml", &k)
	kinds := map[string]bool{}
	for _, file := range k.Resources {
		for _, doc := range strings.Split(readText(t, filepath.Join("config", "samples", file)), "\n---") {
			var obj struct {
				APIVersion string `json:"apiVersion"`
				Kind       string `json:"kind"`
			}
			if err := yaml.Unmarshal([]byte(doc), &obj); err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if obj.APIVersion == ptero.GroupVersion.String() {
				kinds[obj.Kind] = true
			}
		}
	}
	return kinds
}

func read(t *testing.T, path string, into any) {
	t.Helper()
	if err := yaml.Unmarshal([]byte(readText(t, path)), into); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
