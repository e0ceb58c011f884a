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
)

// RequireClientKey returns nil when the Panel has a client key, and otherwise the failure every
// kind that needs the panel's client API reports: ClientKeyRequired, Stalled (only a person
// adding the key ends it), looked at again after a sync interval or when the Panel's ClientAPI
// condition changes. needs names what asked for the client API, as the user wrote it.
func (c *Conn) RequireClientKey(needs string) error {
	if c.Client.HasClientKey() {
		return nil
	}
	return managed.Fail(managed.Failure{Reason: ptero.ReasonClientKeyRequired, RequeueAfter: c.SyncInterval(), Stalled: true,
		Message: needs + " need the panel's client API: add a clientKey (ptlc_…) of an admin to the Panel's credentials Secret"})
}
