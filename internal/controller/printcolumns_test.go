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
	"regexp"
	"slices"
	"strings"
	"testing"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller"
)

// contractColumns are the printer columns the API contract fixes for each kind, in order: what
// `kubectl get` shows, and what users' scripts and the e2e suite read. Anything else a kind
// prints is a wide column (priority 1, `kubectl get -o wide` only), after these.
var contractColumns = map[string][]string{
	"Panel":          {"URL", "READY", "AGE"},
	"PanelLocation":  {"ID", "SHORT", "READY", "AGE"},
	"PanelNode":      {"ID", "FQDN", "LOCATION", "MEMORY", "DISK", "ALLOCATIONS", "READY", "AGE"},
	"PanelUser":      {"ID", "USERNAME", "EMAIL", "ADMIN", "READY", "AGE"},
	"GameServer":     {"ID", "IDENTIFIER", "NODE", "ADDRESS", "STATE", "POWER", "READY", "AGE"},
	"ServerDatabase": {"SERVER", "DATABASE", "USERNAME", "READY", "AGE"},
	"GameServerSet":  {"DESIRED", "READY", "RUNNING", "UPDATED", "AGE"},
	"ServerBackup":   {"SERVER", "STATE", "SIZE", "LOCKED", "READY", "AGE"},
	"ServerSchedule": {"SERVER", "CRON", "ENABLED", "NEXT RUN", "READY", "AGE"},
	"ServerSubuser":  {"SERVER", "EMAIL", "READY", "AGE"},
}

// syncedColumn is the wide column every kind that lives in a Panel prints: whether the last
// reconcile reached the panel, beside READY, so `-o wide` tells a refused spec from a slow one.
const syncedColumn = `.status.conditions[?(@.type=="Synced")].status`

// TestPrinterColumns fails when a kind's CRD does not print the contract's columns first and in
// order, prints anything else without priority 1, lacks the SYNCED wide column while living in a
// Panel, or prints a field its schema does not have (a JSONPath to nowhere prints <none> forever).
func TestPrinterColumns(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	for _, k := range controller.Kinds {
		gvk, err := apiutil.GVKForObject(k.Object, scheme)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(gvk.Kind, func(t *testing.T) {
			want, ok := contractColumns[gvk.Kind]
			if !ok {
				t.Fatalf("no contract columns for %s: add the printer columns the API contract fixes to contractColumns", gvk.Kind)
			}
			var crd apiextensionsv1.CustomResourceDefinition
			read(t, "config/crd/bases/"+ptero.GroupVersion.Group+"_"+k.Resource+".yaml", &crd)
			for _, v := range crd.Spec.Versions {
				checkColumns(t, v, want, k.InPanel)
			}
		})
	}
}

func checkColumns(t *testing.T, v apiextensionsv1.CustomResourceDefinitionVersion, want []string, inPanel bool) {
	t.Helper()
	cols := v.AdditionalPrinterColumns
	var names []string
	for _, c := range cols {
		names = append(names, c.Name)
	}
	if len(cols) < len(want) || !slices.Equal(names[:len(want)], want) {
		t.Fatalf("%s: columns are %v; the contract's %v must come first, in that order", v.Name, names, want)
	}
	for _, c := range cols[:len(want)] {
		if c.Priority != 0 {
			t.Errorf("%s: contract column %s has priority %d; it must show in plain kubectl get", v.Name, c.Name, c.Priority)
		}
	}
	synced := false
	for _, c := range cols[len(want):] {
		if c.Priority != 1 {
			t.Errorf("%s: column %s is not in the contract, so it must be wide (priority=1), not priority %d", v.Name, c.Name, c.Priority)
		}
		if slices.Contains(names[:len(want)], c.Name) {
			t.Errorf("%s: wide column %s repeats a contract column's name", v.Name, c.Name)
		}
		synced = synced || (c.Name == "SYNCED" && c.JSONPath == syncedColumn)
	}
	if inPanel && !synced {
		t.Errorf("%s: no wide SYNCED column (%s)", v.Name, syncedColumn)
	}
	for _, c := range cols {
		if err := schemaHas(v.Schema.OpenAPIV3Schema, c.JSONPath); err != "" {
			t.Errorf("%s: column %s (%s): %s", v.Name, c.Name, c.JSONPath, err)
		}
	}
}

// filter matches a JSONPath filter such as [?(@.type=="Ready")]: it selects among a list's items.
var filter = regexp.MustCompile(`\[\?\([^)]*\)\]`)

// schemaHas follows a printer column's JSONPath through the schema and says where it leaves it;
// "" when every step is a property the schema declares. metadata is the API server's, not the
// CRD's, and has no properties in the schema.
func schemaHas(s *apiextensionsv1.JSONSchemaProps, path string) string {
	steps := strings.Split(strings.TrimPrefix(filter.ReplaceAllString(path, "[]"), "."), ".")
	if steps[0] == "metadata" {
		return ""
	}
	at := ""
	for _, step := range steps {
		name, list := strings.CutSuffix(step, "[]")
		next, ok := s.Properties[name]
		if !ok {
			return "the schema has no " + at + "." + name
		}
		at += "." + name
		s = &next
		if list {
			if s.Items == nil || s.Items.Schema == nil {
				return at + " is not a list"
			}
			s = s.Items.Schema
		}
	}
	return ""
}
