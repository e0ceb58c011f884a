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
	"strconv"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// find returns the panel user of pu, or nil when there is none yet. Before anything is created
// it looks the user up by its identity — status.id, the panel-id annotation, then the external
// id — so a create whose response was lost is found rather than repeated.
func (e *external) find(ctx context.Context, pu *ptero.PanelUser) (*panel.User, error) {
	users := e.conn.Client.Users
	adoptID, adopting, err := annotatedID(pu)
	if err != nil {
		return nil, err
	}
	if id := int(pu.Status.ID); id != 0 {
		u, err := users.Get(ctx, id)
		switch {
		case err == nil:
			return u, nil
		case !panel.IsNotFound(err):
			return nil, err
		case adopting && adoptID == id:
			return nil, notFoundInPanel(id)
		}
		// Deleted behind our back: forget it (its password too, so the new user gets it) and
		// look again by external id, then recreate.
		resetObserved(pu)
	}
	if adopting {
		u, err := users.Get(ctx, adoptID)
		if panel.IsNotFound(err) {
			return nil, notFoundInPanel(adoptID)
		}
		return u, err
	}
	u, err := users.GetByExternalID(ctx, e.externalID(pu))
	if panel.IsNotFound(err) {
		return nil, nil
	}
	return u, err
}

// annotatedID parses the panel-id annotation.
func annotatedID(pu *ptero.PanelUser) (int, bool, error) {
	v, ok := pu.Annotations[ptero.AnnotationPanelID]
	if !ok || v == "" {
		return 0, false, nil
	}
	id, err := strconv.Atoi(v)
	if err != nil || id <= 0 {
		return 0, false, managed.Fail(managed.Failure{Reason: ptero.ReasonInvalidSpec, Terminal: true,
			Message: "annotation " + ptero.AnnotationPanelID + " must be a panel user id (a positive number), not " + strconv.Quote(v)})
	}
	return id, true, nil
}

// notFoundInPanel reports an adopted user that is gone: recreating it would not bring back what
// the user adopted, so the user decides (remove the annotation to let the operator create one).
func notFoundInPanel(id int) error {
	return managed.Fail(managed.Failure{Reason: ptero.ReasonNotFoundInPanel, Terminal: true,
		Message: "User " + strconv.Itoa(id) + " adopted through the " + ptero.AnnotationPanelID +
			" annotation no longer exists in the panel; remove the annotation to create a new user."})
}

// resetObserved forgets a user that no longer exists.
func resetObserved(pu *ptero.PanelUser) {
	pu.Status = ptero.PanelUserStatus{ManagedStatus: pu.Status.ManagedStatus}
	pu.Status.ID = 0
}
