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

package users

import (
	"context"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// find returns the panel user of pu, or nil when there is none yet. Before anything is created
// it looks the user up by its identity — status.id, the panel-id annotation, then the external
// id — so a create whose response was lost is found rather than repeated.
func (e *external) find(ctx context.Context, pu *ptero.PanelUser) (*panel.User, error) {
	return adoption.Find(ctx, pu, adoption.Lookup[panel.User]{
		Noun: "user", Identity: pu.GetPanelIdentity(),
		Get: adoption.ByNumber(e.conn.Users.Read),
		// Its password too is forgotten, so a recreated user gets it.
		Forget: func() { resetObserved(pu) },
		ByIdentity: func(ctx context.Context) (*panel.User, error) {
			return connection.FindByExternalID(ctx, e.conn.Users, e.externalID(pu),
				func(u *panel.User) string { return u.ExternalID }, e.byExternalID(pu))
		},
	})
}

// byExternalID reads the user holding pu's external id.
func (e *external) byExternalID(pu *ptero.PanelUser) func(context.Context) (*panel.User, error) {
	return func(ctx context.Context) (*panel.User, error) {
		return e.conn.Client.Users.GetByExternalID(ctx, e.externalID(pu))
	}
}

// resetObserved forgets a user that no longer exists.
func resetObserved(pu *ptero.PanelUser) {
	pu.Status = ptero.PanelUserStatus{ManagedStatus: pu.Status.ManagedStatus}
	pu.Status.ID = 0
}
