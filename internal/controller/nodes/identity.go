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

package nodes

import (
	"context"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// find returns the panel node of pn, or nil when there is none yet. Nodes have no external id, so
// after status.id and the panel-id annotation the node is looked up by name and FQDN together:
// a create whose response was lost is found again rather than repeated.
func (e *external) find(ctx context.Context, pn *ptero.PanelNode) (*panel.Node, error) {
	nodes := e.conn.Client.Nodes
	return adoption.Find(ctx, pn, adoption.Lookup[panel.Node]{
		Noun: "node", Identity: pn.GetPanelIdentity(), Get: adoption.ByNumber(e.conn.Nodes.Read),
		Forget: func() { resetObserved(pn) },
		ByIdentity: func(ctx context.Context) (*panel.Node, error) {
			// filter[name] is a partial, case-insensitive LIKE: compare exactly.
			name := nodeName(pn)
			all, err := nodes.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"name": name}})
			if err != nil {
				return nil, err
			}
			match := byNameAndFQDN(all, name, pn.Spec.FQDN)
			if match == nil {
				return nil, nil
			}
			return e.conn.Nodes.Get(ctx, match.ID) // the panel's answer, not the shared copy
		},
	})
}

// byNameAndFQDN picks the node with exactly this name and FQDN.
func byNameAndFQDN(all []panel.Node, name, fqdn string) *panel.Node {
	for i := range all {
		if all[i].Name == name && all[i].FQDN == fqdn {
			return &all[i]
		}
	}
	return nil
}

// resetObserved forgets a node that no longer exists.
func resetObserved(pn *ptero.PanelNode) {
	pn.Status = ptero.PanelNodeStatus{ManagedStatus: pn.Status.ManagedStatus}
	pn.Status.ID = 0
}
