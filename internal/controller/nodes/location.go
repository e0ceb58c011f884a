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

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/types"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// resolvedLocation is the panel location a node belongs to.
type resolvedLocation struct {
	id    int
	short string // "" when given by locationId
}

// location resolves spec.locationRef through the PanelLocation's status.id, once it is Ready,
// or takes spec.locationId as is. Until then the node waits (ReferenceNotReady); the watch on
// PanelLocations re-queues it.
func (e *external) location(ctx context.Context, pn *ptero.PanelNode) (resolvedLocation, error) {
	if id := pn.Spec.LocationID; id != nil {
		return resolvedLocation{id: int(*id)}, nil
	}
	ref := pn.Spec.LocationRef
	if ref == nil {
		return resolvedLocation{}, managed.InvalidSpec("locationRef", "set one of locationRef or locationId")
	}
	pl := &ptero.PanelLocation{}
	if err := e.kube.Get(ctx, types.NamespacedName{Name: ref.Name}, pl); err != nil {
		if apierrors.IsNotFound(err) {
			return resolvedLocation{}, managed.NotReady("PanelLocation", ref.Name, "it does not exist: create it, or fix spec.locationRef")
		}
		return resolvedLocation{}, err
	}
	if pl.Spec.GetPanelName() != pn.Spec.GetPanelName() {
		return resolvedLocation{}, managed.InvalidSpec("locationRef", "PanelLocation %s belongs to Panel %s, not %s: refer to a location of the node's Panel",
			ref.Name, pl.Spec.GetPanelName(), pn.Spec.GetPanelName())
	}
	if pl.Status.ID == 0 || !meta.IsStatusConditionTrue(pl.Status.Conditions, ptero.ConditionReady) {
		return resolvedLocation{}, managed.NotReady("PanelLocation", ref.Name, "it is not Ready yet; if that lasts, kubectl describe panellocation "+ref.Name+" says why")
	}
	return resolvedLocation{id: int(pl.Status.ID), short: pl.Spec.Short}, nil
}
