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

	. "github.com/onsi/gomega"
	"k8s.io/apimachinery/pkg/api/meta"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// readyObjects counts the scenario's objects that are Ready for their current spec.
func readyObjects(g Gomega, prefix, namespace string) int {
	ready := 0
	count := func(list client.ObjectList, opts ...client.ListOption) {
		g.Expect(kube.List(ctx, list, opts...)).To(Succeed())
		items, err := metaItems(list)
		g.Expect(err).NotTo(HaveOccurred())
		for _, o := range items {
			if (o.GetNamespace() != "" || strings.HasPrefix(o.GetName(), prefix)) && controllertest.IsReady(o) {
				ready++
			}
		}
	}
	count(&ptero.PanelLocationList{})
	count(&ptero.PanelNodeList{})
	ns := client.InNamespace(namespace)
	count(&ptero.PanelUserList{}, ns)
	count(&ptero.GameServerList{}, ns)
	count(&ptero.ServerDatabaseList{}, ns)
	return ready
}

// tally is what the panel holds of one scenario: how many distinct objects it expected and
// found, and how many it holds more than once.
type tally struct {
	found, duplicates, lost int
	// detail says, per kind, what did not add up.
	detail []string
}

func (t *tally) add(kind string, expected, distinct, total int) {
	t.found += distinct
	t.duplicates += total - distinct
	t.lost += max(0, expected-distinct)
	if total != distinct || distinct != expected {
		t.detail = append(t.detail, fmt.Sprintf("%s: %d expected, %d distinct, %d in all", kind, expected, distinct, total))
	}
}

func (t tally) String() string {
	return fmt.Sprintf("%d found, %d duplicates, %d lost %v", t.found, t.duplicates, t.lost, t.detail)
}

// account counts the scenario's objects in the panel, read whole with the application key:
// the location (by its short), the nodes (by name: the panel lets two nodes share one), users (by
// username), servers on the scenario's nodes (by external id; one without the id it should have
// is a duplicate), and databases on those servers.
func account(g Gomega, prefix, namespace string) tally {
	var t tally
	locations, err := admin.Locations.ListAll(ctx, &panel.ListOptions{PerPage: 500})
	g.Expect(err).NotTo(HaveOccurred())
	n := 0
	for _, l := range locations {
		if l.Short == prefix {
			n++
		}
	}
	t.add("locations", 1, min(n, 1), n)

	nodes, err := admin.Nodes.ListAll(ctx, &panel.ListOptions{PerPage: 500})
	g.Expect(err).NotTo(HaveOccurred())
	nodeIDs := map[int]bool{}
	names := map[string]int{}
	for _, node := range nodes {
		if strings.HasPrefix(node.Name, prefix+"-") {
			nodeIDs[node.ID] = true
			names[node.Name]++
		}
	}
	t.add("nodes", corpusNodes, len(names), len(nodeIDs))

	users, err := admin.Users.ListAll(ctx, &panel.ListOptions{PerPage: 500})
	g.Expect(err).NotTo(HaveOccurred())
	usernames := map[string]int{}
	total := 0
	for _, u := range users {
		if strings.HasPrefix(u.Username, prefix) {
			usernames[u.Username]++
			total++
		}
	}
	t.add("users", corpusUsers, len(usernames), total)

	servers, err := admin.Servers.ListAll(ctx, &panel.ListOptions{PerPage: 500, Include: []string{"databases"}})
	g.Expect(err).NotTo(HaveOccurred())
	ids := map[string]bool{}
	total, databases, distinctDatabases := 0, 0, 0
	for _, s := range servers {
		if !nodeIDs[s.Node] {
			continue
		}
		total++
		if strings.HasPrefix(s.ExternalID, namespace+".") {
			ids[s.ExternalID] = true
		}
		perServer := map[string]bool{}
		for _, db := range s.Relationships.Databases {
			databases++
			if !perServer[db.Database] {
				perServer[db.Database] = true
				distinctDatabases++
			}
		}
	}
	t.add("servers", corpusServers, len(ids), total)
	t.add("databases", corpusDatabases, distinctDatabases, databases)
	return t
}

// metaItems are the objects of a typed list.
func metaItems(list client.ObjectList) ([]client.Object, error) {
	items, err := meta.ExtractList(list)
	if err != nil {
		return nil, err
	}
	out := make([]client.Object, 0, len(items))
	for _, it := range items {
		if o, ok := it.(client.Object); ok {
			out = append(out, o)
		}
	}
	return out, nil
}
