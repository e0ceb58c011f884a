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
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Snapshot metrics: what each Panel's shared copy holds and how old it is, read at scrape time
// from the connections the registry holds.
var (
	snapshotAgeDesc = prometheus.NewDesc("pterodactyl_snapshot_age_seconds",
		"Age of the shared copy of a panel collection (0 before its first list, and with --observation=per-object).",
		[]string{"panel", "collection"}, nil)
	snapshotObjectsDesc = prometheus.NewDesc("pterodactyl_snapshot_objects",
		"Objects the shared copy of a panel collection holds.",
		[]string{"panel", "collection"}, nil)
	snapshotRefreshesDesc = prometheus.NewDesc("pterodactyl_snapshot_refreshes_total",
		"Lists that refreshed the shared copy of a panel collection.",
		[]string{"panel", "collection"}, nil)
)

// SnapshotCollector exports the snapshot metrics of every connection of r.
func (r *Registry) SnapshotCollector() prometheus.Collector { return snapshotCollector{r} }

type snapshotCollector struct{ r *Registry }

func (c snapshotCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- snapshotAgeDesc
	ch <- snapshotObjectsDesc
	ch <- snapshotRefreshesDesc
}

func (c snapshotCollector) Collect(ch chan<- prometheus.Metric) {
	c.r.mu.Lock()
	conns := make([]*Conn, 0, len(c.r.conns))
	for _, cached := range c.r.conns {
		conns = append(conns, cached.conn)
	}
	c.r.mu.Unlock()
	for _, conn := range conns {
		for name, stats := range conn.stats() {
			age, size, refreshes := stats()
			ch <- prometheus.MustNewConstMetric(snapshotAgeDesc, prometheus.GaugeValue, age.Seconds(), conn.PanelName, name)
			ch <- prometheus.MustNewConstMetric(snapshotObjectsDesc, prometheus.GaugeValue, float64(size), conn.PanelName, name)
			ch <- prometheus.MustNewConstMetric(snapshotRefreshesDesc, prometheus.CounterValue, float64(refreshes), conn.PanelName, name)
		}
	}
}

// stats returns each collection's Stats by the name the metrics give it.
func (o Observed) stats() map[string]func() (time.Duration, int, int) {
	return map[string]func() (time.Duration, int, int){
		ServersCollection: o.Servers.Stats, NodesCollection: o.Nodes.Stats, UsersCollection: o.Users.Stats,
		LocationsCollection: o.Locations.Stats,
	}
}
