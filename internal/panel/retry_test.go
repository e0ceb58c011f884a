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
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

const throttled = `{"errors":[{"code":"ThrottleRequestsException","status":"429","detail":"Too Many Attempts."}]}`

const daemonDown = `{"errors":[{"code":"DaemonConnectionException","status":"503","detail":"There was an error while communicating with the machine running this server."}]}`

func TestIdempotentRequestsRetryConfiguredStatuses(t *testing.T) {
	for _, method := range []string{"GET", "PATCH", "DELETE"} {
		t.Run(method, func(t *testing.T) {
			p := newFakePanel(t, sequence(reply{status: 503, body: daemonDown}, reply{status: 502, body: "<html>bad gateway</html>"}, reply{status: 200, body: serverBare}))
			c, clk := newTestClient(t, p)
			var err error
			switch method {
			case "GET":
				_, err = c.Servers.Get(context.Background(), 42)
			case "PATCH":
				_, err = c.Servers.UpdateDetails(context.Background(), 42, ServerDetailsRequest{Name: "x", User: 1})
			case "DELETE":
				p.respond = sequence(reply{status: 503, body: daemonDown}, reply{status: 502}, reply{status: 204})
				err = c.Servers.Delete(context.Background(), 42)
			}
			if err != nil {
				t.Fatal(err)
			}
			if n := len(p.requests()); n != 3 {
				t.Fatalf("%d requests, want 3", n)
			}
			// Exponential: 500ms then 1s (jitter is the identity in tests).
			if got, want := clk.Sleeps(), []time.Duration{500 * time.Millisecond, time.Second}; !reflect.DeepEqual(got, want) {
				t.Fatalf("sleeps %v, want %v", got, want)
			}
		})
	}
}

func TestPOSTIsNeverRetriedOn5xx(t *testing.T) {
	p := newFakePanel(t, always(504, `{"errors":[{"code":"DaemonConnectionException","status":"504","detail":"Could not establish a connection to the machine running this server. Please try again."}]}`))
	c, clk := newTestClient(t, p)
	_, err := c.Servers.Create(context.Background(), ServerCreateRequest{Name: "x"})
	if !IsDaemonError(err) {
		t.Fatalf("err = %v", err)
	}
	if n := len(p.requests()); n != 1 {
		t.Fatalf("a create was sent %d times", n)
	}
	if len(clk.Sleeps()) != 0 {
		t.Fatalf("slept %v", clk.Sleeps())
	}
}

func TestRetriesStopAfterMaxAttempts(t *testing.T) {
	p := newFakePanel(t, always(503, daemonDown))
	c, clk := newTestClient(t, p, WithRetry(RetryPolicy{MaxAttempts: 4, BaseDelay: time.Second, MaxDelay: 3 * time.Second}))
	_, err := c.Nodes.Get(context.Background(), 1)
	if e, ok := AsAPIError(err); !ok || e.StatusCode != 503 {
		t.Fatalf("err = %v", err)
	}
	if n := len(p.requests()); n != 4 {
		t.Fatalf("%d requests, want 4", n)
	}
	if got, want := clk.Sleeps(), []time.Duration{time.Second, 2 * time.Second, 3 * time.Second}; !reflect.DeepEqual(got, want) {
		t.Fatalf("sleeps %v, want %v (capped at MaxDelay)", got, want)
	}
}

