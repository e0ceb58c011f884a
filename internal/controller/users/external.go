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

// Package users reconciles PanelUsers: panel users identified by their external id, kept in line
// with the spec, with their password pushed from a Secret on create and whenever it changes.
package users

import (
	"context"

	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// external is one reconcile's view of one PanelUser's panel user. Observe keeps what it read, so
// Update sends a complete user (the panel's PATCH replaces) without reading again.
type external struct {
	kube client.Reader
	conn *connection.Conn

	user     *panel.User
	password *secretPassword
}

var _ managed.External[*ptero.PanelUser] = (*external)(nil)

// Observe implements managed.External.
func (e *external) Observe(ctx context.Context, pu *ptero.PanelUser) (managed.Observation, error) {
	pw, err := e.readPassword(ctx, pu)
	if err != nil {
		return managed.Observation{}, err
	}
	u, err := e.find(ctx, pu)
	if err != nil || u == nil {
		return managed.Observation{}, err
	}
	setObserved(pu, u)
	if pw == nil {
		pu.Status.PasswordHash = "" // no longer managed; a Secret named again is pushed again
	}
	e.user, e.password = u, pw
	upToDate := userUpToDate(desired(pu, e.externalID(pu)), u) && !passwordChanged(pu, pw)
	return managed.Observation{Exists: true, UpToDate: upToDate}, nil
}

// Create implements managed.External.
func (e *external) Create(ctx context.Context, pu *ptero.PanelUser) error {
	pw, err := e.readPassword(ctx, pu)
	if err != nil {
		return err
	}
	req := createRequest(desired(pu, e.externalID(pu)))
	if pw != nil {
		req.Password = pw.value
	}
	u, adopted, err := connection.CreateOnce(ctx, func(ctx context.Context) (*panel.User, error) {
		return e.conn.Client.Users.Create(ctx, req)
	}, e.byExternalID(pu))
	if err != nil {
		return err
	}
	e.conn.Users.Wrote(u)
	setObserved(pu, u)
	// A user adopted this way may have another password: the next update sets the Secret's.
	if pw != nil && !adopted {
		pu.Status.PasswordHash = pw.hash
	}
	return nil
}

// Update implements managed.External: the complete user as the panel has it, with the spec's
// fields on top, and the password only when the Secret's value changed.
func (e *external) Update(ctx context.Context, pu *ptero.PanelUser) error {
	req := updateRequest(e.user, desired(pu, e.externalID(pu)))
	pw := e.password
	if passwordChanged(pu, pw) {
		req.Password = &pw.value
	}
	u, err := e.conn.Client.Users.Update(ctx, e.user.ID, req)
	e.conn.Users.Answered(e.user.ID, u, err)
	if err != nil {
		return err
	}
	setObserved(pu, u)
	if pw != nil {
		pu.Status.PasswordHash = pw.hash
	}
	return nil
}

// Delete implements managed.External.
func (e *external) Delete(ctx context.Context, pu *ptero.PanelUser) error {
	defer e.conn.Users.Forget(int(pu.Status.ID))
	return connection.Deleted(e.conn.Client.Users.Delete(ctx, int(pu.Status.ID)),
		"The panel keeps user "+pu.Spec.Username+" while they own servers: delete the GameServers they own or give them another owner first")
}

// externalID is the user's external id: the spec's, else derived from namespace and name.
func (e *external) externalID(pu *ptero.PanelUser) string {
	return e.conn.ExternalID(pu, pu.Spec.ExternalID)
}

// setObserved records what the panel says of the user.
func setObserved(pu *ptero.PanelUser, u *panel.User) {
	pu.Status.ID = int64(u.ID)
	pu.Status.UUID = u.UUID
	pu.Status.ExternalID = u.ExternalID
}
