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

package gameservers

import (
	"context"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// find returns the panel server of gs, or nil when there is none yet. Before anything is created
// it looks the server up by its identity — status.id, the panel-id annotation, then the external
// id — so a create whose response was lost is found rather than repeated (and Create adopts
// what the look-up could not see yet: see connection.CreateOnce).
func (e *external) find(ctx context.Context, gs *ptero.GameServer) (*panel.Server, error) {
	return adoption.Find(ctx, gs, adoption.Lookup[panel.Server]{
		Noun: "server", Identity: gs.GetPanelIdentity(),
		Get:    adoption.ByNumber(e.conn.Servers.Read),
		Forget: func() { resetObserved(gs) },
		ByIdentity: func(ctx context.Context) (*panel.Server, error) {
			return connection.FindByExternalID(ctx, e.conn.Servers, e.externalID(gs),
				func(s *panel.Server) string { return s.ExternalID }, e.byExternalID(gs))
		},
	})
}

// byExternalID reads the server holding gs's external id, with the includes observation reads.
func (e *external) byExternalID(gs *ptero.GameServer) func(context.Context) (*panel.Server, error) {
	return func(ctx context.Context) (*panel.Server, error) {
		return e.conn.Client.Servers.GetByExternalID(ctx, e.externalID(gs), connection.ServerIncludes...)
	}
}

// externalID is the server's external id: the spec's, else derived from namespace and name.
func (e *external) externalID(gs *ptero.GameServer) string {
	return e.conn.ExternalID(gs, gs.Spec.ExternalID)
}

// resetObserved forgets a server that no longer exists.
func resetObserved(gs *ptero.GameServer) {
	token := gs.Status.LastReinstallToken
	gs.Status = ptero.GameServerStatus{ManagedStatus: gs.Status.ManagedStatus, LastReinstallToken: token}
	gs.Status.ID = 0
}
