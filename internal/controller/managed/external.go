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

// Package managed is the reconcile machinery every panel-backed kind shares, after Crossplane's
// managed reconciler: a kind supplies only how to observe, create, update and delete its panel
// object; finalizers, the deletion policy, the paused annotation, conditions, events, requeues and
// the classification of panel errors are done here once.
package managed

import (
	"context"
	"time"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// Object is a panel-backed Kubernetes object, defined beside its accessors in the API package.
type Object = ptero.ManagedObject

// Observation is what Observe learned about the panel object.
type Observation struct {
	// Exists is false when there is no panel object for this Kubernetes object yet
	// (or any more). Observe sets status.id when it finds or adopts one.
	Exists bool
	// UpToDate is true when every field the spec sets matches the panel.
	UpToDate bool
	// NotReadyReason, when set, keeps Ready False although the object exists and is up to date
	// (a server still installing); NotReadyMessage says why.
	NotReadyReason  string
	NotReadyMessage string
	// Stalled says that the not-ready state waits for a person (an install that failed): the
	// object gets the Stalled condition with NotReadyReason.
	Stalled bool
	// PollAfter asks for an earlier look than the panel's sync interval, for states that
	// change on the panel's side without any event (installing).
	PollAfter time.Duration
}

// External operates on the panel object behind one Kubernetes object. Implementations read and
// write the object's status (ids, observed panel values); the reconciler persists it.
type External[O Object] interface {
	// Observe reads the panel object. With no status.id yet, it looks the object up by its
	// identity (panel-id annotation, external id, unique name) first, so that a create whose
	// response was lost is found rather than repeated.
	Observe(ctx context.Context, o O) (Observation, error)
	// Create makes the panel object and records its id in status.
	Create(ctx context.Context, o O) error
	// Update makes the panel object match the spec. It is called only after Observe said
	// the object exists and is not up to date.
	Update(ctx context.Context, o O) error
	// Delete removes the panel object; a panel object that is already gone is not an error.
	Delete(ctx context.Context, o O) error
}

// Connection is what a kind needs to talk to the panel an object lives in.
type Connection interface {
	// SyncInterval is how often an object in sync is looked at again to revert drift.
	SyncInterval() time.Duration
	// ReconcileTimeout bounds the panel calls of one reconcile.
	ReconcileTimeout() time.Duration
}

// Connector opens the panel connection for an object and builds its External.
type Connector[O Object] interface {
	Connect(ctx context.Context, o O) (External[O], Connection, error)
}
