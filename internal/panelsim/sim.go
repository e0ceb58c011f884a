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

// Package panelsim is a faithful stand-in for a Pterodactyl 1.x panel: the Application API and
// the client API routes an operator uses, with the panel's validation rules, error JSON,
// pagination, includes, rate limit and server lifecycle, plus a control API under /_sim/ for
// tests (reset, state dump, request counts, fault injection). It deliberately shares no code with
// internal/panel, so a client bug cannot hide behind the same bug here.
package panelsim

import (
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"
)

// Sim is a simulated panel; it is an http.Handler, safe for concurrent use.
type Sim struct {
	opts   Options
	router router

	mu                sync.Mutex
	st                *state
	rng               *rand.Rand
	keys              map[string]*Key
	limits            map[string]*bucket
	faults            []*Fault
	wingsDown         map[int]bool // node id → Wings unreachable; 0 means every node
	installFailures   map[string]bool
	backupFailures    map[int]int // server id → how many of its next backups fail
	resources         map[int]resourceSnapshot
	counts            map[string]int
	appKey, clientKey string
}

// New returns a simulator seeded from o.Seed (or the default seed).
func New(o Options) *Sim {
	o.defaults()
	s := &Sim{opts: o, counts: map[string]int{}}
	s.routes()
	s.flavorRoutes()
	s.reset()
	return s
}

// ApplicationKey is the admin's application key.
func (s *Sim) ApplicationKey() string { return s.appKey }

// ClientKey is the admin's client key.
func (s *Sim) ClientKey() string { return s.clientKey }

// Close releases nothing today; it exists so callers can treat the simulator like a server.
func (s *Sim) Close() {}

// Reset returns to the seed: state, faults, rate-limit buckets and counters. Keys stay.
func (s *Sim) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reset()
}

func (s *Sim) reset() {
	s.rng = rand.New(rand.NewSource(s.opts.RandSeed))
	s.st = newState()
	s.limits = map[string]*bucket{}
	s.faults = nil
	s.wingsDown = map[int]bool{}
	s.installFailures = map[string]bool{}
	s.backupFailures = map[int]int{}
	s.resources = map[int]resourceSnapshot{}
	s.counts = map[string]int{}
	s.load(s.opts.Seed)
	// The keys are drawn once and kept, but their draws are made on every reset so that the
	// random sequence after a Reset is the one after New: same uuids, tokens and deploy picks.
	appKey, clientKey := "ptla_"+s.randomString(43), "ptlc_"+s.randomString(43)
	if s.appKey == "" {
		s.appKey = firstNonEmpty(s.opts.ApplicationKey, appKey)
		s.clientKey = firstNonEmpty(s.opts.ClientKey, clientKey)
	}
	admin := s.firstAdmin()
	s.keys = map[string]*Key{
		s.appKey:    {Token: s.appKey, UserID: admin},
		s.clientKey: {Token: s.clientKey, UserID: admin},
	}
	for i := range s.opts.ExtraKeys {
		k := s.opts.ExtraKeys[i]
		if k.UserID == 0 {
			k.UserID = admin
		}
		s.keys[k.Token] = &k
	}
}

func (s *Sim) firstAdmin() int {
	for _, u := range s.st.users.all() {
		if u.RootAdmin {
			return u.ID
		}
	}
	return 0
}

// ServeHTTP serves the panel API and, under /_sim/, the control API.
func (s *Sim) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	label := r.Method + " " + r.URL.Path
	counted := false
	defer func() {
		if !counted {
			s.count(label + " " + itoa(rec.status))
		}
	}()

	if strings.HasPrefix(r.URL.Path, "/_sim/") {
		s.control(rec, r)
		return
	}
	if s.flavor() == FlavorPterodactyl06 {
		label = r.Method + " (unmatched)"
		serve06(rec)
		return
	}
	rt, params, err := s.router.match(r.Method, r.URL.Path)
	if err != nil {
		label = r.Method + " (unmatched)"
		s.writeError(rec, r, err)
		return
	}
	label = r.Method + " " + rt.pattern

	fault := s.takeFault(r.Method, rt.pattern)
	if fault != nil && fault.Latency > 0 {
		select {
		case <-time.After(fault.Latency):
		case <-r.Context().Done():
			rec.status = 0 // the client gave up: it never saw an answer
			return
		}
	}
	if fault != nil && fault.Status != 0 {
		s.writeError(rec, r, s.injectedError(fault.Status))
		return
	}

	c := &call{sim: s, r: r, route: rt, params: params, query: r.URL.Query(), baseURL: s.baseURL(r)}
	status, body, aerr := s.processLocked(c)

	if fault != nil && fault.DropAfterCommit {
		// Counted as "0" (the client never saw an answer), and before the connection closes: a
		// client that reads the counts after its error must find this request in them.
		rec.status = 0
		s.count(label + " 0")
		counted = true
		dropConnection(w)
		return
	}
	for k, v := range c.header {
		rec.Header()[k] = v
	}
	if aerr != nil {
		s.writeError(rec, r, aerr)
		return
	}
	writeJSON(rec, status, body)
}

