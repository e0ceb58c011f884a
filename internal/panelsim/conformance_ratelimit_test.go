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

package panelsim_test

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// panel-api.md §1: the per-user fixed window, its headers and the 429.

func rateLimited(limit int) option {
	return func(o *panelsim.Options) { o.RateLimitPerMinute = limit }
}

func wantRateHeaders(t *testing.T, r *response, limit, remaining int) {
	t.Helper()
	if got := r.header.Get("X-RateLimit-Limit"); got != strconv.Itoa(limit) {
		t.Errorf("X-RateLimit-Limit %q, want %d", got, limit)
	}
	if got := r.header.Get("X-RateLimit-Remaining"); got != strconv.Itoa(remaining) {
		t.Errorf("X-RateLimit-Remaining %q, want %d", got, remaining)
	}
}

func TestRateLimitHeadersAndThrottle(t *testing.T) {
	e := newEnv(t, rateLimited(3))
	start := e.clock.Now()

	r := e.get("/users")
	wantStatus(t, r, http.StatusOK)
	wantRateHeaders(t, r, 3, 2)

	// 4xx answers after the throttle carry the headers too, and count.
	r = e.get("/users/999")
	wantStatus(t, r, http.StatusNotFound)
	wantRateHeaders(t, r, 3, 1)
	r = e.post("/users", map[string]any{})
	wantStatus(t, r, http.StatusUnprocessableEntity)
	wantRateHeaders(t, r, 3, 0)

	e.clock.Advance(20 * time.Second)
	r = e.get("/users")
	wantError(t, r, http.StatusTooManyRequests, "ThrottleRequestsException", "Too Many Attempts.")
	wantRateHeaders(t, r, 3, 0)
	if got := r.header.Get("Retry-After"); got != "40" {
		t.Errorf("Retry-After %q, want 40 (seconds left in the window)", got)
	}
	if got := r.header.Get("X-RateLimit-Reset"); got != strconv.FormatInt(start.Add(time.Minute).Unix(), 10) {
		t.Errorf("X-RateLimit-Reset %q, want %d", got, start.Add(time.Minute).Unix())
	}
	// A throttled write changes nothing.
	wantStatus(t, e.post("/locations", map[string]any{"short": "throttled"}), http.StatusTooManyRequests)

	e.clock.Advance(41 * time.Second)
	r = e.get("/users")
	wantStatus(t, r, http.StatusOK)
	wantRateHeaders(t, r, 3, 2)
	if len(e.sim.State().Locations) != 2 {
		t.Error("a throttled create was applied")
	}
}

func TestRateLimitDefaultIs240(t *testing.T) {
	e := newEnv(t, rateLimited(0))
	wantRateHeaders(t, e.get("/users"), 240, 239)
}

func TestRateLimitAdminKeysShareOneBucket(t *testing.T) {
	second := appKeyWith("second", nil) // another key of the same admin
	e := newEnv(t, rateLimited(3), withKeys(second))
	wantRateHeaders(t, e.get("/users"), 3, 2)
	wantRateHeaders(t, e.get("/users", withKey(e.clientKey)), 3, 1)
	wantRateHeaders(t, e.get("/users", withKey(second.Token)), 3, 0)
	for _, key := range []string{e.appKey, e.clientKey, second.Token} {
		wantStatus(t, e.get("/users", withKey(key)), http.StatusTooManyRequests)
	}
}

func TestRateLimitIgnoresUnauthenticatedRequests(t *testing.T) {
	e := newEnv(t, rateLimited(3))
	for i := 0; i < 5; i++ {
		r := e.get("/users", withKey("ptla_wrong"))
		wantStatus(t, r, http.StatusUnauthorized)
		if r.header.Get("X-RateLimit-Limit") != "" {
			t.Error("an unauthenticated answer carries rate-limit headers")
		}
	}
	for i := 0; i < 3; i++ {
		wantStatus(t, e.get("/users"), http.StatusOK)
	}
}

func TestRateLimitClientAPIHasItsOwnBucket(t *testing.T) {
	e := newEnv(t, rateLimited(1), func(o *panelsim.Options) { o.ClientRateLimitPerMinute = 0 })
	wantStatus(t, e.get("/users"), http.StatusOK)
	wantStatus(t, e.get("/users"), http.StatusTooManyRequests)
	r := e.clientAPI(http.MethodGet, "/servers/nope1234", nil)
	wantStatus(t, r, http.StatusNotFound)
	wantRateHeaders(t, r, 720, 719)
}

// IsValidJson refuses a malformed body before the throttle middleware runs (Laravel's middleware
// priority puts ThrottleRequests after auth, and IsValidJson sits right behind auth:sanctum), so
// the 400 has no X-RateLimit-* headers, does not count, and is given even to a spent bucket.
func TestRateLimitSkipsMalformedJSON(t *testing.T) {
	e := newEnv(t, rateLimited(2), func(o *panelsim.Options) { o.ClientRateLimitPerMinute = 0 })
	noRateHeaders := func(t *testing.T, r *response) {
		t.Helper()
		wantError(t, r, http.StatusBadRequest, "BadRequestHttpException",
			"The JSON data passed in the request appears to be malformed: Syntax error")
		for _, h := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After", "X-RateLimit-Reset"} {
			if v := r.header.Get(h); v != "" {
				t.Errorf("%s: %q on a malformed-JSON answer", h, v)
			}
		}
	}
	wantRateHeaders(t, e.get("/users"), 2, 1)
	for i := 0; i < 3; i++ {
		noRateHeaders(t, e.post("/users", `{"email":`))
		noRateHeaders(t, e.clientAPI(http.MethodPost, "/servers/nope1234/power", `{"signal":`))
	}
	wantRateHeaders(t, e.get("/users"), 2, 0)
	wantRateHeaders(t, e.clientAPI(http.MethodGet, "/servers/nope1234", nil), 720, 719)

	// The bucket is spent: a well-formed request is a 429, a malformed one still the 400.
	wantStatus(t, e.post("/users", userBody("late")), http.StatusTooManyRequests)
	noRateHeaders(t, e.post("/users", `{"email":`))
}
