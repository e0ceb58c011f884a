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
	// Identity is the identity recorded in status, zero before the first create.
	Identity ptero.PanelIdentity
	// ByUUID says the panel identifies this kind by UUID, not by number (Client API objects), so
	// the panel-id annotation holds a UUID.
	ByUUID bool
	// Get reads the object by its identity (with whatever includes the kind observes).
	Get func(ctx context.Context, id ptero.PanelIdentity) (*T, error)
	// ByIdentity finds it by what identifies it besides its id; nil, nil when there is none.
	ByIdentity func(ctx context.Context) (*T, error)
	// Forget clears the status of an object that was deleted behind the operator's back, so it
	// is looked up again and then recreated.
	Forget func()
}

// ByNumber adapts a get-by-id of an Application API kind to Lookup.Get.
func ByNumber[T any](get func(ctx context.Context, id int) (*T, error)) func(context.Context, ptero.PanelIdentity) (*T, error) {
	return func(ctx context.Context, id ptero.PanelIdentity) (*T, error) { return get(ctx, int(id.ID)) }
}

// Find returns the panel object of obj, or nil when there is none yet. An adopted object that is
// gone is a terminal failure: recreating it would not bring back what the user adopted, so the
// user decides (removing the annotation lets the operator create a new one).
func Find[T any](ctx context.Context, obj metav1.Object, l Lookup[T]) (*T, error) {
	adopt, adopting, err := Annotated(obj, l.Noun, l.ByUUID)
	if err != nil {
		return nil, err
	}
	if !l.Identity.IsZero() {
		found, err := l.Get(ctx, l.Identity)
		switch {
		case err == nil:
			return found, nil
		case !panel.IsNotFound(err):
			return nil, err
		case adopting && adopt == withoutServer(l.Identity):
			return nil, gone(l.Noun, adopt)
		}
		l.Forget()
	}
	if adopting {
		found, err := l.Get(ctx, adopt)
		if panel.IsNotFound(err) {
			return nil, gone(l.Noun, adopt)
		}
		return found, err
	}
	return l.ByIdentity(ctx)
}

// withoutServer is an identity as the annotation gives it: the server a Client API object
// belongs to comes from its serverRef, not from the annotation.
func withoutServer(id ptero.PanelIdentity) ptero.PanelIdentity {
	id.Server = ""
	return id
}

// Annotated parses the panel-id annotation: a positive number, or a UUID for the kinds the panel
// identifies by UUID. Any other value is an invalid spec.
func Annotated(obj metav1.Object, noun string, byUUID bool) (ptero.PanelIdentity, bool, error) {
	v, ok := obj.GetAnnotations()[ptero.AnnotationPanelID]
	if !ok || v == "" {
		return ptero.PanelIdentity{}, false, nil
	}
	id, valid := ptero.ParsePanelID(v)
	if !valid || byUUID == (id.UUID == "") {
		want := "id (a positive number)"
		if byUUID {
			want = "UUID"
		}
		return ptero.PanelIdentity{}, false, managed.Fail(managed.Failure{Reason: ptero.ReasonInvalidSpec, Terminal: true,
			Message: "annotation " + ptero.AnnotationPanelID + " must be a panel " + noun + " " + want + ", not " + strconv.Quote(v) +
				": fix it, or remove it to create a new " + noun})
	}
	return id, true, nil
}

func gone(noun string, id ptero.PanelIdentity) error {
	return managed.Fail(managed.Failure{Reason: ptero.ReasonNotFoundInPanel, Terminal: true,
		Message: "The " + noun + " " + id.String() + " adopted through the " + ptero.AnnotationPanelID +
			" annotation no longer exists in the panel; remove the annotation to create a new " + noun + "."})
}
