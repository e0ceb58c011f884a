//go:build chaos

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

package chaos

import (
	"fmt"
	"strings"
)

// The corpus of one chaos scenario: 200 objects a hosting company would apply at once, in a
// namespace of their own and with panel-side names of their own (prefix), so scenarios do not
// share panel objects.
const (
	corpusNodes     = 4
	corpusUsers     = 20
	corpusServers   = 150
	corpusDatabases = 25
	// corpusSize counts the panel-backed objects: a location, the nodes, users, servers and databases.
	corpusSize = 1 + corpusNodes + corpusUsers + corpusServers + corpusDatabases
)

// userPassword is the password of every user of the corpus; the leak check searches for it.
func userPassword(prefix string) string { return "chaos-" + prefix + "-password-do-not-leak" }

// corpus is the manifest of one scenario's objects. base is the first port of the nodes'
// allocations; each node gets corpusServers/corpusNodes+10 ports from it.
func corpus(prefix, namespace string, base int) string {
	var b strings.Builder
	doc := func(format string, args ...any) { fmt.Fprintf(&b, "---\n"+format, args...) }
	doc("apiVersion: v1\nkind: Namespace\nmetadata: {name: %s}\n", namespace)
	doc("apiVersion: v1\nkind: Secret\nmetadata: {name: password, namespace: %s}\nstringData: {password: %s}\n", namespace, userPassword(prefix))
	doc("apiVersion: pterodactyl.gameops.dev/v1alpha1\nkind: PanelLocation\nmetadata: {name: %s}\nspec: {short: %s}\n", prefix, prefix)
	perNode := corpusServers/corpusNodes + 10
	for n := range corpusNodes {
		doc(`apiVersion: pterodactyl.gameops.dev/v1alpha1
kind: PanelNode
metadata: {name: %s-%d}
spec:
  locationRef: {name: %s}
  fqdn: %s-%d.example.com
  memory: 1048576
  disk: 16777216
  allocations: [{ip: 10.%d.%d.1, ports: ["%d-%d"]}]
`, prefix, n, prefix, prefix, n, 100+base%100, n, base, base+perNode-1)
	}
	for u := range corpusUsers {
		doc(`apiVersion: pterodactyl.gameops.dev/v1alpha1
kind: PanelUser
metadata: {name: user-%d, namespace: %s}
spec:
  username: %s%d
  email: %s%d@example.com
  firstName: Chaos
  lastName: User
  passwordSecretRef: {name: password, key: password}
`, u, namespace, prefix, u, prefix, u)
	}
	for s := range corpusServers {
		doc(`apiVersion: pterodactyl.gameops.dev/v1alpha1
kind: GameServer
metadata: {name: server-%d, namespace: %s}
spec:
  owner: {userRef: {name: user-%d}}
  egg: {nest: Minecraft, name: Paper}
  environment: {MINECRAFT_VERSION: latest}
  limits: {memory: 1024, disk: 4096}
  featureLimits: {databases: 1}
  allocation: {nodeRef: {name: %s-%d}, port: %d}
`, s, namespace, s%corpusUsers, prefix, s%corpusNodes, base+s/corpusNodes)
	}
	for d := range corpusDatabases {
		doc(`apiVersion: pterodactyl.gameops.dev/v1alpha1
kind: ServerDatabase
metadata: {name: db-%d, namespace: %s}
spec:
  serverRef: {name: server-%d}
  database: data
`, d, namespace, d)
	}
	return b.String()
}
