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

package v1alpha1

import (
	"fmt"
	"strconv"

	"github.com/google/uuid"
)

// PanelIdentity names one panel object. Application API objects (locations, nodes, users,
// servers, databases) have a numeric id; Client API objects (backups, subusers) have only a UUID
// and are reached through the identifier of the server they belong to. It is not stored as such:
// each kind keeps its identity in its own status fields.
// +kubebuilder:object:generate=false
type PanelIdentity struct {
	// ID is the panel's numeric id; 0 for objects the panel identifies by UUID.
	ID int64
	// UUID identifies objects the panel has no numeric id for.
	UUID string
	// Server is the short identifier of the server a Client API object belongs to.
	Server string
}

// IsZero reports whether the identity names nothing yet: the object was never created.
func (i PanelIdentity) IsZero() bool { return i.ID == 0 && i.UUID == "" }

// String is how events and messages name the object: its id, or its UUID (with its server).
func (i PanelIdentity) String() string {
	switch {
	case i.ID != 0:
		return strconv.FormatInt(i.ID, 10)
	case i.Server != "":
		return fmt.Sprintf("%s of server %s", i.UUID, i.Server)
	}
	return i.UUID
}

// ParsePanelID reads the value of the panel-id annotation: a positive number, or a UUID for the
// kinds the panel identifies by UUID. ok is false for any other value.
func ParsePanelID(v string) (id PanelIdentity, ok bool) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return PanelIdentity{ID: n}, n > 0
	}
	if isUUID(v) {
		return PanelIdentity{UUID: v}, true
	}
	return PanelIdentity{}, false
}

// isUUID accepts the canonical 36-character form the panel writes, and only that.
func isUUID(v string) bool {
	return len(v) == 36 && uuid.Validate(v) == nil
}
