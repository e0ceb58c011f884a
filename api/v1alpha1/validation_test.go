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

package v1alpha1_test

import (
	"strings"

	. "github.com/onsi/ginkgo/v2"

	"sigs.k8s.io/controller-runtime/pkg/client"
)

// Each entry breaks one rule of a valid sample and expects kubectl apply to be
// refused with a message that names the field. The rules mirror the panel's own
// validation, so a spec the panel would refuse never gets past the API server.
var _ = Describe("invalid manifests", func() {
	var ns string
	BeforeEach(func() { ns = createNamespace() })

	DescribeTable("are refused at apply with the field named",
		func(kind, mergePatch, field, message string) {
			obj := patched(sample(kind, "invalid", ns), mergePatch)
			err := k8sClient.Create(ctx, obj, client.DryRunAll)
			expectInvalid(err, field, message)
		},

		// Panel
		Entry("Panel without url", "Panel", `{"spec":{"url":null}}`, "spec.url", "Required value"),
		Entry("Panel url with an ftp scheme", "Panel", `{"spec":{"url":"ftp://panel.example.com"}}`, "spec.url", "absolute http or https URL"),
		Entry("Panel url without a scheme", "Panel", `{"spec":{"url":"panel.example.com"}}`, "spec.url", "absolute http or https URL"),
		Entry("Panel without credentialsSecretRef", "Panel", `{"spec":{"credentialsSecretRef":null}}`, "spec.credentialsSecretRef", "Required value"),
		Entry("Panel credentials without a Secret name", "Panel", `{"spec":{"credentialsSecretRef":{"name":""}}}`, "spec.credentialsSecretRef.name", "at least 1 chars"),
		Entry("Panel with requestsPerMinute 0", "Panel", `{"spec":{"requestsPerMinute":0}}`, "spec.requestsPerMinute", "greater than or equal to 1"),
		Entry("Panel syncInterval that is no duration", "Panel", `{"spec":{"syncInterval":"soon"}}`, "spec.syncInterval", "should match"),
		Entry("Panel syncInterval under 10s", "Panel", `{"spec":{"syncInterval":"1s"}}`, "spec.syncInterval", "at least 10s"),
		Entry("Panel requestTimeout that is no duration", "Panel", `{"spec":{"requestTimeout":"forever"}}`, "spec.requestTimeout", "should match"),
		Entry("Panel requestTimeout under 1s", "Panel", `{"spec":{"requestTimeout":"500ms"}}`, "spec.requestTimeout", "between 1s and 5m"),
		Entry("Panel requestTimeout over 5m", "Panel", `{"spec":{"requestTimeout":"10m"}}`, "spec.requestTimeout", "between 1s and 5m"),
		Entry("Panel listPageSize under 10", "Panel", `{"spec":{"listPageSize":1}}`, "spec.listPageSize", "greater than or equal to 10"),
		Entry("Panel listPageSize over 5000", "Panel", `{"spec":{"listPageSize":100000}}`, "spec.listPageSize", "less than or equal to 5000"),
		Entry("Panel externalIdPrefix with a space", "Panel", `{"spec":{"externalIdPrefix":"cluster a."}}`, "spec.externalIdPrefix", "should match"),
		Entry("Panel externalIdPrefix with a slash", "Panel", `{"spec":{"externalIdPrefix":"eu/prod."}}`, "spec.externalIdPrefix", "should match"),

		// PanelLocation
		Entry("PanelLocation without short", "PanelLocation", `{"spec":{"short":null}}`, "spec.short", "Required value"),
		Entry("PanelLocation with an empty short", "PanelLocation", `{"spec":{"short":""}}`, "spec.short", "at least 1 chars"),
		Entry("PanelLocation short over 60 chars", "PanelLocation", `{"spec":{"short":"`+strings.Repeat("x", 61)+`"}}`, "spec.short", "may not be more than 60"),
		Entry("PanelLocation long over 191 chars", "PanelLocation", `{"spec":{"long":"`+strings.Repeat("x", 192)+`"}}`, "spec.long", "may not be more than 191"),
		Entry("PanelLocation with an unknown deletionPolicy", "PanelLocation", `{"spec":{"deletionPolicy":"Keep"}}`, "spec.deletionPolicy", `supported values: "Delete", "Orphan"`),

		// PanelNode
		Entry("PanelNode with locationRef and locationId", "PanelNode", `{"spec":{"locationId":3}}`, "spec.locationRef", "exactly one of locationRef or locationId"),
		Entry("PanelNode with no location", "PanelNode", `{"spec":{"locationRef":null}}`, "spec.locationRef", "exactly one of locationRef or locationId"),
		Entry("PanelNode name with a slash", "PanelNode", `{"spec":{"name":"wings/1"}}`, "spec.name", "should match"),
		Entry("PanelNode without fqdn", "PanelNode", `{"spec":{"fqdn":null}}`, "spec.fqdn", "Required value"),
		Entry("PanelNode with scheme ftp", "PanelNode", `{"spec":{"scheme":"ftp"}}`, "spec.scheme", `supported values: "http", "https"`),
		Entry("PanelNode with memory 0", "PanelNode", `{"spec":{"memory":0}}`, "spec.memory", "greater than or equal to 1"),
		Entry("PanelNode memoryOverallocate below -1", "PanelNode", `{"spec":{"memoryOverallocate":-2}}`, "spec.memoryOverallocate", "greater than or equal to -1"),
		Entry("PanelNode with disk 0", "PanelNode", `{"spec":{"disk":0}}`, "spec.disk", "greater than or equal to 1"),
		Entry("PanelNode uploadSize over 1024", "PanelNode", `{"spec":{"uploadSize":2048}}`, "spec.uploadSize", "less than or equal to 1024"),
		Entry("PanelNode daemonListen over 65535", "PanelNode", `{"spec":{"daemonListen":70000}}`, "spec.daemonListen", "less than or equal to 65535"),
		Entry("PanelNode relative daemonBase", "PanelNode", `{"spec":{"daemonBase":"srv/volumes"}}`, "spec.daemonBase", "should match"),
		Entry("PanelNode port 1024", "PanelNode", `{"spec":{"allocations":[{"ip":"10.0.0.5","ports":["1024"]}]}}`, "spec.allocations[0].ports[0]", "between 1025 and 65535"),
		Entry("PanelNode port over 65535", "PanelNode", `{"spec":{"allocations":[{"ip":"10.0.0.5","ports":["25565","70000"]}]}}`, "spec.allocations[0].ports[1]", "between 1025 and 65535"),
		Entry("PanelNode port given as a number", "PanelNode", `{"spec":{"allocations":[{"ip":"10.0.0.5","ports":[25565]}]}}`, "spec.allocations[0].ports[0]", "must be of type string"),
		Entry("PanelNode port that is not a number", "PanelNode", `{"spec":{"allocations":[{"ip":"10.0.0.5","ports":["minecraft"]}]}}`, "spec.allocations[0].ports[0]", "should match"),
		Entry("PanelNode range written high-low", "PanelNode", `{"spec":{"allocations":[{"ip":"10.0.0.5","ports":["25600-25565"]}]}}`, "spec.allocations[0].ports[0]", "low <= high"),
		Entry("PanelNode range of 1001 ports", "PanelNode", `{"spec":{"allocations":[{"ip":"10.0.0.5","ports":["25565-26565"]}]}}`, "spec.allocations[0].ports[0]", "at most 1000 ports"),
		Entry("PanelNode allocation without ports", "PanelNode", `{"spec":{"allocations":[{"ip":"10.0.0.5"}]}}`, "spec.allocations[0].ports", "Required value"),
		Entry("PanelNode allocation without ip", "PanelNode", `{"spec":{"allocations":[{"ports":["25565"]}]}}`, "spec.allocations[0].ip", "Required value"),

		// PanelUser
		Entry("PanelUser with an uppercase username", "PanelUser", `{"spec":{"username":"Alice"}}`, "spec.username", "should match"),
		Entry("PanelUser with a 2-character username", "PanelUser", `{"spec":{"username":"al"}}`, "spec.username", "at least 3 chars"),
		Entry("PanelUser username starting with a dash", "PanelUser", `{"spec":{"username":"-alice"}}`, "spec.username", "should match"),
		Entry("PanelUser with a malformed email", "PanelUser", `{"spec":{"email":"alice.example.com"}}`, "spec.email", "must be of type email"),
		Entry("PanelUser without firstName", "PanelUser", `{"spec":{"firstName":null}}`, "spec.firstName", "Required value"),
		Entry("PanelUser with an empty lastName", "PanelUser", `{"spec":{"lastName":""}}`, "spec.lastName", "at least 1 chars"),
		Entry("PanelUser with language de", "PanelUser", `{"spec":{"language":"de"}}`, "spec.language", `supported values: "en"`),
		Entry("PanelUser password reference without a Secret name", "PanelUser", `{"spec":{"passwordSecretRef":{"name":null}}}`, "spec.passwordSecretRef.name", "Required value"),
		Entry("PanelUser externalId over 191 chars", "PanelUser", `{"spec":{"externalId":"`+strings.Repeat("x", 192)+`"}}`, "spec.externalId", "may not be more than 191"),

		// GameServer
		Entry("GameServer with allocation and deploy", "GameServer", `{"spec":{"deploy":{"locationIds":[1]}}}`, "spec.allocation", "exactly one of allocation or deploy"),
		Entry("GameServer with neither allocation nor deploy", "GameServer", `{"spec":{"allocation":null}}`, "spec.allocation", "exactly one of allocation or deploy"),
		Entry("GameServer owned by a userRef and an id", "GameServer", `{"spec":{"owner":{"id":12}}}`, "spec.owner", "exactly one of owner.userRef, owner.id or owner.email"),
		Entry("GameServer without any owner", "GameServer", `{"spec":{"owner":{"userRef":null}}}`, "spec.owner", "exactly one of owner.userRef, owner.id or owner.email"),
		Entry("GameServer owner email that is no email", "GameServer", `{"spec":{"owner":{"userRef":null,"email":"alice"}}}`, "spec.owner.email", "must be of type email"),
		Entry("GameServer egg by id and by name", "GameServer", `{"spec":{"egg":{"id":5}}}`, "spec.egg", "either egg.id or egg.nest and egg.name"),
		Entry("GameServer egg with a nest but no name", "GameServer", `{"spec":{"egg":{"name":null}}}`, "spec.egg", "egg.nest and egg.name go together"),
		Entry("GameServer without limits.memory", "GameServer", `{"spec":{"limits":{"memory":null}}}`, "spec.limits.memory", "Required value"),
		Entry("GameServer with limits.io 5", "GameServer", `{"spec":{"limits":{"io":5}}}`, "spec.limits.io", "greater than or equal to 10"),
		Entry("GameServer with limits.io 1001", "GameServer", `{"spec":{"limits":{"io":1001}}}`, "spec.limits.io", "less than or equal to 1000"),
		Entry("GameServer with swap below -1", "GameServer", `{"spec":{"limits":{"swap":-2}}}`, "spec.limits.swap", "greater than or equal to -1"),
		Entry("GameServer with threads that are not cores", "GameServer", `{"spec":{"limits":{"threads":"all"}}}`, "spec.limits.threads", "should match"),
		Entry("GameServer image with forbidden characters", "GameServer", `{"spec":{"image":"ghcr.io/yolks:java_21; rm -rf /"}}`, "spec.image", "should match"),
		Entry("GameServer on port 1024", "GameServer", `{"spec":{"allocation":{"port":1024}}}`, "spec.allocation.port", "greater than or equal to 1025"),
		Entry("GameServer on a nodeRef and a nodeId", "GameServer", `{"spec":{"allocation":{"nodeId":1}}}`, "spec.allocation", "exactly one of allocation.nodeRef or allocation.nodeId"),
		Entry("GameServer additional port equal to its port", "GameServer", `{"spec":{"allocation":{"additionalPorts":[25565]}}}`, "spec.allocation.additionalPorts", "must not repeat allocation.port"),
		Entry("GameServer environment key with a dash", "GameServer", `{"spec":{"environment":{"SERVER-JARFILE":"server.jar"}}}`, "spec.environment", "variable names"),
		Entry("GameServer deploy without any location", "GameServer", `{"spec":{"allocation":null,"deploy":{"dedicatedIp":true}}}`, "spec.deploy", "at least one location"),
		Entry("GameServer deploy port range below 1025", "GameServer", `{"spec":{"allocation":null,"deploy":{"locationIds":[1],"portRange":["1000-1100"]}}}`, "spec.deploy.portRange[0]", "between 1025 and 65535"),
		Entry("GameServer with a negative database limit", "GameServer", `{"spec":{"featureLimits":{"databases":-1}}}`, "spec.featureLimits.databases", "greater than or equal to 0"),
		Entry("GameServer externalId with a space", "GameServer", `{"spec":{"externalId":"my server"}}`, "spec.externalId", "should match"),
		Entry("GameServer externalId with a slash", "GameServer", `{"spec":{"externalId":"games/survival"}}`, "spec.externalId", "should match"),
		Entry("GameServer power that is no power state", "GameServer", `{"spec":{"power":"On"}}`, "spec.power", "Unsupported value"),
		Entry("GameServer restartPolicy that is no policy", "GameServer", `{"spec":{"restartPolicy":"Always"}}`, "spec.restartPolicy", "Unsupported value"),
		Entry("GameServer file with a relative path", "GameServer", `{"spec":{"files":[{"path":"server.properties","content":"x"}]}}`, "spec.files[0].path", "must be absolute"),
		Entry("GameServer file path with ..", "GameServer", `{"spec":{"files":[{"path":"/../etc/passwd","content":"x"}]}}`, "spec.files[0].path", "must not contain . or .. segments"),
		Entry("GameServer file path ending in /", "GameServer", `{"spec":{"files":[{"path":"/plugins/","content":"x"}]}}`, "spec.files[0].path", "not end with /"),
		Entry("GameServer file path with //", "GameServer", `{"spec":{"files":[{"path":"/plugins//a.yml","content":"x"}]}}`, "spec.files[0].path", "empty segment"),
		Entry("GameServer file with two sources", "GameServer", `{"spec":{"files":[{"path":"/a","content":"x","configMapRef":{"name":"c","key":"k"}}]}}`, "spec.files[0]", "exactly one of configMapRef, secretRef or content"),
		Entry("GameServer file without a source", "GameServer", `{"spec":{"files":[{"path":"/a"}]}}`, "spec.files[0]", "exactly one of configMapRef, secretRef or content"),
		Entry("GameServer file from a ConfigMap without a key", "GameServer", `{"spec":{"files":[{"path":"/a","configMapRef":{"name":"c"}}]}}`, "spec.files[0].configMapRef.key", "Required value"),
		Entry("GameServer with the same file twice", "GameServer", `{"spec":{"files":[{"path":"/a","content":"x"},{"path":"/a","content":"y"}]}}`, "spec.files[1]", "Duplicate value"),

		// GameServerSet
		Entry("GameServerSet with -1 replicas", "GameServerSet", `{"spec":{"replicas":-1}}`, "spec.replicas", "greater than or equal to 0"),
		Entry("GameServerSet without a template", "GameServerSet", `{"spec":{"template":null}}`, "spec.template", "Required value"),
		Entry("GameServerSet template without an owner", "GameServerSet", `{"spec":{"template":{"spec":{"owner":null}}}}`, "spec.template.spec.owner", "Required value"),
		Entry("GameServerSet template with an externalId", "GameServerSet", `{"spec":{"template":{"spec":{"externalId":"lobby"}}}}`, "spec.template.spec", "externalId cannot be set"),
		Entry("GameServerSet without placement", "GameServerSet", `{"spec":{"placement":null}}`, "spec.placement", "Required value"),
		Entry("GameServerSet with 0 ports per replica", "GameServerSet", `{"spec":{"placement":{"ports":0}}}`, "spec.placement.ports", "greater than or equal to 1"),
		Entry("GameServerSet with an unknown spread", "GameServerSet", `{"spec":{"placement":{"spread":"Random"}}}`, "spec.placement.spread", `supported values: "LeastAllocated", "Packed"`),
		Entry("GameServerSet with a bad nodeSelector operator", "GameServerSet", `{"spec":{"placement":{"nodeSelector":{"matchLabels":null,"matchExpressions":[{"key":"region","operator":"Near"}]}}}}`, "spec.placement.nodeSelector", "operators are In, NotIn, Exists or DoesNotExist"),
		Entry("GameServerSet with an unknown strategy", "GameServerSet", `{"spec":{"strategy":{"type":"BlueGreen"}}}`, "spec.strategy.type", `supported values: "RollingUpdate", "Recreate"`),
		Entry("GameServerSet Recreate with rollingUpdate", "GameServerSet", `{"spec":{"strategy":{"type":"Recreate"}}}`, "spec.strategy.rollingUpdate", "only for type RollingUpdate"),
		Entry("GameServerSet maxUnavailable that is no percentage", "GameServerSet", `{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":"half"}}}}`, "spec.strategy.rollingUpdate.maxUnavailable", "percentage such as 25%"),
		Entry("GameServerSet negative maxSurge", "GameServerSet", `{"spec":{"strategy":{"rollingUpdate":{"maxSurge":-1}}}}`, "spec.strategy.rollingUpdate.maxSurge", "count of 0 or more"),
		Entry("GameServerSet maxUnavailable and maxSurge both 0", "GameServerSet", `{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":0,"maxSurge":0}}}}`, "spec.strategy.rollingUpdate", "cannot both be 0"),
		Entry("GameServerSet with an unknown scaleDownOrder", "GameServerSet", `{"spec":{"scaleDownOrder":"Random"}}`, "spec.scaleDownOrder", `supported values: "OfflineFirst", "Newest", "Oldest"`),
		Entry("GameServerSet name over 57 characters", "GameServerSet", `{"metadata":{"name":"`+strings.Repeat("x", 58)+`"}}`, "metadata.name", "at most 57 characters"),

		// ServerBackup
		Entry("ServerBackup without serverRef", "ServerBackup", `{"spec":{"serverRef":null}}`, "spec.serverRef", "Required value"),
		Entry("ServerBackup name over 191 chars", "ServerBackup", `{"spec":{"name":"`+strings.Repeat("x", 192)+`"}}`, "spec.name", "may not be more than 191"),
		Entry("ServerBackup with an empty name", "ServerBackup", `{"spec":{"name":""}}`, "spec.name", "at least 1 chars"),
		Entry("ServerBackup with 129 ignored files", "ServerBackup", `{"spec":{"ignoredFiles":[`+strings.Repeat(`"a",`, 128)+`"a"]}}`, "spec.ignoredFiles", "must have at most 128 items"),
		Entry("ServerBackup with an unknown deletionPolicy", "ServerBackup", `{"spec":{"deletionPolicy":"Keep"}}`, "spec.deletionPolicy", `supported values: "Delete", "Orphan"`),
		Entry("Panel clientRequestsPerMinute 0", "Panel", `{"spec":{"clientRequestsPerMinute":0}}`, "spec.clientRequestsPerMinute", "greater than or equal to 1"),
		Entry("PanelUser externalId with a slash", "PanelUser", `{"spec":{"externalId":"team/alice"}}`, "spec.externalId", "should match"),

		// ServerDatabase
		Entry("ServerDatabase without serverRef", "ServerDatabase", `{"spec":{"serverRef":null}}`, "spec.serverRef", "Required value"),
		Entry("ServerDatabase name over 48 chars", "ServerDatabase", `{"spec":{"database":"`+strings.Repeat("d", 49)+`"}}`, "spec.database", "may not be more than 48"),
		Entry("ServerDatabase name with a space", "ServerDatabase", `{"spec":{"database":"my db"}}`, "spec.database", "should match"),
		Entry("ServerDatabase remote that is no host pattern", "ServerDatabase", `{"spec":{"remote":"anywhere"}}`, "spec.remote", "should match"),
		Entry("ServerDatabase hostId 0", "ServerDatabase", `{"spec":{"hostId":0}}`, "spec.hostId", "greater than or equal to 1"),
		Entry("ServerDatabase connection Secret name with capitals", "ServerDatabase", `{"spec":{"connectionSecretName":"Plugins_DB"}}`, "spec.connectionSecretName", "should match"),

		// ServerSubuser
		Entry("ServerSubuser with an unknown permission key", "ServerSubuser", `{"spec":{"permissions":["control.console","control.fly"]}}`, "spec.permissions[1]", `Unsupported value: "control.fly"`),
		Entry("ServerSubuser with both email and userRef", "ServerSubuser", `{"spec":{"userRef":{"name":"alice"}}}`, "spec", "set exactly one of email or userRef"),
		Entry("ServerSubuser with neither email nor userRef", "ServerSubuser", `{"spec":{"email":null}}`, "spec", "set exactly one of email or userRef"),
		Entry("ServerSubuser with no permissions", "ServerSubuser", `{"spec":{"permissions":[]}}`, "spec.permissions", "at least 1 items"),
		Entry("ServerSubuser without permissions", "ServerSubuser", `{"spec":{"permissions":null}}`, "spec.permissions", "Required value"),
		Entry("ServerSubuser with a malformed email", "ServerSubuser", `{"spec":{"email":"friend.example.com"}}`, "spec.email", "must be of type email"),
		Entry("ServerSubuser without serverRef", "ServerSubuser", `{"spec":{"serverRef":null}}`, "spec.serverRef", "Required value"),
		// ServerSchedule
		Entry("ServerSchedule without serverRef", "ServerSchedule", `{"spec":{"serverRef":null}}`, "spec.serverRef", "Required value"),
		Entry("ServerSchedule cron of 4 fields", "ServerSchedule", `{"spec":{"cron":"0 4 * *"}}`, "spec.cron", "cron must be five fields"),
		Entry("ServerSchedule cron with two spaces", "ServerSchedule", `{"spec":{"cron":"0  4 * * *"}}`, "spec.cron", "cron must be five fields"),
		Entry("ServerSchedule power task that explodes", "ServerSchedule", `{"spec":{"tasks":[{"action":"power","payload":"explode"}]}}`, "spec.tasks[0].payload", "start, stop, restart or kill"),
		Entry("ServerSchedule command task without payload", "ServerSchedule", `{"spec":{"tasks":[{"action":"command"}]}}`, "spec.tasks[0].payload", "needs the command"),
		Entry("ServerSchedule timeOffset 901", "ServerSchedule", `{"spec":{"tasks":[{"action":"backup","timeOffset":901}]}}`, "spec.tasks[0].timeOffset", "less than or equal to 900"),
		Entry("ServerSchedule negative timeOffset", "ServerSchedule", `{"spec":{"tasks":[{"action":"backup","timeOffset":-1}]}}`, "spec.tasks[0].timeOffset", "greater than or equal to 0"),
		Entry("ServerSchedule with 11 tasks", "ServerSchedule", `{"spec":{"tasks":[`+strings.TrimSuffix(strings.Repeat(`{"action":"power","payload":"restart"},`, 11), ",")+`]}}`, "spec.tasks", "must have at most 10 items"),
		Entry("ServerSchedule unknown action", "ServerSchedule", `{"spec":{"tasks":[{"action":"reboot","payload":"now"}]}}`, "spec.tasks[0].action", "Unsupported value"),
		Entry("ServerSchedule empty name", "ServerSchedule", `{"spec":{"name":""}}`, "spec.name", "at least 1 chars"),
	)
})
