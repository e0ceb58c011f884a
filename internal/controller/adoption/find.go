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

// Package adoption finds the panel object a Kubernetes object stands for, the same way for every
// kind: by the id in its status, by the panel-id annotation it adopts, or by what identifies it in
// the panel (an external id, a unique name). Looking up before creating is what keeps a create
// whose response was lost, or a manager killed after a POST, from leaving a duplicate.
package adoption

import (
	"context"
	"strconv"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// Lookup says how to find one kind's panel object.
type Lookup[T any] struct {
	// Noun names the panel object in messages ("location", "server").
	Noun string
	// StatusID is the id recorded in status, 0 before the first create.
	StatusID int
	// Get reads the object by id (with whatever includes the kind observes).
	Get func(ctx context.Context, id int) (*T, error)
	// ByIdentity finds it by what identifies it besides its id; nil, nil when there is none.
	ByIdentity func(ctx context.Context) (*T, error)
	// Forget clears the status of an object that was deleted behind the operator's back, so it
	// is looked up again and then recreated.
	Forget func()
}

// Find returns the panel object of obj, or nil when there is none yet. An adopted object that is
// gone is a terminal failure: recreating it would not bring back what the user adopted, so the
// user decides (removing the annotation lets the operator create a new one).
func Find[T any](ctx context.Context, obj metav1.Object, l Lookup[T]) (*T, error) {
	adoptID, adopting, err := AnnotatedID(obj, l.Noun)
	if err != nil {
		return nil, err
	}
	if l.StatusID != 0 {
		found, err := l.Get(ctx, l.StatusID)
		switch {
		case err == nil:
			return found, nil
		case !panel.IsNotFound(err):
			return nil, err
		case adopting && adoptID == l.StatusID:
			return nil, gone(l.Noun, l.StatusID)
		}
		l.Forget()
	}
	if adopting {
		found, err := l.Get(ctx, adoptID)
		if panel.IsNotFound(err) {
			return nil, gone(l.Noun, adoptID)
		}
		return found, err
	}
	return l.ByIdentity(ctx)
}

// AnnotatedID parses the panel-id annotation; a value that is not a positive number is an
// invalid spec.
func AnnotatedID(obj metav1.Object, noun string) (int, bool, error) {
	v, ok := obj.GetAnnotations()[ptero.AnnotationPanelID]
	if !ok || v == "" {
		return 0, false, nil
	}
	id, err := strconv.Atoi(v)
	if err != nil || id <= 0 {
		return 0, false, managed.Fail(managed.Failure{Reason: ptero.ReasonInvalidSpec, Terminal: true,
			Message: "annotation " + ptero.AnnotationPanelID + " must be a panel " + noun + " id (a positive number), not " + strconv.Quote(v)})
	}
	return id, true, nil
}

func gone(noun string, id int) error {
	return managed.Fail(managed.Failure{Reason: ptero.ReasonNotFoundInPanel, Terminal: true,
		Message: "The " + noun + " " + strconv.Itoa(id) + " adopted through the " + ptero.AnnotationPanelID +
			" annotation no longer exists in the panel; remove the annotation to create a new " + noun + "."})
}
