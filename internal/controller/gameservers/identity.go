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
	"strconv"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// observeIncludes are read with every look at a server: its allocations and variables to diff
// ports and environment, its node for status.node, its owner to match owner.email without a
// lookup. One request per server per sync interval covers all of it.
var observeIncludes = []string{"allocations", "variables", "node", "user"}

// find returns the panel server of gs, or nil when there is none yet. Before anything is created
// it looks the server up by its identity — status.id, the panel-id annotation, then the external
// id — so a create whose response was lost is found rather than repeated.
func (e *external) find(ctx context.Context, gs *ptero.GameServer) (*panel.Server, error) {
	servers := e.conn.Client.Servers
	adoptID, adopting, err := annotatedID(gs)
	if err != nil {
		return nil, err
	}

	if id := int(gs.Status.ID); id != 0 {
		s, err := servers.Get(ctx, id, observeIncludes...)
		switch {
		case err == nil:
			return s, nil
		case !panel.IsNotFound(err):
			return nil, err
		case adopting && adoptID == id:
			return nil, notFoundInPanel(id)
		}
		// Deleted behind our back: forget it and look again by external id, then recreate.
		resetObserved(gs)
	}

	if adopting {
		s, err := servers.Get(ctx, adoptID, observeIncludes...)
		if panel.IsNotFound(err) {
			return nil, notFoundInPanel(adoptID)
		}
		return s, err
	}

	s, err := servers.GetByExternalID(ctx, e.externalID(gs), observeIncludes...)
	if panel.IsNotFound(err) {
		return nil, nil
	}
	return s, err
}

// externalID is the server's external id: the spec's, else derived from namespace and name.
func (e *external) externalID(gs *ptero.GameServer) string {
	if gs.Spec.ExternalID != "" {
		return gs.Spec.ExternalID
	}
	return e.conn.ExternalID(gs.Namespace, gs.Name)
}

// annotatedID parses the panel-id annotation.
func annotatedID(gs *ptero.GameServer) (int, bool, error) {
	v, ok := gs.Annotations[ptero.AnnotationPanelID]
	if !ok || v == "" {
		return 0, false, nil
	}
	id, err := strconv.Atoi(v)
	if err != nil || id <= 0 {
		return 0, false, managed.Fail(managed.Failure{Reason: ptero.ReasonInvalidSpec, Terminal: true,
			Message: "annotation " + ptero.AnnotationPanelID + " must be a panel server id (a positive number), not " + strconv.Quote(v)})
	}
	return id, true, nil
}

// notFoundInPanel reports an adopted server that is gone: recreating it would not bring back what
// the user adopted, so the user decides (remove the annotation to let the operator create one).
func notFoundInPanel(id int) error {
	return managed.Fail(managed.Failure{Reason: ptero.ReasonNotFoundInPanel, Terminal: true,
		Message: "Server " + strconv.Itoa(id) + " adopted through the " + ptero.AnnotationPanelID +
			" annotation no longer exists in the panel; remove the annotation to create a new server."})
}

// resetObserved forgets a server that no longer exists.
func resetObserved(gs *ptero.GameServer) {
	token := gs.Status.LastReinstallToken
	gs.Status = ptero.GameServerStatus{ManagedStatus: gs.Status.ManagedStatus, LastReinstallToken: token}
	gs.Status.ID = 0
}
