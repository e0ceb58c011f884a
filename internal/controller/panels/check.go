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

package panels

import (
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
)

// reidentifyEvery is how often a connected panel's flavour and version are looked at again. They
// change only when the panel is upgraded or replaced, so the two reads identify makes are not
// spent every syncInterval; a panel that was refused is looked at each interval (refuse forgets
// its check).
const reidentifyEvery = time.Hour

// check is what the last check of a Panel that passed established, on which connection.
type check struct {
	conn *connection.Conn
	// at is when it began. A list of the connection's snapshot that began later was answered
	// with the same application key, which shows the key is still accepted and can read: the
	// next check then sends no request of its own for it.
	at time.Time
	// api is what the panel was identified as, at identified.
	api        panelAPI
	identified time.Time
}

// lastCheck returns the last check of the Panel that passed, if it was of conn.
func (r *Reconciler) lastCheck(panelName string, conn *connection.Conn) (check, bool) {
	v, ok := r.checked.Load(panelName)
	if !ok {
		return check{}, false
	}
	last := v.(check)
	return last, last.conn == conn
}