func TestRetryOnStatusIsConfigurable(t *testing.T) {
	p := newFakePanel(t, sequence(reply{status: 500, body: `{"errors":[]}`}, reply{status: 200, body: userJSON}))
	c, _ := newTestClient(t, p, WithRetry(RetryPolicy{RetryOnStatus: []int{500}}))
	if _, err := c.Users.Get(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	p2 := newFakePanel(t, always(503, daemonDown))
	c2, _ := newTestClient(t, p2, WithRetry(RetryPolicy{RetryOnStatus: []int{}}))
	if _, err := c2.Users.Get(context.Background(), 7); err == nil || len(p2.requests()) != 1 {
		t.Fatalf("empty RetryOnStatus still retried: %v, %d requests", err, len(p2.requests()))
	}
}

func TestTooManyRequestsRetriedAfterRetryAfterEvenForPOST(t *testing.T) {
	p := newFakePanel(t, sequence(
		reply{status: 429, body: throttled, header: map[string]string{"Retry-After": "3", "X-RateLimit-Limit": "240", "X-RateLimit-Remaining": "0"}},
		reply{status: 201, body: serverBare, header: map[string]string{"X-RateLimit-Limit": "240", "X-RateLimit-Remaining": "239"}},
	))
	c, clk := newTestClient(t, p)
	if _, err := c.Servers.Create(context.Background(), ServerCreateRequest{Name: "x"}); err != nil {
		t.Fatal(err)
	}
	if n := len(p.requests()); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
	// The 429 both holds the client (3s) and is the retry delay (3s); the hold has passed by the
	// time the retry leaves, so there is exactly one wait.
	if got := clk.Sleeps(); !reflect.DeepEqual(got, []time.Duration{3 * time.Second}) {
		t.Fatalf("sleeps %v, want [3s]", got)
	}
}

func TestLongRetryAfterIsReturnedNotWaited(t *testing.T) {
	p := newFakePanel(t, always(429, throttled))
	p.respond = func(int, *http.Request) reply {
		return reply{status: 429, body: throttled, header: map[string]string{"Retry-After": "45", "X-RateLimit-Remaining": "0"}}
	}
	c, clk := newTestClient(t, p, WithRetry(RetryPolicy{MaxDelay: 10 * time.Second}))
	_, err := c.Users.Get(context.Background(), 1)
	if !IsRateLimited(err) || RetryAfter(err) != 45*time.Second {
		t.Fatalf("err = %v", err)
	}
	if len(clk.Sleeps()) != 0 || len(p.requests()) != 1 {
		t.Fatalf("waited %v over %d requests", clk.Sleeps(), len(p.requests()))
	}
	// The next call is held locally and answered without reaching the panel.
	_, err = c.Users.Get(context.Background(), 1)
	if !IsRateLimited(err) || ErrorCode(err) != "ClientSideRateLimitHold" || RetryAfter(err) != 45*time.Second {
		t.Fatalf("held call: %v", err)
	}
	if len(p.requests()) != 1 {
		t.Fatal("a held request reached the panel")
	}
}

func TestRetryAfterBeyondDeadlineIsReturned(t *testing.T) {
	p := newFakePanel(t, func(int, *http.Request) reply {
		return reply{status: 429, body: throttled, header: map[string]string{"Retry-After": "5"}}
	})
	c, clk := newTestClient(t, p)
	clk.now = time.Now() // deadlines are wall-clock
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := c.Users.Get(ctx, 1)
	if !IsRateLimited(err) || len(clk.Sleeps()) != 0 {
		t.Fatalf("err = %v, sleeps = %v", err, clk.Sleeps())
	}
}

func TestRemainingZeroHoldsUntilReset(t *testing.T) {
	c0 := newFakeClock()
	reset := c0.now.Add(5 * time.Second).Unix()
	p := newFakePanel(t, sequence(
		reply{status: 200, body: userJSON, header: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": strconv.FormatInt(reset, 10)}},
		reply{status: 200, body: userJSON, header: map[string]string{"X-RateLimit-Remaining": "239"}},
	))
	c, _ := newTestClient(t, p, WithClock(c0))
	for range 2 {
		if _, err := c.Users.Get(context.Background(), 7); err != nil {
			t.Fatal(err)
		}
	}
	s := c0.Sleeps()
	if len(s) != 1 || s[0] <= 4*time.Second || s[0] > 5*time.Second {
		t.Fatalf("sleeps %v, want one hold of about 5s", s)
	}
}

func TestRemainingZeroWithoutResetHoldsBriefly(t *testing.T) {
	p := newFakePanel(t, func(int, *http.Request) reply {
		return reply{status: 200, body: userJSON, header: map[string]string{"X-RateLimit-Remaining": "0"}}
	})
	c, clk := newTestClient(t, p)
	for range 2 {
		if _, err := c.Users.Get(context.Background(), 7); err != nil {
			t.Fatal(err)
		}
	}
	if got := clk.Sleeps(); !reflect.DeepEqual(got, []time.Duration{fallbackHold}) {
		t.Fatalf("sleeps %v", got)
	}
}

func TestTokenBucketPacesRequests(t *testing.T) {
	p := newFakePanel(t, always(200, userJSON))
	// 60/min = 1/s with a burst of 3.
	c, clk := newTestClient(t, p, WithRequestsPerMinute(60))
	for range 5 {
		if _, err := c.Users.Get(context.Background(), 7); err != nil {
			t.Fatal(err)
		}
	}
	if got := clk.Sleeps(); !reflect.DeepEqual(got, []time.Duration{time.Second, time.Second}) {
		t.Fatalf("sleeps %v, want [1s 1s]", got)
	}
}

func TestLimiterIsSharedByServices(t *testing.T) {
	p := newFakePanel(t, func(_ int, r *http.Request) reply {
		if r.URL.Path == "/api/application/users/7" {
			return reply{body: userJSON}
		}
		return reply{body: nodeJSON}
	})
	c, clk := newTestClient(t, p, WithRequestsPerMinute(20)) // burst 1, one every 3s
	if _, err := c.Users.Get(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Nodes.Get(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
	if got := clk.Sleeps(); !reflect.DeepEqual(got, []time.Duration{3 * time.Second}) {
		t.Fatalf("sleeps %v, want the second service to wait 3s", got)
	}
}

// The panel throttles its client API apart from the application API, so a client API call
// neither waits for the application budget nor is held by the application API's exhausted window.
func TestClientAPIHasItsOwnBudget(t *testing.T) {
	p := newFakePanel(t, func(_ int, r *http.Request) reply {
		if r.URL.Path == "/api/application/users/7" {
			return reply{body: userJSON, header: map[string]string{"X-RateLimit-Remaining": "0"}}
		}
		return reply{body: resourcesJSON, header: map[string]string{"X-RateLimit-Remaining": "700"}}
	})
	// Application: 20/min, burst 1. Client: 40/min, burst 2.
	c, clk := newTestClient(t, p, WithRequestsPerMinute(20), WithClientRequestsPerMinute(40))
	if _, err := c.Users.Get(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := c.ClientAPI.Resources(context.Background(), "d3aac109"); err != nil {
			t.Fatal(err)
		}
	}
	// Only the third client call waits, for the client bucket (1.5 s); the application
	// API's hold and empty bucket do not touch it.
	if got := clk.Sleeps(); !reflect.DeepEqual(got, []time.Duration{1500 * time.Millisecond}) {
		t.Fatalf("sleeps %v, want [1.5s]", got)
	}
	if n, ok := c.RateLimitRemaining(); !ok || n != 0 {
		t.Errorf("RateLimitRemaining = %d, %v; want the application API's 0", n, ok)
	}
}

func TestNetworkErrorsRetriedOnlyWhenIdempotent(t *testing.T) {
	drop := func(w http.ResponseWriter) {
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}
	newPanel := func(okBody string, okStatus int) *fakePanel {
		p := newFakePanel(t, nil)
		p.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p.mu.Lock()
			n := len(p.reqs)
			p.reqs = append(p.reqs, recorded{Method: r.Method, Path: r.URL.Path})
			p.mu.Unlock()
			if n == 0 {
				drop(w) // the request may have run, but its answer is lost
				return
			}
			w.WriteHeader(okStatus)
			_, _ = w.Write([]byte(okBody))
		})
		return p
	}

	p := newPanel(userJSON, 200)
	c, clk := newTestClient(t, p)
	if _, err := c.Users.Get(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	if len(p.requests()) != 2 || !reflect.DeepEqual(clk.Sleeps(), []time.Duration{500 * time.Millisecond}) {
		t.Fatalf("GET: %d requests, sleeps %v", len(p.requests()), clk.Sleeps())
	}

	p = newPanel(serverBare, 201)
	c, _ = newTestClient(t, p)
	if _, err := c.Servers.Create(context.Background(), ServerCreateRequest{}); err == nil {
		t.Fatal("a dropped create succeeded")
	}
	if n := len(p.requests()); n != 1 {
		t.Fatalf("POST sent %d times after a dropped connection", n)
	}
}

func TestPerRequestTimeout(t *testing.T) {
	p := newFakePanel(t, nil)
	p.respond = func(n int, r *http.Request) reply {
		if n == 0 {
			<-r.Context().Done() // hang until the client gives up
		}
		return reply{body: userJSON}
	}
	c, _ := newTestClient(t, p, WithTimeout(50*time.Millisecond))
	if _, err := c.Users.Get(context.Background(), 7); err != nil {
		t.Fatalf("the retry after a timeout failed: %v", err)
	}
	if n := len(p.requests()); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}

	p2 := newFakePanel(t, func(_ int, r *http.Request) reply { <-r.Context().Done(); return reply{} })
	c2, _ := newTestClient(t, p2, WithTimeout(50*time.Millisecond), WithRetry(RetryPolicy{MaxAttempts: 1}))
	_, err := c2.Users.Get(context.Background(), 7)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want DeadlineExceeded in the chain", err)
	}
}

func TestTimeoutIsTypedAndNotRetriedPastTheCallersDeadline(t *testing.T) {
	p := newFakePanel(t, func(_ int, r *http.Request) reply { <-r.Context().Done(); return reply{} })
	c, _ := newTestClient(t, p, WithTimeout(100*time.Millisecond))
	// Room for one attempt, not for two: the error comes after the first timeout, typed.
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err := c.Users.Get(ctx, 7)
	var te *TimeoutError
	if !errors.As(err, &te) || te.After != 100*time.Millisecond || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a TimeoutError after 100ms", err)
	}
	if !strings.Contains(err.Error(), "no answer within 100ms") {
		t.Fatalf("message %q does not say how long the panel was given", err)
	}
	if n := len(p.requests()); n != 1 {
		t.Fatalf("%d requests, want 1: a second attempt could not finish before the deadline", n)
	}
}

