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

package connection

import (
	"context"
	"strings"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/snapshot"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// Servers and users carry an external id the panel keeps unique: it refuses a second object
// with one already taken (422, rule unique on external_id), in one transaction with the insert.
// That refusal is what keeps a create from being repeated, more surely than a look-up before it
// (which a create elsewhere can still race). With the snapshot, the look-up before a create is
// therefore the copy, which costs nothing, and the panel's refusal covers what the copy has not
// seen yet; per object, it stays one GET, as it always was.

// FindByExternalID looks up, before a create, the object holding externalID: in the copy of coll
// when there is one (the panel compares external ids without regard to case, and so does this),
// else with get, a GET that answers 404 when there is none.
func FindByExternalID[T any](ctx context.Context, coll *snapshot.Collection[T], externalID string,
	idOf func(*T) string, get func(context.Context) (*T, error)) (*T, error) {
	found, searched, err := coll.Find(ctx, func(o *T) bool { return strings.EqualFold(idOf(o), externalID) })
	if searched || err != nil {
		return found, err
	}
	found, err = get(ctx)
	if panel.IsNotFound(err) {
		return nil, nil
	}
	return found, err
}

// CreateOnce creates an object with an external id, or, when the panel answers that the id is
// taken, reads the object that holds it: a create of ours whose answer was lost, or an object
// made in the panel with this id. adopted says it was the second.
func CreateOnce[T any](ctx context.Context, create, byExternalID func(context.Context) (*T, error)) (obj *T, adopted bool, err error) {
	obj, err = create(ctx)
	if !panel.IsTaken(err, "external_id") {
		return obj, false, err
	}
	obj, err = byExternalID(ctx)
	return obj, err == nil, err
}
