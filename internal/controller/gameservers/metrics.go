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

package gameservers

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"k8s.io/apimachinery/pkg/api/meta"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// serversDesc counts GameServers rather than naming each: dashboards and alerts want "how many
// are not Ready, or not running", and a series per server would grow with the fleet.
var serversDesc = prometheus.NewDesc("pterodactyl_gameservers",
	"GameServers by Panel, status.state, status.power and Ready condition status, from the manager's cache.",
	[]string{"panel", "state", "power", "ready"}, nil)

// collectTimeout bounds the cache read of one scrape; the cache answers from memory, so only a
// cache that has not synced yet takes long.
const collectTimeout = 5 * time.Second

// unknown stands for a status field not written yet: an empty label value would read as no label.
const unknown = "Unknown"

// ServersCollector exports pterodactyl_gameservers, counted at scrape time from objects, the
// manager's cache: the status the controller last wrote, nothing asked of the panel.
func ServersCollector(objects client.Reader) prometheus.Collector { return serversCollector{objects} }

type serversCollector struct{ objects client.Reader }

func (c serversCollector) Describe(ch chan<- *prometheus.Desc) { ch <- serversDesc }

type serversKey struct{ panel, state, power, ready string }

func (c serversCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), collectTimeout)
	defer cancel()
	var list ptero.GameServerList
	if err := c.objects.List(ctx, &list); err != nil {
		// No series rather than a failed scrape: the other metrics are worth having while the
		// cache starts, and an alert on these series sees them missing.
		return
	}
	counts := map[serversKey]int{}
	for i := range list.Items {
		gs := &list.Items[i]
		k := serversKey{panel: gs.Spec.GetPanelName(), state: orUnknown(string(gs.Status.State)),
			power: orUnknown(string(gs.Status.Power)), ready: unknown}
		if ready := meta.FindStatusCondition(gs.Status.Conditions, ptero.ConditionReady); ready != nil {
			k.ready = string(ready.Status)
		}
		counts[k]++
	}
	for k, n := range counts {
		ch <- prometheus.MustNewConstMetric(serversDesc, prometheus.GaugeValue, float64(n), k.panel, k.state, k.power, k.ready)
	}
}

func orUnknown(s string) string {
	if s == "" {
		return unknown
	}
	return s
}
