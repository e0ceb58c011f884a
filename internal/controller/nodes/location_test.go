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

package nodes

import (
	"context"
	"errors"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/utils/ptr"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

func TestLocationResolution(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	loc := func(name string, id int64, ready bool, panelName string) *ptero.PanelLocation {
		l := &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: ptero.PanelLocationSpec{Short: name + "-short"}}
		l.Spec.PanelRef.Name = panelName
		l.Status.ID = id
		status := metav1.ConditionFalse
		if ready {
			status = metav1.ConditionTrue
		}
		l.Status.Conditions = []metav1.Condition{{Type: ptero.ConditionReady, Status: status, Reason: "Test", LastTransitionTime: metav1.Now()}}
		return l
	}
	kube := fake.NewClientBuilder().WithScheme(scheme).WithObjects(
		loc("ready", 3, true, ""), loc("creating", 0, false, ""), loc("failing", 4, false, ""), loc("elsewhere", 5, true, "other"),
	).Build()
	e := &external{kube: kube}

	for _, tc := range []struct {
		name      string
		mutate    func(*ptero.PanelNode)
		wantID    int
		wantShort string
		notReady  bool
		invalid   string
	}{
		{name: "ready location", mutate: func(pn *ptero.PanelNode) { pn.Spec.LocationRef = &ptero.LocalObjectReference{Name: "ready"} }, wantID: 3, wantShort: "ready-short"},
		{name: "location id", mutate: func(pn *ptero.PanelNode) { pn.Spec.LocationID = ptr.To(int64(9)) }, wantID: 9},
		{name: "missing", mutate: func(pn *ptero.PanelNode) { pn.Spec.LocationRef = &ptero.LocalObjectReference{Name: "missing"} }, notReady: true},
		{name: "no id yet", mutate: func(pn *ptero.PanelNode) { pn.Spec.LocationRef = &ptero.LocalObjectReference{Name: "creating"} }, notReady: true},
		{name: "not ready", mutate: func(pn *ptero.PanelNode) { pn.Spec.LocationRef = &ptero.LocalObjectReference{Name: "failing"} }, notReady: true},
		{name: "another panel", mutate: func(pn *ptero.PanelNode) { pn.Spec.LocationRef = &ptero.LocalObjectReference{Name: "elsewhere"} }, invalid: "belongs to Panel other"},
		{name: "neither", mutate: func(*ptero.PanelNode) {}, invalid: "locationRef"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pn := node(tc.mutate)
			got, err := e.location(context.Background(), pn)
			var nr *managed.ReferenceNotReadyError
			var inv *managed.InvalidSpecError
			switch {
			case tc.notReady:
				if !errors.As(err, &nr) {
					t.Fatalf("err = %v; want ReferenceNotReady", err)
				}
			case tc.invalid != "":
				if !errors.As(err, &inv) || !strings.Contains(err.Error(), tc.invalid) {
					t.Fatalf("err = %v; want InvalidSpec with %q", err, tc.invalid)
				}
			case err != nil:
				t.Fatal(err)
			case got.id != tc.wantID || got.short != tc.wantShort:
				t.Fatalf("location = %+v, want id %d short %q", got, tc.wantID, tc.wantShort)
			}
		})
	}
}
