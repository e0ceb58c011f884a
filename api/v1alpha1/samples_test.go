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

package v1alpha1_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	jsonpatch "github.com/evanphx/json-patch/v5"
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

var samplesDir = filepath.Join("..", "..", "config", "samples")

// loadSamples reads every manifest of config/samples, in file order.
func loadSamples() []*unstructured.Unstructured {
	files, err := filepath.Glob(filepath.Join(samplesDir, "pterodactyl_*.yaml"))
	Expect(err).NotTo(HaveOccurred())
	Expect(files).NotTo(BeEmpty())

	var objs []*unstructured.Unstructured
	for _, f := range files {
		data, err := os.ReadFile(f)
		Expect(err).NotTo(HaveOccurred())
		decoder := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
		for {
			obj := &unstructured.Unstructured{}
			err := decoder.Decode(&obj.Object)
			if errors.Is(err, io.EOF) {
				break
			}
			Expect(err).NotTo(HaveOccurred(), f)
			if len(obj.Object) > 0 {
				objs = append(objs, obj)
			}
		}
	}
	return objs
}

// sample returns a fresh copy of the sample of the given kind, in namespace ns
// when the kind is namespaced, named name.
func sample(kind, name, ns string) *unstructured.Unstructured {
	for _, obj := range loadSamples() {
		if obj.GetKind() != kind {
			continue
		}
		obj.SetName(name)
		if obj.GetNamespace() == "" && namespacedKinds[kind] {
			obj.SetNamespace(ns)
		}
		return obj
	}
	Fail("no sample of kind " + kind)
	return nil
}

var namespacedKinds = map[string]bool{"PanelUser": true, "GameServer": true, "ServerDatabase": true, "GameServerSet": true, "ServerBackup": true, "ServerSchedule": true, "ServerSubuser": true, "Secret": true, "ConfigMap": true}

// patched applies a JSON merge patch (RFC 7386) to obj: null removes a field.
func patched(obj *unstructured.Unstructured, mergePatch string) *unstructured.Unstructured {
	original, err := json.Marshal(obj.Object)
	Expect(err).NotTo(HaveOccurred())
	merged, err := jsonpatch.MergePatch(original, []byte(mergePatch))
	Expect(err).NotTo(HaveOccurred(), "merge patch %s", mergePatch)
	out := &unstructured.Unstructured{}
	Expect(json.Unmarshal(merged, &out.Object)).To(Succeed())
	return out
}

// createNamespace makes a namespace with a generated name and returns it.
func createNamespace() string {
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{GenerateName: "contract-"}}
	Expect(k8sClient.Create(ctx, ns)).To(Succeed())
	return ns.Name
}

var _ = Describe("config/samples", func() {
	It("are all accepted by the API server, together, as kubectl apply would send them", func() {
		ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "pterodactyl-system"}}
		Expect(client.IgnoreAlreadyExists(k8sClient.Create(ctx, ns))).To(Succeed())
		target := createNamespace()

		kinds := map[string]bool{}
		for _, obj := range loadSamples() {
			if obj.GetNamespace() == "" && namespacedKinds[obj.GetKind()] {
				obj.SetNamespace(target)
			}
			Expect(k8sClient.Create(ctx, obj)).To(Succeed(), "%s %s", obj.GetKind(), obj.GetName())
			kinds[obj.GetKind()] = true
		}
		for _, kind := range []string{"Panel", "PanelLocation", "PanelNode", "PanelUser", "GameServer", "ServerDatabase", "ServerSchedule"} {
			Expect(kinds).To(HaveKey(kind), "config/samples has no %s", kind)
		}
	})

	It("refer to each other consistently", func() {
		byKind := map[string][]*unstructured.Unstructured{}
		for _, obj := range loadSamples() {
			byKind[obj.GetKind()] = append(byKind[obj.GetKind()], obj)
		}
		name := func(obj *unstructured.Unstructured, path ...string) string {
			v, _, _ := unstructured.NestedString(obj.Object, path...)
			return v
		}
		names := func(kind string) []string {
			var out []string
			for _, o := range byKind[kind] {
				out = append(out, o.GetName())
			}
			return out
		}
		node := byKind["PanelNode"][0]
		server := byKind["GameServer"][0]
		Expect(names("PanelLocation")).To(ContainElement(name(node, "spec", "locationRef", "name")))
		Expect(names("PanelNode")).To(ContainElement(name(server, "spec", "allocation", "nodeRef", "name")))
		Expect(names("PanelUser")).To(ContainElement(name(server, "spec", "owner", "userRef", "name")))
		Expect(names("GameServer")).To(ContainElement(name(byKind["ServerDatabase"][0], "spec", "serverRef", "name")))
		Expect(names("GameServer")).To(ContainElement(name(byKind["ServerSubuser"][0], "spec", "serverRef", "name")))
		Expect(names("Panel")).To(ContainElement("default"), "objects without panelRef use the Panel named default")

		// The server's ports are offered by the node it sits on.
		allocations, _, _ := unstructured.NestedSlice(node.Object, "spec", "allocations")
		var offered []string
		for _, a := range allocations {
			for _, p := range a.(map[string]any)["ports"].([]any) {
				offered = append(offered, p.(string))
			}
		}
		port, _, _ := unstructured.NestedInt64(server.Object, "spec", "allocation", "port")
		Expect(strings.Join(offered, ",")).To(ContainSubstring(jsonString(port)))
	})
})

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// expectInvalid asserts that err is the API server's Invalid answer and that its
// message names the field and says what is wrong with it.
func expectInvalid(err error, field, message string) {
	GinkgoHelper()
	Expect(err).To(HaveOccurred(), "the API server accepted it")
	Expect(apierrors.IsInvalid(err)).To(BeTrue(), "expected Invalid, got %v", err)
	Expect(err.Error()).To(ContainSubstring(field))
	Expect(err.Error()).To(ContainSubstring(message))
}
