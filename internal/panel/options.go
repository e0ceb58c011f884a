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
	"net/http"
	"time"

	"github.com/go-logr/logr"
)

// Option configures a Client.
type Option func(*config) error

type config struct {
	httpClient        *http.Client
	clientKey         string
	requestsPerMinute int
	// clientRequestsPerMinute is the client API's budget.
	clientRequestsPerMinute int
	retry                   RetryPolicy
	timeout                 time.Duration
	tls                     *TLSConfig
	logger                  logr.Logger
	metrics                 *Metrics
	name                    string
	clock                   Clock
	userAgent               string
}

// DefaultRequestsPerMinute stays below the panel's default of 240/min, a budget that every key of
// the same admin user shares (the panel counts per user, not per key).
const DefaultRequestsPerMinute = 200

// DefaultClientRequestsPerMinute stays below the panel's default client API limit of 720 a
// minute per user (config http.rate_limit.client), with the same headroom for people using the
// panel with that user's other keys.
const DefaultClientRequestsPerMinute = 600

// WithHTTPClient uses hc for every request. The Client works on a shallow copy so that it can turn
// off redirect following (see NewClient) without changing the caller's client.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		c.httpClient = hc
		return nil
	}
}

// WithClientKey sets the ptlc_ key used for Client API routes (power, resources, websocket).
// Application keys are rejected there by the panel.
func WithClientKey(key string) Option {
	return func(c *config) error {
		c.clientKey = key
		return nil
	}
}

// WithRequestsPerMinute sets the client-side rate limit; 0 disables it.
func WithRequestsPerMinute(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return errorf("requests per minute must not be negative, got %d", n)
		}
		c.requestsPerMinute = n
		return nil
	}
}

// WithClientRequestsPerMinute sets the client API's budget (DefaultClientRequestsPerMinute
// unless given; 0 means unlimited). The panel limits the client API apart from the application
// API, so the two budgets are spent apart.
func WithClientRequestsPerMinute(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return errorf("client requests per minute must not be negative, got %d", n)
		}
		c.clientRequestsPerMinute = n
		return nil
	}
}

// WithRetry sets the retry policy. Zero fields keep their defaults; a non-nil empty RetryOnStatus
// turns status-based retries off.
func WithRetry(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxAttempts < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
			return errorf("retry policy values must not be negative")
		}
		c.retry = p
		return nil
	}
}

// WithTimeout bounds each HTTP attempt (not the whole call with its retries; use the context for
// that). The default is DefaultRequestTimeout; there is no way to wait forever.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return errorf("request timeout must be positive, got %s", d)
		}
		c.timeout = d
		return nil
	}
}

// WithTLS trusts CABundlePEM in addition to the system roots, or skips verification when asked.
func WithTLS(t TLSConfig) Option {
	return func(c *config) error {
		c.tls = &t
		return nil
	}
}

// WithLogger logs every attempt at V(1): method, route template, status, duration. Keys are never
// logged.
func WithLogger(l logr.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithMetrics records requests, latency, retries and the last rate-limit remaining into m. One
// Metrics can be shared by the Clients of several panels; the panel label tells them apart.
func WithMetrics(m *Metrics) Option {
	return func(c *config) error {
		c.metrics = m
		return nil
	}
}

// WithName sets the panel label of metrics and logs (default: the host of the base URL).
func WithName(name string) Option {
	return func(c *config) error {
		c.name = name
		return nil
	}
}

// WithClock replaces the wall clock, for tests.
func WithClock(clk Clock) Option {
	return func(c *config) error {
		if clk == nil {
			return errorf("clock must not be nil")
		}
		c.clock = clk
		return nil
	}
}

// WithUserAgent replaces the default User-Agent ("pterodactyl-operator").
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		c.userAgent = ua
		return nil
	}
}
