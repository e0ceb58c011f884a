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
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
)

// minDescriptionWords is how many words a description needs besides the field's own name: "uuid
// of the node" says something, "diskBytes in use." does not say enough for kubectl explain.
const minDescriptionWords = 3

// word is what counts as a word of a description.
var word = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}%./_'-]*`)

// TestEveryFieldIsExplained fails on a field of a spec or status, at any depth, that kubectl
// explain would show without a description, or with one that only repeats its name.
// controller-gen writes the field's Go doc comment into the CRD, so the fix is a comment on the
// field that says what it does, its unit and its default. metadata, apiVersion and kind are the
// API server's; standard types (conditions, label selectors) bring their own descriptions.
func TestEveryFieldIsExplained(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root, "config", "crd", "bases", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no CRDs in config/crd/bases: %v", err)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		var crd apiextensionsv1.CustomResourceDefinition
		read(t, rel, &crd)
		t.Run(crd.Spec.Names.Kind, func(t *testing.T) {
			for _, v := range crd.Spec.Versions {
				props := v.Schema.OpenAPIV3Schema.Properties
				var missing []string
				for _, top := range []string{"spec", "status"} {
					if s, ok := props[top]; ok {
						missing = append(missing, unexplained(top, top, s)...)
					}
				}
				sort.Strings(missing)
				for _, m := range missing {
					t.Errorf("%s %s: %s", v.Name, crd.Spec.Names.Kind, m)
				}
			}
		})
	}
}

// unexplained lists the fields at or below path (named name) whose description is missing or
// says too little.
func unexplained(path, name string, s apiextensionsv1.JSONSchemaProps) []string {
	var out []string
	if d := strings.TrimSpace(s.Description); d == "" {
		out = append(out, path+" has no description: write a doc comment on its Go field")
	} else if n := wordsBesides(d, name); n < minDescriptionWords {
		out = append(out, path+" is described only as "+quote(d)+": say what it does, its unit and default")
	}
	for child, cs := range s.Properties {
		out = append(out, unexplained(path+"."+child, child, cs)...)
	}
	if s.Items != nil && s.Items.Schema != nil {
		// A list's items are explained by the list's field; their own fields are not.
		for child, cs := range s.Items.Schema.Properties {
			out = append(out, unexplained(path+"[]."+child, child, cs)...)
		}
	}
	return out
}

// wordsBesides counts the words of d that are not the field's name.
func wordsBesides(d, name string) int {
	n := 0
	for _, w := range word.FindAllString(d, -1) {
		if !strings.EqualFold(strings.TrimRight(w, ".:"), name) {
			n++
		}
	}
	return n
}

func quote(s string) string { return `"` + s + `"` }
