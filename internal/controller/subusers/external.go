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

// Package subusers reconciles ServerSubusers: a panel user's access to a game server they do not
// own, with the permissions the spec lists, through the panel's client API.
package subusers

import (
	"context"
	"strings"

	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// needs is how ClientKeyRequired names what asked for the client API.
const needs = "ServerSubusers"

// external is one reconcile's view of one ServerSubuser.
type external struct {
	kube client.Reader
	conn *connection.Conn

	// Observe leaves for Create and Update the server's identifier and the user it resolved.
	server string
	who    user
}

var _ managed.External[*ptero.ServerSubuser] = (*external)(nil)

// Observe implements managed.External.
func (e *external) Observe(ctx context.Context, su *ptero.ServerSubuser) (managed.Observation, error) {
	if err := e.conn.RequireClientKey(needs); err != nil {
		return managed.Observation{}, err
	}
	// Looking for a subuser not made yet, and making it, need the server installed: the panel
	// refuses every subuser route (409) while it installs.
	creating := su.Status.UUID == ""
	gs, err := managed.ReferencedServer(ctx, e.kube, serverKey(su), creating)
	if err != nil {
		return managed.Observation{}, err
	}
	e.server = gs.Status.Identifier
	if e.who, err = e.wantedUser(ctx, su, creating); err != nil {
		return managed.Observation{}, err
	}

	s, err := e.find(ctx, su, e.server, e.who)
	if err != nil || s == nil {
		return managed.Observation{Exists: s != nil}, err
	}
	if creating {
		// Found by the annotation or among the server's subusers, not made by us: it must be
		// the spec's user. Later, the subuser follows the user's UUID, whatever their email
		// becomes in the panel.
		if err := checkAdopted(s, e.who); err != nil {
			return managed.Observation{}, err
		}
	}
	setObserved(su, s)
	return managed.Observation{Exists: true, UpToDate: permissionsInLine(su.Spec.Permissions, s.Permissions)}, nil
}

// Create implements managed.External.
func (e *external) Create(ctx context.Context, su *ptero.ServerSubuser) error {
	created, err := e.conn.Client.ClientAPI.CreateSubuser(ctx, e.server, e.who.email, requestedPermissions(su.Spec.Permissions))
	switch {
	case panel.IsSubuserOwner(err):
		return managed.InvalidSpec(e.who.field, "%s owns GameServer %q, and the panel cannot make a server's owner its subuser (owners have every permission already): name another user, or delete this ServerSubuser",
			e.who.name, su.Spec.ServerRef.Name)
	case panel.IsSubuserExists(err):
		// Made since the look before the create (another writer, or a retried request): take
		// it rather than fail; the next look diffs its permissions.
		found, lookErr := e.lookUp(ctx, e.server, e.who)
		if lookErr != nil || found == nil {
			return err
		}
		setObserved(su, found)
		return nil
	case err != nil:
		return err
	}
	setObserved(su, created)
	return checkStored(su, created)
}

// Update implements managed.External: the permissions are the only thing to change.
func (e *external) Update(ctx context.Context, su *ptero.ServerSubuser) error {
	updated, err := e.conn.Client.ClientAPI.UpdateSubuserPermissions(ctx, e.server, su.Status.UUID, requestedPermissions(su.Spec.Permissions))
	if err != nil {
		return err
	}
	setObserved(su, updated)
	return checkStored(su, updated)
}

// Delete implements managed.External: the user loses access to the server; the user stays.
func (e *external) Delete(ctx context.Context, su *ptero.ServerSubuser) error {
	if err := e.conn.RequireClientKey(needs); err != nil {
		return err
	}
	// No GameServer, no server to reach the subuser through: a server deleted with its
	// GameServer took its subusers along.
	server, err := managed.IdentifierToDeleteThrough(ctx, e.kube, serverKey(su))
	if err != nil || server == "" {
		return err
	}
	// Gone already, or its server is: either way there is nothing left to remove.
	return connection.Deleted(e.conn.Client.ClientAPI.DeleteSubuser(ctx, server, su.Status.UUID), "")
}

// checkStored reports the spec's permissions the panel did not store: it drops keys it does not
// know without an error, and asking again would get the same answer, so this waits for the spec.
func checkStored(su *ptero.ServerSubuser, s *panel.ClientSubuser) error {
	if dropped := droppedPermissions(su.Spec.Permissions, s.Permissions); len(dropped) > 0 {
		return managed.InvalidSpec("permissions", "the panel does not know %s and dropped it: remove it from the spec (the panel's keys: GET /api/client/permissions)",
			strings.Join(dropped, ", "))
	}
	return nil
}

func serverKey(su *ptero.ServerSubuser) types.NamespacedName {
	return types.NamespacedName{Namespace: su.Namespace, Name: su.Spec.ServerRef.Name}
}
