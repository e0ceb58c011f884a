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

package panel

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics holds the client's Prometheus collectors. It is itself a prometheus.Collector, so a
// caller registers it once and shares it between the Clients of all panels.
type Metrics struct {
	requests  *prometheus.CounterVec
	duration  *prometheus.HistogramVec
	remaining *prometheus.GaugeVec
	retries   *prometheus.CounterVec
}

// NewMetrics creates the collectors (unregistered).
func NewMetrics() *Metrics {
	return &Metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pterodactyl_panel_requests_total",
			Help: "HTTP requests sent to the panel, by route template, response code (\"error\" when no response arrived) and purpose (observe, list, write).",
		}, []string{"panel", "method", "route", "code", "purpose"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "pterodactyl_panel_request_duration_seconds",
			Help:    "Latency of panel requests, per attempt.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 15, 30},
		}, []string{"panel", "method", "route"}),
		remaining: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "pterodactyl_panel_rate_limit_remaining",
			Help: "The last X-RateLimit-Remaining the panel reported, per API (application, client): the panel limits them apart.",
		}, []string{"panel", "api"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pterodactyl_panel_retries_total",
			Help: "Requests tried again, by reason (rate_limited, status_<code>, network).",
		}, []string{"panel", "method", "route", "reason"}),
	}
}

// Describe implements prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	m.requests.Describe(ch)
	m.duration.Describe(ch)
	m.remaining.Describe(ch)
	m.retries.Describe(ch)
}

// Collect implements prometheus.Collector.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	m.requests.Collect(ch)
	m.duration.Collect(ch)
	m.remaining.Collect(ch)
	m.retries.Collect(ch)
}

// The recording methods accept a nil receiver so that a Client without metrics needs no checks.

func (m *Metrics) observe(panel string, cl *call, code string, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(panel, cl.method, cl.route, code, cl.purpose()).Inc()
	m.duration.WithLabelValues(panel, cl.method, cl.route).Observe(d.Seconds())
}

func (m *Metrics) setRemaining(panel, api string, n int) {
	if m == nil {
		return
	}
	m.remaining.WithLabelValues(panel, api).Set(float64(n))
}

func (m *Metrics) retried(panel, method, route, reason string) {
	if m == nil {
		return
	}
	m.retries.WithLabelValues(panel, method, route, reason).Inc()
}