func TestDefaultRequestTimeoutAndInvalidTimeouts(t *testing.T) {
	c, err := NewClient("http://127.0.0.1:1", testAppKey)
	if err != nil {
		t.Fatal(err)
	}
	if c.timeout != DefaultRequestTimeout {
		t.Fatalf("default timeout %s, want %s", c.timeout, DefaultRequestTimeout)
	}
	for _, d := range []time.Duration{0, -time.Second} {
		if _, err := NewClient("http://127.0.0.1:1", testAppKey, WithTimeout(d)); err == nil {
			t.Fatalf("WithTimeout(%s) accepted", d)
		}
	}
}

func TestCanceledContext(t *testing.T) {
	p := newFakePanel(t, always(200, userJSON))
	c, _ := newTestClient(t, p)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Users.Get(ctx, 7); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	if len(p.requests()) != 0 {
		t.Fatal("a canceled call reached the panel")
	}
}

func TestClientKeyRequiredForClientAPI(t *testing.T) {
	p := newFakePanel(t, always(200, resourcesJSON))
	c, err := NewClient(p.srv.URL, testAppKey, WithClock(newFakeClock()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ClientAPI.Resources(context.Background(), "abc"); !errors.Is(err, ErrClientKeyRequired) {
		t.Fatalf("err = %v", err)
	}
	// A root admin's ptlc_ key given as the application key serves both APIs.
	c, _ = NewClient(p.srv.URL, testClientKey, WithClock(newFakeClock()))
	if _, err := c.ClientAPI.Resources(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	if got := p.requests()[0].Header.Get("Authorization"); got != "Bearer "+testClientKey {
		t.Fatalf("Authorization = %q", got)
	}
}

func TestBackoffAndJitter(t *testing.T) {
	p := RetryPolicy{BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}.withDefaults()
	want := []time.Duration{100, 200, 400, 800, 1000, 1000}
	for i, w := range want {
		if got := p.backoff(i + 1); got != w*time.Millisecond {
			t.Fatalf("backoff(%d) = %v, want %v", i+1, got, w*time.Millisecond)
		}
	}
	if got := p.backoff(200); got != time.Second {
		t.Fatalf("backoff overflowed: %v", got)
	}
	for range 1000 {
		if j := equalJitter(time.Second); j < 500*time.Millisecond || j > time.Second {
			t.Fatalf("jitter %v out of [d/2, d]", j)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"7":                             7 * time.Second,
		"-1":                            0,
		"soon":                          0,
		"Tue, 02 Jan 2024 03:04:15 GMT": 10 * time.Second,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestTooManyRequestsHoldsOtherCallsWithoutRateLimitHeaders(t *testing.T) {
	p := newFakePanel(t, sequence(
		reply{status: 429, body: throttled, header: map[string]string{"Retry-After": "20"}},
		reply{status: 200, body: nodeJSON},
	))
	c, clk := newTestClient(t, p)
	// MaxAttempts 1: the 429 comes back, and the next call (another service) waits out the hold.
	c.retry.MaxAttempts = 1
	if _, err := c.Users.Get(context.Background(), 7); !IsRateLimited(err) {
		t.Fatalf("err = %v", err)
	}
	if _, err := c.Nodes.Get(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
	if got := clk.Sleeps(); !reflect.DeepEqual(got, []time.Duration{20 * time.Second}) {
		t.Fatalf("sleeps %v, want [20s]", got)
	}
}

func TestConcurrentUse(t *testing.T) {
	p := newFakePanel(t, func(n int, _ *http.Request) reply {
		if n%5 == 0 {
			return reply{status: 200, body: userJSON, header: map[string]string{"X-RateLimit-Remaining": "0"}}
		}
		return reply{status: 200, body: userJSON, header: map[string]string{"X-RateLimit-Remaining": "100"}}
	})
	c, _ := newTestClient(t, p, WithRequestsPerMinute(600), WithMetrics(NewMetrics()))
	errs := make(chan error, 20)
	for range 20 {
		go func() {
			_, err := c.Users.Get(context.Background(), 7)
			errs <- err
		}()
	}
	for range 20 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestClientAPIUpdatesAreRetriedLikePATCH(t *testing.T) {
	p := newFakePanel(t, sequence(reply{status: 502, body: daemonDown}, reply{status: 200, body: `{"object":"server_schedule","attributes":` + scheduleAttrs + `}`}))
	c, _ := newTestClient(t, p)
	if _, err := c.ClientAPI.UpdateSchedule(context.Background(), "d3aac109", 3, ScheduleRequest{Name: "n"}); err != nil {
		t.Fatal(err)
	}
	if n := len(p.requests()); n != 2 {
		t.Fatalf("%d requests, want 2", n)
	}
	// A create is not: a second one would make a second schedule.
	p.respond = always(502, daemonDown)
	_, err := c.ClientAPI.CreateSchedule(context.Background(), "d3aac109", ScheduleRequest{Name: "n"})
	if !IsServerError(err) || len(p.requests()) != 3 {
		t.Fatalf("create: %v after %d requests", err, len(p.requests()))
	}
}

func TestActionThrottleDoesNotHoldTheBudget(t *testing.T) {
	throttled := `{"errors":[{"code":"TooManyRequestsHttpException","status":"429","detail":"Only 2 backups may be generated within a 600 second span of time."}]}`
	p := newFakePanel(t, sequence(
		reply{status: 429, body: throttled, header: map[string]string{"Retry-After": "600", "X-RateLimit-Limit": "720", "X-RateLimit-Remaining": "715"}},
		reply{status: 200, body: `{"object":"backup","attributes":` + backupAttrs + `}`},
	))
	c, clk := newTestClient(t, p)
	_, err := c.ClientAPI.CreateBackup(context.Background(), "d3aac109", BackupCreateRequest{})
	if HasErrorCode(err, CodeBackupThrottled) == false || RetryAfter(err) != 10*time.Minute {
		t.Fatalf("throttled create: %v", err)
	}
	if _, err := c.ClientAPI.GetBackup(context.Background(), "d3aac109", "0f4e2c5a"); err != nil {
		t.Fatal(err)
	}
	if len(clk.Sleeps()) != 0 {
		t.Fatalf("the next call waited %v", clk.Sleeps())
	}
}
