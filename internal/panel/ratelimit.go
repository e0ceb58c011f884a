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
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// fallbackHold is how long requests are held when the panel reports X-RateLimit-Remaining: 0
// without saying when its window resets. Laravel only sends the reset time with the 429 itself,
// so a short hold is enough: the next request either passes or brings back an exact Retry-After.
const fallbackHold = time.Second

// panelShare is the most of the panel's own limit a budget spends: the rest is left to the
// people and other tools using the same admin's keys, whom the panel counts in one bucket.
const panelShare = 0.9

// budget is one throttled API's share of a Client: a token bucket, and what the panel's
// headers last said about its own window.
type budget struct {
	limiter *rate.Limiter
	// configured is the budget asked for (WithRequestsPerMinute); 0 is unlimited.
	configured int

	mu        sync.Mutex
	heldUntil time.Time // no request leaves before this (the panel said no requests remain)
	remaining int       // the panel's last X-RateLimit-Remaining; -1 until one is seen
	// panelLimit is the panel's X-RateLimit-Limit, 0 until one is seen; inForce is the budget
	// the limiter holds: configured, lowered to panelShare of panelLimit.
	panelLimit, inForce int
}

func newBudget(perMinute int) *budget {
	return &budget{limiter: newLimiter(perMinute), configured: perMinute, inForce: perMinute, remaining: -1}
}

// learnLimit takes the panel's own limit per minute into account: the budget in force never
// exceeds panelShare of it, whatever was configured, so a panel with a lower limit than the
// operator was told (a hosting company's 120/min, say) is not run into 429s. A client built
// without a budget (0: the panel's own limit and Retry-After alone pace it) keeps none.
func (bg *budget) learnLimit(panelLimit int) {
	bg.mu.Lock()
	defer bg.mu.Unlock()
	if panelLimit <= 0 || panelLimit == bg.panelLimit {
		return
	}
	bg.panelLimit = panelLimit
	if bg.configured <= 0 {
		return
	}
	inForce := min(bg.configured, max(1, int(float64(panelLimit)*panelShare)))
	if inForce == bg.inForce {
		return
	}
	bg.inForce = inForce
	bg.limiter.SetLimit(rate.Limit(float64(inForce) / 60))
	bg.limiter.SetBurst(Burst(inForce))
}

// newLimiter returns a budget's token bucket.
func newLimiter(perMinute int) *rate.Limiter {
	if perMinute <= 0 {
		return rate.NewLimiter(rate.Inf, 0)
	}
	return rate.NewLimiter(rate.Limit(float64(perMinute)/60), Burst(perMinute))
}

// Burst is the burst of a budget of perMinute requests: a twentieth of it, so that a resync of
// many objects starts quickly but cannot exceed the panel's fixed window (the default 200/min +
// 10 burst stays under the panel's 240).
func Burst(perMinute int) int { return max(1, perMinute/20) }

// waitTurn blocks until a request may leave: first any hold the panel asked for, then a token.
func (c *Client) waitTurn(ctx context.Context, cl *call) error {
	bg := c.budgets[cl.api]
	now := c.clock.Now()
	bg.mu.Lock()
	until := bg.heldUntil
	bg.mu.Unlock()
	if wait := until.Sub(now); wait > 0 {
		if wait > c.retry.MaxDelay || exceedsDeadline(ctx, now, wait) {
			// Waiting here would block a worker for longer than a retry is worth; hand the
			// wait back to the caller as a rate-limit error it can requeue on.
			return &APIError{
				StatusCode: http.StatusTooManyRequests,
				Method:     cl.method,
				Route:      cl.route,
				RetryAfter: wait,
				Errors: []ErrorItem{{
					Code:   "ClientSideRateLimitHold",
					Status: "429",
					Detail: "the panel reported no remaining requests; held locally until its window resets",
				}},
			}
		}
		if err := c.clock.Sleep(ctx, wait); err != nil {
			return err
		}
		now = c.clock.Now()
	}
	r := bg.limiter.ReserveN(now, 1)
	if !r.OK() {
		return errorf("rate limiter refused the request")
	}
	if d := r.DelayFrom(now); d > 0 {
		if err := c.clock.Sleep(ctx, d); err != nil {
			r.CancelAt(c.clock.Now())
			return err
		}
	}
	return nil
}

// observeRateLimit reads the panel's throttle headers: it exports the remaining budget and, when
// nothing remains, holds every later request until the window resets.
func (c *Client) observeRateLimit(cl *call, status int, h http.Header, now time.Time) (retryAfter time.Duration) {
	bg := c.budgets[cl.api]
	retryAfter = parseRetryAfter(h.Get("Retry-After"), now)
	if limit, err := strconv.Atoi(h.Get("X-RateLimit-Limit")); err == nil {
		bg.learnLimit(limit)
	}
	n, err := strconv.Atoi(h.Get("X-RateLimit-Remaining"))
	if err == nil {
		c.metrics.setRemaining(c.name, cl.api.String(), n)
		bg.mu.Lock()
		bg.remaining = n
		bg.mu.Unlock()
	}
	// A 429 means nothing remains even when a proxy stripped the X-RateLimit headers. One that
	// says requests remain is not the key's budget but a limit of one action (the panel's backup
	// throttle, per server): it must not hold every other call.
	exhausted := (err == nil && n <= 0) || (status == http.StatusTooManyRequests && err != nil)
	if !exhausted {
		return retryAfter
	}
	hold := retryAfter
	if hold <= 0 {
		if reset, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			hold = time.Unix(reset, 0).Sub(now)
		}
	}
	if hold <= 0 {
		hold = fallbackHold
	}
	bg.mu.Lock()
	if until := now.Add(hold); until.After(bg.heldUntil) {
		bg.heldUntil = until
	}
	bg.mu.Unlock()
	return retryAfter
}

// parseRetryAfter accepts both forms of RFC 9110: delay-seconds and an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

func exceedsDeadline(ctx context.Context, now time.Time, wait time.Duration) bool {
	dl, ok := ctx.Deadline()
	return ok && now.Add(wait).After(dl)
}

// RequestsSent is how many requests the client has sent to the panel, retries included: what it
// has spent of the panel's budget.
func (c *Client) RequestsSent() int64 { return c.sent.Load() }

// RateLimitRemaining returns the X-RateLimit-Remaining of the panel's last application API
// answer, and false when no answer carried one yet.
func (c *Client) RateLimitRemaining() (int, bool) {
	bg := c.budgets[applicationAPI]
	bg.mu.Lock()
	defer bg.mu.Unlock()
	return bg.remaining, bg.remaining >= 0
}

// RateLimit returns, for the application API, the panel's own limit per minute (its
// X-RateLimit-Limit, 0 until an answer carried one) and the budget in force: the configured one,
// never above 90% of the panel's.
func (c *Client) RateLimit() (panelLimit, inForce int) {
	bg := c.budgets[applicationAPI]
	bg.mu.Lock()
	defer bg.mu.Unlock()
	return bg.panelLimit, bg.inForce
}