// processLocked runs process under s.mu. A handler that panics (a simulator bug) answers the
// panel's generic 500 instead of leaving the mutex held and every later request hanging.
func (s *Sim) processLocked(c *call) (status int, body any, aerr *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer func() {
		if p := recover(); p != nil {
			// Said on stderr so the bug is seen, as the panel would log it.
			fmt.Fprintf(os.Stderr, "panelsim: %s %s panicked: %v\n%s", c.r.Method, c.route.pattern, p, debug.Stack())
			status, body, aerr = 0, nil, newError(http.StatusInternalServerError, "ErrorException", msgUnexpected)
		}
	}()
	return s.process(c)
}

// process runs the panel's middleware in its order: auth → JSON body check → API gate →
// throttle → binding → authorize → the handler (which validates, then acts). It holds s.mu.
func (s *Sim) process(c *call) (int, any, *apiError) {
	c.st = s.st
	// A GET writes no table, so the relations index may serve it and outlive it; anything else
	// may write, so it neither uses the index nor leaves one behind.
	readOnly := c.r.Method == http.MethodGet
	c.st.readOnly = readOnly
	if !readOnly {
		c.st.dropIndex()
	}
	defer func() {
		c.st.readOnly = false
		if !readOnly {
			c.st.dropIndex()
		}
	}()
	s.advance()
	if err := s.authenticate(c); err != nil {
		return 0, nil, err
	}
	if err := c.checkJSON(); err != nil {
		return 0, nil, err
	}
	if err := c.admitAPI(); err != nil {
		return 0, nil, err
	}
	if err := s.throttle(c); err != nil {
		return 0, nil, err
	}
	if err := c.bind(); err != nil {
		return 0, nil, err
	}
	if err := c.authorize(); err != nil {
		return 0, nil, err
	}
	c.decodeBody()
	return c.route.handle(c)
}

func (s *Sim) baseURL(r *http.Request) string {
	if s.opts.BaseURL != "" {
		return strings.TrimRight(s.opts.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (s *Sim) count(key string) {
	s.mu.Lock()
	s.counts[key]++
	s.mu.Unlock()
}

// Counts returns how many requests were answered, keyed "METHOD /route/{template} STATUS"
// (status 0: the connection was dropped by a fault).
func (s *Sim) Counts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.counts))
	for k, v := range s.counts {
		out[k] = v
	}
	return out
}

func (s *Sim) now() time.Time { return s.opts.Now().UTC() }

// writeJSON writes a success body; nil means no body (204s, allocation creates).
func writeJSON(w http.ResponseWriter, status int, body any) {
	if body == nil {
		w.WriteHeader(status)
		return
	}
	if text, ok := body.(plainText); ok {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(status)
		_, _ = w.Write(text)
		return
	}
	bp := encodeBuffers.Get().(*[]byte)
	defer func() {
		if cap(*bp) <= maxPooledBuffer {
			encodeBuffers.Put(bp)
		}
	}()
	data, err := appendJSON((*bp)[:0], body)
	*bp = data
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"errors":[{"code":"JsonException","status":"500","detail":"`+msgUnexpected+`"}]}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

// encodeBuffers keeps response buffers for reuse: a page of 500 servers with every include is
// about 2 MB.
var encodeBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 64<<10); return &b }}

const maxPooledBuffer = 16 << 20

// writeError answers with the panel's error JSON, or, for a client that does not accept JSON,
// with what Laravel's web stack does: a redirect to the login page for 401, a redirect back for
// 422, an HTML page for the rest.
func (s *Sim) writeError(w http.ResponseWriter, r *http.Request, e *apiError) {
	e = s.flavorError(e)
	for k, v := range e.header {
		w.Header()[k] = v
	}
	if !acceptsJSON(r) {
		switch e.status {
		case http.StatusUnauthorized:
			http.Redirect(w, r, s.baseURL(r)+"/auth/login", http.StatusFound)
			return
		case http.StatusUnprocessableEntity:
			back := r.Header.Get("Referer")
			if back == "" {
				back = s.baseURL(r)
			}
			http.Redirect(w, r, back, http.StatusFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(e.status)
		_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Pterodactyl</title></head><body><h1>" +
			itoa(e.status) + " | " + http.StatusText(e.status) + "</h1></body></html>"))
		return
	}
	writeJSON(w, e.status, map[string]any{"errors": e.entries})
}

// acceptsJSON is Laravel's expectsJson for an API request: an Accept naming json.
func acceptsJSON(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt := strings.TrimSpace(strings.SplitN(part, ";", 2)[0])
		if strings.HasSuffix(mt, "/json") || strings.HasSuffix(mt, "+json") {
			return true
		}
	}
	return false
}

// recorder remembers the status written, for the request counters.
type recorder struct {
	http.ResponseWriter
	status int
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// dropConnection closes the client's connection without an answer: a request whose change was
// committed but whose response was lost.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
