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
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxBodyBytes bounds what is read from the panel; a 100-server page with every include is well
// under 1 MiB.
const maxBodyBytes = 32 << 20

type apiKind int

const (
	applicationAPI apiKind = iota
	clientAPI
)

// String is the api label of the rate-limit metric.
func (k apiKind) String() string {
	if k == clientAPI {
		return "client"
	}
	return "application"
}

// call describes one logical request. route is the template ("/api/application/servers/{server}")
// used for metrics and logs; params fill its placeholders in order.
type call struct {
	method string
	route  string
	params []string
	query  url.Values
	body   any
	// raw, when set, is sent as the body as it is (a file's content), with rawType as its
	// Content-Type, instead of body as JSON.
	raw     []byte
	rawType string
	api     apiKind
	// list marks a page of a collection: its requests count as purpose "list", not "observe".
	list bool
	// anyKey lets a client API call go with the application key when there is no client key: for
	// a probe that only asks whether a route exists.
	anyKey bool
	// replaces marks a POST that sets every field of an existing object (the client API routes
	// its updates as POST): sending it twice does what sending it once does, like a PATCH.
	replaces bool
}

// idempotent reports whether sending the call again after a failure is harmless.
func (cl *call) idempotent() bool { return cl.replaces || idempotent(cl.method) }

// Purposes of a request, as pterodactyl_panel_requests_total's purpose label gives them: reading
// one object, reading a page of a collection, or changing something.
const (
	PurposeObserve = "observe"
	PurposeList    = "list"
	PurposeWrite   = "write"
)

// purpose says what a request is for, so the budget can be read by purpose.
func (cl *call) purpose() string {
	switch {
	case cl.list:
		return PurposeList
	case cl.method == http.MethodGet:
		return PurposeObserve
	default:
		return PurposeWrite
	}
}

func newCall(method, route string, params ...any) *call {
	ps := make([]string, len(params))
	for i, p := range params {
		ps[i] = fmt.Sprint(p)
	}
	return &call{method: method, route: route, params: ps}
}

// path expands the route template; each parameter is escaped so an external id like "a/b c" stays
// one path segment.
func (cl *call) path() (string, error) {
	var b strings.Builder
	rest := cl.route
	i := 0
	for {
		open := strings.IndexByte(rest, '{')
		if open < 0 {
			b.WriteString(rest)
			break
		}
		end := strings.IndexByte(rest[open:], '}')
		if end < 0 {
			return "", errorf("bad route template %q", cl.route)
		}
		if i >= len(cl.params) {
			return "", errorf("route %q: missing parameter", cl.route)
		}
		if cl.params[i] == "" {
			return "", errorf("route %q: empty parameter %s", cl.route, rest[open:open+end+1])
		}
		b.WriteString(rest[:open])
		b.WriteString(url.PathEscape(cl.params[i]))
		i++
		rest = rest[open+end+1:]
	}
	return b.String(), nil
}

func (c *Client) url(cl *call) (string, error) {
	p, err := cl.path()
	if err != nil {
		return "", err
	}
	u := *c.base
	escaped := u.EscapedPath() + p
	if u.Path, err = url.PathUnescape(escaped); err != nil {
		return "", errorf("bad path %q: %v", escaped, err)
	}
	u.RawPath = escaped
	if len(cl.query) > 0 {
		u.RawQuery = cl.query.Encode()
	}
	return u.String(), nil
}

func (c *Client) keyFor(kind apiKind) (string, error) {
	if kind == applicationAPI {
		return c.appKey, nil
	}
	if c.clientKey != "" {
		return c.clientKey, nil
	}
	// A root admin's client key also works on the application API, so it may have been given as
	// the application key.
	if strings.HasPrefix(c.appKey, "ptlc_") {
		return c.appKey, nil
	}
	return "", ErrClientKeyRequired
}

// HasClientKey reports whether client API calls have a key to send (WithClientKey, or a client
// key given as the application key); without one they fail with ErrClientKeyRequired.
func (c *Client) HasClientKey() bool {
	_, err := c.keyFor(clientAPI)
	return err == nil
}

// do runs cl with rate limiting and retries and decodes a 2xx body into out (unless out is nil).
func (c *Client) do(ctx context.Context, cl *call, out any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	key, err := c.keyFor(cl.api)
	if errors.Is(err, ErrClientKeyRequired) && cl.anyKey {
		key, err = c.appKey, nil
	}
	if err != nil {
		return err
	}
	target, err := c.url(cl)
	if err != nil {
		return err
	}
	body := cl.raw
	if cl.body != nil {
		if body, err = json.Marshal(cl.body); err != nil {
			return errorf("encoding %s %s: %v", cl.method, cl.route, err)
		}
	}
	for attempt := 1; ; attempt++ {
		if err := c.waitTurn(ctx, cl); err != nil {
			return err
		}
		res := c.attempt(ctx, cl, target, key, body, out, attempt)
		if res.err == nil {
			return nil
		}
		if ctx.Err() != nil {
			// The caller gave up; report that rather than what the cancellation broke.
			return fmt.Errorf("panel: %s %s: %w", cl.method, cl.route, ctx.Err())
		}
		delay, reason, ok := c.shouldRetry(ctx, cl, res, attempt)
		if !ok {
			return res.err
		}
		now := c.clock.Now()
		if exceedsDeadline(ctx, now, delay) {
			return res.err
		}
		c.metrics.retried(c.name, cl.method, cl.route, reason)
		c.logRetry(cl, reason, attempt, delay)
		if err := c.clock.Sleep(ctx, delay); err != nil {
			return fmt.Errorf("panel: %s %s: %w", cl.method, cl.route, err)
		}
	}
}

