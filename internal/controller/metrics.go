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
	"github.com/prometheus/client_golang/prometheus"
	"sigs.k8s.io/controller-runtime/pkg/client"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/gameservers"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// RegisterMetrics registers the operator's own collectors with r: the panel clients' requests
// (m), the snapshots of the connections conns holds, and the GameServers counted from objects,
// the manager's cache. Setup registers them with controller-runtime's registry, which already
// holds controller-runtime's own; docs/metrics.md lists them all, and the dashboard's and alerts'
// test checks every name they use against that registry.
func RegisterMetrics(r prometheus.Registerer, m *panel.Metrics, conns *connection.Registry, objects client.Reader) error {
	for _, c := range []prometheus.Collector{m, conns.SnapshotCollector(), gameservers.ServersCollector(objects)} {
		if err := r.Register(c); err != nil {
			return err
		}
	}
	return nil
}
