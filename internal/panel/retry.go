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
	"math/rand/v2"
	"net/http"
	"slices"
	"time"
)

// RetryPolicy says how often and when a request is tried again.
type RetryPolicy struct {
	// MaxAttempts counts the first try; 1 disables retries. Default 4.
	MaxAttempts int
	// BaseDelay is the first backoff; it doubles per attempt up to MaxDelay. Default 500ms.
	BaseDelay time.Duration
	// MaxDelay caps a backoff. It also caps how long a 429's Retry-After (or a local hold after
	// X-RateLimit-Remaining reached 0) is waited for inside a call: longer waits are returned as a
	// rate-limited *APIError with RetryAfter set, so that a controller can requeue instead of
	// blocking a worker. Default 30s.
	MaxDelay time.Duration
	// RetryOnStatus lists the statuses retried for idempotent methods. nil means 502, 503, 504.
	RetryOnStatus []int
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts == 0 {
		p.MaxAttempts = 4
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = 30 * time.Second
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	if p.RetryOnStatus == nil {
		p.RetryOnStatus = []int{http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout}
	}
	return p
}

func (p RetryPolicy) retriesStatus(code int) bool { return slices.Contains(p.RetryOnStatus, code) }

// backoff returns the un-jittered delay before attempt+1: BaseDelay * 2^(attempt-1), capped.
func (p RetryPolicy) backoff(attempt int) time.Duration {
	d := p.BaseDelay
	for i := 1; i < attempt; i++ {
		d *= 2
		if d >= p.MaxDelay || d <= 0 {
			return p.MaxDelay
		}
	}
	return min(d, p.MaxDelay)
}

// idempotent reports whether repeating method cannot create or change anything twice. The panel's
// PATCH routes replace the whole resource state (details, build, startup, users, nodes,
// locations), so sending the same PATCH twice leaves the same state: they are idempotent here even
// though PATCH is not in general. POST is never idempotent: a create, a reinstall or a power signal
// may already have run when a 5xx or a dropped connection comes back.
func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPatch, http.MethodOptions:
		return true
	}
	return false
}

// equalJitter keeps half of d and randomises the other half, so that many controllers retrying
// the same outage do not hit the panel in lockstep while each still waits at least d/2.
func equalJitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half+1)
}
