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

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/gameops-dev/pterodactyl-operator/internal/health"
)

func gameServer(generation int64) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "pterodactyl.gameops.dev/v1alpha1", "kind": "GameServer",
		"metadata": map[string]any{"name": "survival", "generation": generation},
		"status":   map[string]any{"observedGeneration": int64(2), "conditions": []any{map[string]any{"type": "Ready", "status": "True"}}},
	}}
}

// The evaluator must be as strict as Argo CD, or a script that passes here fails there.
func TestArgoCDEvaluatorIsAsStrictAsArgoCD(t *testing.T) {
	for _, tc := range []struct {
		name, script string
		want         health.ArgoStatus
		err          string
	}{
		{"numbers compare as Argo CD decodes them", `if obj.status.observedGeneration == obj.metadata.generation then return {status = "Healthy"} end return {status = "Progressing"}`, health.Healthy, ""},
		{"no string library in custom checks", `return {status = string.format("%s", "Healthy")}`, "", "string"},
		{"a status Argo CD does not know", `return {status = "Fine"}`, health.Unknown, ""},
		{"no table returned", `return "Healthy"`, "", "table"},
		{"a script that never ends", `while true do end`, "", "context deadline exceeded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := health.ArgoCD(tc.script, gameServer(2))
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("got %+v, %v; want an error about %q", got, err, tc.err)
				}
				return
			}
			if err != nil || got.Status != tc.want {
				t.Fatalf("got %+v, %v; want %s", got, err, tc.want)
			}
		})
	}
}

// gitops-engine decides a deleting object's health before any script runs.
func TestArgoCDShowsADeletingObjectAsProgressing(t *testing.T) {
	o := gameServer(2)
	now := metav1.Now()
	o.SetDeletionTimestamp(&now)
	got, err := health.ArgoCD(`error("must not run")`, o)
	if err != nil || got.Status != health.Progressing {
		t.Fatalf("got %+v, %v; want Progressing", got, err)
	}
}
