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
	"crypto/sha256"
	"encoding/hex"
)

// maxExternalIDLength is the panel's limit on external_id (a varchar(191)).
const maxExternalIDLength = 191

// ExternalID derives the external id of a namespaced object: <prefix><namespace>.<name>. The
// panel keeps it unique, so the operator finds its own users and servers again after a lost
// response or a restart. An id over the panel's limit is cut and given a hash of the whole id,
// so two long names stay distinct.
func (c *Conn) ExternalID(namespace, name string) string {
	return deriveExternalID(c.ExternalIDPrefix, namespace, name)
}

func deriveExternalID(prefix, namespace, name string) string {
	id := prefix + namespace + "." + name
	if len(id) <= maxExternalIDLength {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	suffix := "-" + hex.EncodeToString(sum[:])[:10]
	return id[:maxExternalIDLength-len(suffix)] + suffix
}
