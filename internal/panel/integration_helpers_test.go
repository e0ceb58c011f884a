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

package panel_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// Keys of the simulated admin: 48 characters, the panel's prefix, identifier and secret.
const (
	simAppKey    = "ptla_" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG"
	simClientKey = "ptlc_" + "GFEDCBAzyxwvutsrqponmlkjihgfedcba9876543210"
)

// fastRetry keeps backoffs short, as the controller tests do.
var fastRetry = panel.WithRetry(panel.RetryPolicy{BaseDelay: 20 * time.Millisecond, MaxDelay: 2 * time.Second})

// simEnv is one simulator served on loopback and a client pointed at it.
type simEnv struct {
	t   *testing.T
	sim *panelsim.Sim
	srv *httptest.Server
	// inflight counts handlers still running, so that Counts is read only once the simulator has
	// recorded every answer (a dropped connection reaches the client before the simulator counts it).
	inflight inflight
	rec      *recorder
	c        *panel.Client
}

// newSimEnv starts a simulator with o (keys filled in) and a client with the test retry policy,
// no client-side limiter (tests that need one pass WithRequestsPerMinute) and opts.
func newSimEnv(t *testing.T, o panelsim.Options, opts ...panel.Option) *simEnv {
	t.Helper()
	if o.ApplicationKey == "" {
		o.ApplicationKey = simAppKey
	}
	if o.ClientKey == "" {
		o.ClientKey = simClientKey
	}
	e := &simEnv{t: t, sim: panelsim.New(o)}
	e.inflight.idle = sync.NewCond(&e.inflight.mu)
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.inflight.add(1)
		defer e.inflight.add(-1)
		e.sim.ServeHTTP(w, r)
	}))
	t.Cleanup(e.srv.Close)
	e.c, e.rec = e.newClient(o.ApplicationKey, opts...)
	return e
}

// newClient builds another client on the same simulator, with its own recorder.
func (e *simEnv) newClient(key string, opts ...panel.Option) (*panel.Client, *recorder) {
	e.t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	e.t.Cleanup(tr.CloseIdleConnections)
	rec := &recorder{base: tr}
	all := append([]panel.Option{
		panel.WithHTTPClient(&http.Client{Transport: rec}),
		panel.WithRequestsPerMinute(0),
		fastRetry,
	}, opts...)
	c, err := panel.NewClient(e.srv.URL, key, all...)
	if err != nil {
		e.t.Fatalf("NewClient: %v", err)
	}
	return c, rec
}

// counts returns the simulator's answers by "METHOD /route/{template} STATUS", after every
// request handler has returned.
func (e *simEnv) counts() map[string]int {
	e.inflight.wait()
	return e.sim.Counts()
}

// inflight counts running handlers. (A sync.WaitGroup would do, but the race detector rightly
// objects to an Add from zero that races with Wait, which is what a late handler is.)
type inflight struct {
	mu   sync.Mutex
	n    int
	idle *sync.Cond
}

func (f *inflight) add(d int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.n += d
	if f.n == 0 {
		f.idle.Broadcast()
	}
}

// wait returns once no handler runs.
func (f *inflight) wait() {
	f.mu.Lock()
	defer f.mu.Unlock()
	for f.n > 0 {
		f.idle.Wait()
	}
}

// wantCounts checks the named counters (absent keys count 0).
func (e *simEnv) wantCounts(want map[string]int) {
	e.t.Helper()
	got := e.counts()
	for k, n := range want {
		if got[k] != n {
			e.t.Errorf("sim counts[%q] = %d, want %d (all counts: %v)", k, got[k], n, got)
		}
	}
}

// countsMatching sums the counters whose key starts with prefix.
func (e *simEnv) countsMatching(prefix string) int {
	n := 0
	for k, v := range e.counts() {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// exchange is one HTTP round trip as the client's transport saw it.
type exchange struct {
	Method     string
	Path       string
	ReqBody    []byte
	Status     int // 0 when the round trip failed
	RetryAfter string
	Body       []byte
	Err        error
}

// recorder is an http.RoundTripper that remembers every exchange.
type recorder struct {
	base http.RoundTripper
	mu   sync.Mutex
	log  []exchange
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.GetBody != nil {
		if rc, err := req.GetBody(); err == nil {
			reqBody, _ = io.ReadAll(rc)
			_ = rc.Close()
		}
	}
	resp, err := r.base.RoundTrip(req)
	ex := exchange{Method: req.Method, Path: req.URL.Path, ReqBody: reqBody, Err: err}
	if err == nil {
		ex.Status = resp.StatusCode
		ex.RetryAfter = resp.Header.Get("Retry-After")
		body, rerr := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if rerr != nil {
			err = rerr
			ex.Err = rerr
		}
		ex.Body = body
		resp.Body = io.NopCloser(bytes.NewReader(body))
	}
	r.mu.Lock()
	r.log = append(r.log, ex)
	r.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return resp, nil
}

func (r *recorder) exchanges() []exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.log)
}

// last returns the last exchange for method and path.
func (r *recorder) last(method, path string) (exchange, bool) {
	ex := r.exchanges()
	for i := len(ex) - 1; i >= 0; i-- {
		if ex[i].Method == method && ex[i].Path == path {
			return ex[i], true
		}
	}
	return exchange{}, false
}

// statuses lists, in order, the statuses of the exchanges for method and path.
func (r *recorder) statuses(method, path string) []int {
	var out []int
	for _, ex := range r.exchanges() {
		if ex.Method == method && ex.Path == path {
			out = append(out, ex.Status)
		}
	}
	return out
}