type result struct {
	status     int // 0 for transport errors
	retryAfter time.Duration
	err        error
}

func (c *Client) shouldRetry(ctx context.Context, cl *call, res result, attempt int) (time.Duration, string, bool) {
	if attempt >= c.retry.MaxAttempts {
		return 0, "", false
	}
	switch {
	case res.status == http.StatusTooManyRequests:
		// The panel throttles before it runs anything, so even a POST is safe to send again.
		d := res.retryAfter
		if d <= 0 {
			d = c.jitter(c.retry.backoff(attempt))
		}
		if d > c.retry.MaxDelay {
			return 0, "", false
		}
		return d, "rate_limited", true
	case res.status != 0 && c.retry.retriesStatus(res.status) && cl.idempotent():
		return c.jitter(c.retry.backoff(attempt)), "status_" + strconv.Itoa(res.status), true
	case res.status == 0 && cl.idempotent() && !errors.Is(res.err, errDecode):
		// A dropped connection or a per-attempt timeout: the request may have run, which is
		// harmless only for idempotent methods.
		delay := c.jitter(c.retry.backoff(attempt))
		var timedOut *TimeoutError
		if errors.As(res.err, &timedOut) && !c.roomForAnotherAttempt(ctx, delay) {
			return 0, "", false
		}
		return delay, "network", true
	}
	return 0, "", false
}

var errDecode = errors.New("decoding response")

// rawResponse, given to do as out, receives a 2xx body as it is (a file's content), not decoded.
type rawResponse []byte

// bodyDecoder, given to do as out, decodes a 2xx body itself (a page in its wire shape, wire.go).
type bodyDecoder interface {
	decodeBody(data []byte) error
}

// decodeBody decodes a 2xx body into out.
func decodeBody(data []byte, out any) error {
	if d, ok := out.(bodyDecoder); ok {
		return d.decodeBody(data)
	}
	return unmarshal(data, out)
}

func (c *Client) attempt(ctx context.Context, cl *call, target, key string, body []byte, out any, attempt int) result {
	// A child of the caller's context, so the caller's own deadline still bounds the attempt.
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rdr io.Reader
	if body != nil {
		rdr = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, target, rdr)
	if err != nil {
		return result{err: errorf("building %s %s: %v", cl.method, cl.route, err)}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("User-Agent", c.userAgent)
	switch {
	case cl.raw != nil:
		req.Header.Set("Content-Type", cl.rawType)
	case body != nil:
		req.Header.Set("Content-Type", "application/json")
	}

	start := c.clock.Now()
	c.sent.Add(1)
	resp, err := c.hc.Do(req)
	if err != nil {
		dur := c.clock.Now().Sub(start)
		c.metrics.observe(c.name, cl, "error", dur)
		c.logFailure(cl, attempt, dur, err, key)
		return result{err: c.transportError(parent, ctx, cl, err)}
	}
	defer func() { _ = resp.Body.Close() }()
	data, readErr := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	now := c.clock.Now()
	dur := now.Sub(start)
	retryAfter := c.observeRateLimit(cl, resp.StatusCode, resp.Header, now)
	c.metrics.observe(c.name, cl, strconv.Itoa(resp.StatusCode), dur)
	c.logResponse(cl, resp.StatusCode, attempt, dur)

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := newAPIError(resp.StatusCode, data, key)
		apiErr.Method, apiErr.Route, apiErr.RetryAfter = cl.method, cl.route, retryAfter
		return result{status: resp.StatusCode, retryAfter: retryAfter, err: apiErr}
	}
	if readErr != nil {
		// The panel answered 2xx, so it did the work; only the body was lost. Treated like a
		// network error: retried for idempotent methods only.
		return result{err: c.transportError(parent, ctx, cl, fmt.Errorf("reading response: %w", readErr))}
	}
	if out == nil {
		return result{status: resp.StatusCode}
	}
	if raw, ok := out.(*rawResponse); ok {
		*raw = data
		return result{status: resp.StatusCode}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return result{status: resp.StatusCode, err: fmt.Errorf("panel: %s %s: %w: empty body with status %d",
			cl.method, cl.route, errDecode, resp.StatusCode)}
	}
	if err := decodeBody(data, out); err != nil {
		return result{status: resp.StatusCode, err: fmt.Errorf("panel: %s %s: %w: %w", cl.method, cl.route, errDecode, err)}
	}
	return result{status: resp.StatusCode}
}

// redact removes the key from text that may echo it (a misbehaving proxy's error page, a URL).
func redact(s, key string) string {
	if key == "" {
		return s
	}
	return strings.ReplaceAll(s, key, "[redacted]")
}

// transportError wraps an attempt's failure to get an answer; when the attempt's own timeout
// (not the caller's context) ended it, the error says how long the panel was given.
func (c *Client) transportError(parent, attemptCtx context.Context, cl *call, err error) error {
	if parent.Err() == nil && errors.Is(attemptCtx.Err(), context.DeadlineExceeded) {
		return &TimeoutError{Method: cl.method, Route: cl.route, After: c.timeout, Err: err}
	}
	return fmt.Errorf("panel: %s %s: %w", cl.method, cl.route, err)
}
