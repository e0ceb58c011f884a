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

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// maxExternalIDLength is the panel's limit on external_id (a varchar(191)).
const maxExternalIDLength = 191

// ExternalID is the external id of a namespaced object (a user, a server): fromSpec, the one its
// spec sets, else one derived as <prefix><namespace>.<name>. The panel keeps it unique, so the
// operator finds its own users and servers again after a lost response or a restart. A derived
// id over the panel's limit is cut and given a hash of the whole id, so two long names stay
// distinct.
func (c *Conn) ExternalID(o metav1.Object, fromSpec string) string {
	if fromSpec != "" {
		return fromSpec
	}
	return deriveExternalID(c.ExternalIDPrefix, o.GetNamespace(), o.GetName())
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
