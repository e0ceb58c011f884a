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
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync"
	"testing"
	"time"
)

const (
	testAppKey    = "ptla_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJK"
	testClientKey = "ptlc_ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvutsrq"
)

// fakeClock advances only when slept on, so tests can assert every wait without sleeping.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Now()} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sleeps = append(f.sleeps, d)
	if d > 0 {
		f.now = f.now.Add(d)
	}
	return nil
}

func (f *fakeClock) Sleeps() []time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]time.Duration(nil), f.sleeps...)
}

// recorded is one request as the fake panel saw it.
type recorded struct {
	Method  string
	Path    string // escaped
	Query   url.Values
	Header  http.Header
	Body    []byte
	RawBody string
}

type reply struct {
	status int
	body   string
	header map[string]string
}

// fakePanel records requests and answers them from respond (request index from 0).
type fakePanel struct {
	t       *testing.T
	mu      sync.Mutex
	reqs    []recorded
	respond func(n int, r *http.Request) reply
	srv     *httptest.Server
}

func newFakePanel(t *testing.T, respond func(n int, r *http.Request) reply) *fakePanel {
	t.Helper()
	p := &fakePanel{t: t, respond: respond}
	p.srv = httptest.NewServer(p)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *fakePanel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	p.mu.Lock()
	n := len(p.reqs)
	p.reqs = append(p.reqs, recorded{
		Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(),
		Header: r.Header.Clone(), Body: body, RawBody: string(body),
	})
	p.mu.Unlock()
	rep := p.respond(n, r)
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	if rep.body != "" && w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", "application/json")
	}
	if rep.status == 0 {
		rep.status = http.StatusOK
	}
	w.WriteHeader(rep.status)
	_, _ = io.WriteString(w, rep.body)
}

func (p *fakePanel) requests() []recorded {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]recorded(nil), p.reqs...)
}

// always answers every request the same way.
func always(status int, body string) func(int, *http.Request) reply {
	return func(int, *http.Request) reply { return reply{status: status, body: body} }
}

// sequence answers request i with replies[i] (the last one repeats).
func sequence(replies ...reply) func(int, *http.Request) reply {
	return func(n int, _ *http.Request) reply {
		if n >= len(replies) {
			n = len(replies) - 1
		}
		return replies[n]
	}
}

// newTestClient returns a client for p with a fake clock, deterministic jitter and no rate limit
// unless opts say otherwise.
func newTestClient(t *testing.T, p *fakePanel, opts ...Option) (*Client, *fakeClock) {
	t.Helper()
	clk := newFakeClock()
	base := []Option{WithClock(clk), WithRequestsPerMinute(0), WithClientKey(testClientKey)}
	c, err := NewClient(p.srv.URL, testAppKey, append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	c.jitter = func(d time.Duration) time.Duration { return d }
	return c, clk
}

// jsonEqual compares two JSON documents semantically.
func jsonEqual(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("request body is not JSON: %v: %s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expected JSON: %v: %s", err, want)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("request body\n got: %s\nwant: %s", got, want)
	}
}

// decodeInto decodes an {"object","attributes"} document into v's attributes.
func decodeInto[T any](t *testing.T, doc string, v *T) {
	t.Helper()
	var it item[T]
	if err := json.Unmarshal([]byte(doc), &it); err != nil {
		t.Fatal(err)
	}
	*v = it.Attributes
}