// simClock is a clock shared by the simulator (Options.Now) and the client (WithClock): it moves
// only when the client sleeps, so rate-limit windows and Retry-After pass instantly.
type simClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newSimClock() *simClock {
	// A whole second, so the panel's unix-second windows line up with the waits asserted.
	return &simClock{now: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}
}

func (c *simClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *simClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	if d > 0 {
		c.now = c.now.Add(d)
	}
	return nil
}

// Advance moves time on without a sleep, as if the test waited.
func (c *simClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *simClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.sleeps)
}

// Fixture builders. Each returns what it created and fails the test on any error.

// must(call())(t) returns call's value, failing the test on its error.
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func ptrTo[T any](v T) *T { return &v }

func (e *simEnv) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	e.t.Cleanup(cancel)
	return ctx
}

func (e *simEnv) makeUser(name string) *panel.User {
	e.t.Helper()
	return must(e.c.Users.Create(e.ctx(), panel.UserCreateRequest{
		Email: name + "@example.com", Username: name, FirstName: "First " + name, LastName: "Last " + name,
		ExternalID: "ext-" + name,
	}))(e.t)
}

func (e *simEnv) makeLocation(short string) *panel.Location {
	e.t.Helper()
	return must(e.c.Locations.Create(e.ctx(), panel.LocationRequest{Short: short, Long: "Location " + short}))(e.t)
}

func nodeRequest(name string, location int) panel.NodeRequest {
	return panel.NodeRequest{
		Name: name, LocationID: location, FQDN: name + ".example.com", Scheme: "https",
		Memory: 8192, Disk: 65536, DaemonListen: 8080, DaemonSFTP: 2022,
	}
}

func (e *simEnv) makeNode(name string, location int) *panel.Node {
	e.t.Helper()
	return must(e.c.Nodes.Create(e.ctx(), nodeRequest(name, location)))(e.t)
}

// makeAllocations adds ports on ip and returns the node's allocations on that ip, by port.
func (e *simEnv) makeAllocations(node int, ip string, ports ...string) map[int]panel.Allocation {
	e.t.Helper()
	noErr(e.t, e.c.Allocations.Create(e.ctx(), node, panel.AllocationCreateRequest{IP: ip, Ports: ports}))
	list := must(e.c.Allocations.ListAll(e.ctx(), node, &panel.ListOptions{Filters: map[string]string{"ip": ip}}))(e.t)
	out := map[int]panel.Allocation{}
	for _, a := range list {
		out[a.Port] = a
	}
	return out
}

// paper returns the seeded Paper egg with its variables.
func (e *simEnv) paper() *panel.Egg {
	e.t.Helper()
	nests := must(e.c.Nests.ListAll(e.ctx(), nil))(e.t)
	for _, n := range nests {
		if n.Name != "Minecraft" {
			continue
		}
		for _, egg := range must(e.c.Eggs.List(e.ctx(), n.ID, "variables"))(e.t) {
			if egg.Name == "Paper" {
				return &egg
			}
		}
	}
	e.t.Fatal("no Paper egg in the Minecraft nest")
	return nil
}

// world is a user, a location, a node with allocations and the Paper egg: enough for servers.
type world struct {
	user  *panel.User
	loc   *panel.Location
	node  *panel.Node
	alloc map[int]panel.Allocation // by port
	egg   *panel.Egg
}

func (e *simEnv) makeWorld(name string) *world {
	e.t.Helper()
	w := &world{user: e.makeUser(name), loc: e.makeLocation("loc-" + name)}
	w.node = e.makeNode("node-"+name, w.loc.ID)
	w.alloc = e.makeAllocations(w.node.ID, "10.1.0.1", "25565-25570")
	w.egg = e.paper()
	return w
}

func (w *world) serverRequest(name string, defaultPort int, additional ...int) panel.ServerCreateRequest {
	var add []int
	for _, p := range additional {
		add = append(add, w.alloc[p].ID)
	}
	return panel.ServerCreateRequest{
		Name: name, User: w.user.ID, Egg: w.egg.ID, ExternalID: "srv-" + name,
		DockerImage: w.egg.DockerImages["Java 21"], Startup: w.egg.Startup,
		Environment: panel.CreateEnvironment(w.egg.Relationships.Variables, map[string]string{"SERVER_JARFILE": "paper.jar"}),
		Limits:      panel.CreateLimits{BuildLimits: panel.BuildLimits{Memory: 2048, Swap: 0, Disk: 10240, IO: 500, CPU: 200}},
		FeatureLimits: panel.FeatureLimits{
			Databases: ptrTo(2), Allocations: ptrTo(3), Backups: ptrTo(1),
		},
		Allocation: &panel.AllocationSpec{Default: w.alloc[defaultPort].ID, Additional: add},
	}
}

// wantAPIError asserts err is an *APIError with status and, if code is set, that first code.
func wantAPIError(t *testing.T, err error, status int, code string) {
	t.Helper()
	_ = mustAPIError(t, err, status, code)
}

// mustAPIError is wantAPIError returning the *APIError, for assertions on its other fields.
func mustAPIError(t *testing.T, err error, status int, code string) *panel.APIError {
	t.Helper()
	apiErr, ok := panel.AsAPIError(err)
	if !ok {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	if apiErr.StatusCode != status {
		t.Fatalf("status = %d, want %d (%v)", apiErr.StatusCode, status, err)
	}
	if code != "" && panel.ErrorCode(err) != code {
		t.Fatalf("code = %q, want %q (%v)", panel.ErrorCode(err), code, err)
	}
	return apiErr
}

func route(method, template string, status int) string {
	return fmt.Sprintf("%s %s %d", method, template, status)
}

func userIDs(users []panel.User) []int {
	ids := make([]int, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids
}
