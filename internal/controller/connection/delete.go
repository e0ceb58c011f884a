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
	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// Deleted reads the panel's answer to a delete. An object already gone counts as deleted. A 400
// is the panel keeping an object that others still use (a location with nodes, a node with
// servers, a user who owns servers): it is reported with inUse, which says what to do, and
// retried while deleting, since those others may be on their way out. Pass an empty inUse for
// kinds the panel never refuses that way.
func Deleted(err error, inUse string) error {
	switch {
	case err == nil, panel.IsNotFound(err):
		return nil
	case inUse != "" && panel.IsBadRequest(err):
		return managed.Fail(managed.Failure{Reason: ptero.ReasonPanelRejected,
			Message: inUse + "; retrying. Panel said: " + detail(err)})
	}
	return err
}

// detail is what the panel said, without the call.
func detail(err error) string {
	if e, ok := panel.AsAPIError(err); ok {
		return e.Detail()
	}
	return err.Error()
}
