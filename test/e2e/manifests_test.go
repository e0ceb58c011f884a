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
	"errors"
	"io"
	"sort"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
)

// manifests are the objects of a multi-document YAML stream (helm template, kustomize build), keyed
// by "Kind/namespace/name" so two renderings can be compared object by object.
type manifests map[string]*unstructured.Unstructured

// parseManifests decodes a YAML stream; empty documents (a template switched off) are skipped.
func parseManifests(stream string) manifests {
	GinkgoHelper()
	out := manifests{}
	dec := utilyaml.NewYAMLOrJSONDecoder(strings.NewReader(stream), 4096)
	for {
		var obj map[string]any
		err := dec.Decode(&obj)
		if errors.Is(err, io.EOF) {
			return out
		}
		Expect(err).NotTo(HaveOccurred())
		if len(obj) == 0 {
			continue
		}
		u := &unstructured.Unstructured{Object: obj}
		key := manifestKey(u.GetKind(), u.GetNamespace(), u.GetName())
		Expect(out).NotTo(HaveKey(key), "the stream holds %s twice", key)
		out[key] = u
	}
}

func manifestKey(kind, namespace, name string) string {
	return kind + "/" + namespace + "/" + name
}

// get returns the object or fails the spec.
func (m manifests) get(kind, namespace, name string) *unstructured.Unstructured {
	GinkgoHelper()
	obj, ok := m[manifestKey(kind, namespace, name)]
	Expect(ok).To(BeTrue(), "no %s %s/%s among %v", kind, namespace, name, m.keys())
	return obj
}

// ofKind returns the objects of one kind.
func (m manifests) ofKind(kind string) []*unstructured.Unstructured {
	var out []*unstructured.Unstructured
	for _, k := range m.keys() {
		if m[k].GetKind() == kind {
			out = append(out, m[k])
		}
	}
	return out
}

func (m manifests) keys() []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// field reads a nested field of obj, failing the spec when it is absent.
func field(obj *unstructured.Unstructured, path ...string) any {
	GinkgoHelper()
	v, ok, err := unstructured.NestedFieldNoCopy(obj.Object, path...)
	Expect(err).NotTo(HaveOccurred())
	Expect(ok).To(BeTrue(), "%s %s has no %s", obj.GetKind(), obj.GetName(), strings.Join(path, "."))
	return v
}

// managerContainer is the first container of a Deployment's pod template.
func managerContainer(deploy *unstructured.Unstructured) map[string]any {
	GinkgoHelper()
	containers, ok := field(deploy, "spec", "template", "spec", "containers").([]any)
	Expect(ok).To(BeTrue())
	Expect(containers).NotTo(BeEmpty())
	return containers[0].(map[string]any)
}

// stringsOf converts a decoded YAML list of strings.
func stringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, s := range list {
		out = append(out, s.(string))
	}
	return out
}
