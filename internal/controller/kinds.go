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

package controller

import (
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/backups"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/databases"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/gameservers"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/gameserversets"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/locations"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/nodes"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/schedules"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/subusers"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/users"
)

// Kind is one kind of the API, as the manager runs it.
type Kind struct {
	// Object is an empty object of the kind.
	Object client.Object
	// Resource is its plural resource name, as in its CRD and the RBAC rules.
	Resource string
	// InPanel says its objects live in a Panel (spec.panelRef): the Panel's deletion waits for
	// them, the Panel re-counts them (status.inUseBy), and the panel-name index covers them.
	InPanel bool
	// Setup registers its controller; nil for the Panel, which Setup builds from this table.
	Setup func(ctrl.Manager, *connection.Registry) error
}

// Kinds is every kind the operator serves. Setup, the Panel's dependents and watches, and the
// field indexes are derived from it; kinds_test checks that each has its CRD, RBAC rules, sample
// and docs page. Adding a kind means adding it here.
var Kinds = []Kind{
	{Object: &ptero.Panel{}, Resource: "panels"},
	{Object: &ptero.PanelLocation{}, Resource: "panellocations", InPanel: true, Setup: locations.Setup},
	{Object: &ptero.PanelNode{}, Resource: "panelnodes", InPanel: true, Setup: nodes.Setup},
	{Object: &ptero.PanelUser{}, Resource: "panelusers", InPanel: true, Setup: users.Setup},
	{Object: &ptero.GameServer{}, Resource: "gameservers", InPanel: true, Setup: gameservers.Setup},
	{Object: &ptero.ServerDatabase{}, Resource: "serverdatabases", InPanel: true, Setup: databases.Setup},
	{Object: &ptero.ServerBackup{}, Resource: "serverbackups", InPanel: true, Setup: backups.Setup},
	{Object: &ptero.ServerSubuser{}, Resource: "serversubusers", InPanel: true, Setup: subusers.Setup},
	{Object: &ptero.ServerSchedule{}, Resource: "serverschedules", InPanel: true, Setup: schedules.Setup},
	// A set's replicas are GameServers, which hold its Panel: the set itself holds nothing there.
	{Object: &ptero.GameServerSet{}, Resource: "gameserversets", Setup: gameserversets.Setup},
}

// inPanel returns an empty object of each kind that lives in a Panel.
func inPanel() []client.Object {
	var objs []client.Object
	for _, k := range Kinds {
		if k.InPanel {
			objs = append(objs, k.Object)
		}
	}
	return objs
}
