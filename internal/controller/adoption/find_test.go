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

package adoption

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

type thing struct{ ID int }

// fakePanel holds things by id and records what Find asked.
type fakePanel struct {
	things     map[int]*thing
	byIdentity *thing
	getErr     error
	forgotten  bool
	lookedUp   bool
}

func (f *fakePanel) lookup(statusID int) Lookup[thing] {
	return Lookup[thing]{
		Noun: "thing", Identity: ptero.PanelIdentity{ID: int64(statusID)},
		Get: ByNumber(func(_ context.Context, id int) (*thing, error) {
			if f.getErr != nil {
				return nil, f.getErr
			}
			if t, ok := f.things[id]; ok {
				return t, nil
			}
			return nil, &panel.APIError{StatusCode: http.StatusNotFound}
		}),
		ByIdentity: func(context.Context) (*thing, error) { f.lookedUp = true; return f.byIdentity, nil },
		Forget:     func() { f.forgotten = true },
	}
}

func withAnnotation(v string) metav1.Object {
	o := &metav1.ObjectMeta{}
	if v != "" {
		o.Annotations = map[string]string{ptero.AnnotationPanelID: v}
	}
	return o
}

func reason(err error) string {
	var f *managed.FailureError
	if errors.As(err, &f) {
		return f.Failure.Reason
	}
	return ""
}

func TestFind(t *testing.T) {
	ctx := context.Background()
	t.Run("the id in status wins", func(t *testing.T) {
		f := &fakePanel{things: map[int]*thing{3: {ID: 3}}, byIdentity: &thing{ID: 9}}
		got, err := Find(ctx, withAnnotation(""), f.lookup(3))
		if err != nil || got.ID != 3 || f.lookedUp {
			t.Fatalf("got %v, %v (looked up by identity: %v)", got, err, f.lookedUp)
		}
	})
	t.Run("deleted behind our back: forgotten, then found by identity", func(t *testing.T) {
		f := &fakePanel{things: map[int]*thing{}, byIdentity: nil}
		got, err := Find(ctx, withAnnotation(""), f.lookup(3))
		if err != nil || got != nil || !f.forgotten || !f.lookedUp {
			t.Fatalf("got %v, %v; forgotten %v, looked up %v", got, err, f.forgotten, f.lookedUp)
		}
	})
	t.Run("a create whose response was lost is found by identity", func(t *testing.T) {
		f := &fakePanel{byIdentity: &thing{ID: 7}}
		got, err := Find(ctx, withAnnotation(""), f.lookup(0))
		if err != nil || got.ID != 7 {
			t.Fatalf("got %v, %v", got, err)
		}
	})
	t.Run("the annotation adopts", func(t *testing.T) {
		f := &fakePanel{things: map[int]*thing{5: {ID: 5}}, byIdentity: &thing{ID: 7}}
		got, err := Find(ctx, withAnnotation("5"), f.lookup(0))
		if err != nil || got.ID != 5 || f.lookedUp {
			t.Fatalf("got %v, %v", got, err)
		}
	})
	t.Run("an adopted object that is gone is reported, not recreated", func(t *testing.T) {
		for _, statusID := range []int{0, 5} {
			f := &fakePanel{things: map[int]*thing{}, byIdentity: &thing{ID: 7}}
			got, err := Find(ctx, withAnnotation("5"), f.lookup(statusID))
			if got != nil || reason(err) != ptero.ReasonNotFoundInPanel || f.lookedUp {
				t.Fatalf("status id %d: got %v, %v", statusID, got, err)
			}
		}
	})
	t.Run("a bad annotation is an invalid spec naming the annotation", func(t *testing.T) {
		f := &fakePanel{}
		_, err := Find(ctx, withAnnotation("abc"), f.lookup(0))
		if reason(err) != ptero.ReasonInvalidSpec || err.Error() == "" {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("other panel errors are returned as they are", func(t *testing.T) {
		boom := &panel.APIError{StatusCode: http.StatusBadGateway}
		f := &fakePanel{getErr: boom}
		_, err := Find(ctx, withAnnotation(""), f.lookup(3))
		if !errors.Is(err, boom) || f.forgotten {
			t.Fatalf("err = %v, forgotten %v", err, f.forgotten)
		}
	})
}

// A Client API object (a backup, a subuser) is identified by UUID within its server.
func TestFindByUUID(t *testing.T) {
	ctx := context.Background()
	const backup = "9f0c5d3e-8d1b-4b52-a2a5-6f7f2c3a1b4d"
	var asked ptero.PanelIdentity
	lookup := func(status ptero.PanelIdentity) Lookup[thing] {
		return Lookup[thing]{
			Noun: "backup", Identity: status, ByUUID: true,
			Get: func(_ context.Context, id ptero.PanelIdentity) (*thing, error) {
				asked = id
				if id.UUID == backup {
					return &thing{ID: 1}, nil
				}
				return nil, &panel.APIError{StatusCode: http.StatusNotFound}
			},
			ByIdentity: func(context.Context) (*thing, error) { return nil, nil },
			Forget:     func() {},
		}
	}
	t.Run("the annotation adopts by UUID", func(t *testing.T) {
		got, err := Find(ctx, withAnnotation(backup), lookup(ptero.PanelIdentity{}))
		if err != nil || got == nil || asked.UUID != backup {
			t.Fatalf("got %v, %v (asked for %+v)", got, err, asked)
		}
	})
	t.Run("the status identity keeps its server", func(t *testing.T) {
		status := ptero.PanelIdentity{UUID: backup, Server: "78165af0"}
		if _, err := Find(ctx, withAnnotation(""), lookup(status)); err != nil || asked != status {
			t.Fatalf("err %v, asked for %+v", err, asked)
		}
	})
	t.Run("an adopted backup that is gone names its UUID", func(t *testing.T) {
		const other = "00000000-0000-4000-8000-000000000000"
		_, err := Find(ctx, withAnnotation(other), lookup(ptero.PanelIdentity{UUID: other, Server: "78165af0"}))
		if reason(err) != ptero.ReasonNotFoundInPanel || !strings.Contains(err.Error(), other) {
			t.Fatalf("err = %v", err)
		}
	})
	for _, tc := range []struct {
		value  string
		byUUID bool
	}{{"12", true}, {backup, false}, {"not-a-uuid", true}, {"-3", false}} {
		t.Run("annotation "+tc.value+" on the wrong kind is refused", func(t *testing.T) {
			l := lookup(ptero.PanelIdentity{})
			l.ByUUID = tc.byUUID
			_, err := Find(ctx, withAnnotation(tc.value), l)
			if reason(err) != ptero.ReasonInvalidSpec || !strings.Contains(err.Error(), ptero.AnnotationPanelID) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}
