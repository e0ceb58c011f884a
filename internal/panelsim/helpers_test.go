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

// Shared fixtures of the conformance suite. The suite talks to the simulator over real loopback
// HTTP with net/http and encoding/json only, so what it checks is the wire format a client sees;
// it never imports internal/panel.

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

const appBase = "/api/application"

// Ids of the test seed (testSeed). Allocation ids follow from the seed's port ranges: node 1
// gets 1-10 (10.0.0.1:25565-25574), node 2 gets 11-15 (10.0.0.2:25565-25569).
const (
	adminID       = 1
	playerID      = 2 // not a root admin
	paperEggID    = 5 // Paper, nest 1 (Minecraft) in the default seed
	vanillaEggID  = 4 // Vanilla Minecraft, nest 1
	minecraftNest = 1
	node1, node2  = 1, 2
	loc1, loc2    = 1, 2
	dbHostID      = 1
	paperImage    = "ghcr.io/pterodactyl/yolks:java_21"
	paperStartup  = "java -Xms128M -jar {{SERVER_JARFILE}}"
)

// testSeed is the default seed (admin, nests, eggs, database host) plus a non-admin user, two
// locations and two nodes with a few allocations each.
func testSeed() *panelsim.Seed {
	s := panelsim.DefaultSeed()
	s.Users = append(s.Users, panelsim.SeedUser{ID: playerID, ExternalID: "player-ext", Username: "player",
		Email: "player@example.com", FirstName: "Plain", LastName: "Player"})
	s.Locations = []panelsim.SeedLocation{{ID: loc1, Short: "eu-west", Long: "Europe West"}, {ID: loc2, Short: "us-east"}}
	s.Nodes = []panelsim.SeedNode{
		{ID: node1, Name: "node-1", LocationID: loc1, FQDN: "node1.example.com", Memory: 8192, Disk: 65536,
			Allocations: []panelsim.SeedAllocation{{IP: "10.0.0.1", Ports: []string{"25565-25574"}}}},
		{ID: node2, Name: "node-2", LocationID: loc2, FQDN: "node2.example.com", Memory: 4096, Disk: 32768,
			Allocations: []panelsim.SeedAllocation{{IP: "10.0.0.2", Alias: "play.example.com", Ports: []string{"25565-25569"}}}},
	}
	return s
}

// fakeClock is a settable clock for Options.Now: time moves only when a test advances it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is one simulator behind a loopback httptest server.
type env struct {
	tb        testing.TB
	sim       *panelsim.Sim
	srv       *httptest.Server
	client    *http.Client
	clock     *fakeClock
	appKey    string
	clientKey string
}

// option adjusts the Options newEnv starts from.
type option func(*panelsim.Options)

// newEnv starts a simulator with the test seed, the fake clock, no throttling and instant
// installs, adjusted by opts; it is closed when the test ends.
func newEnv(tb testing.TB, opts ...option) *env {
	tb.Helper()
	clock := newFakeClock()
	o := panelsim.Options{
		Seed:                     testSeed(),
		RateLimitPerMinute:       -1,
		ClientRateLimitPerMinute: -1,
		Now:                      clock.Now,
		RandSeed:                 1,
	}
	for _, opt := range opts {
		opt(&o)
	}
	sim := panelsim.New(o)
	srv := httptest.NewServer(sim) // binds 127.0.0.1
	tb.Cleanup(srv.Close)
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &env{tb: tb, sim: sim, srv: srv, client: client, clock: clock,
		appKey: sim.ApplicationKey(), clientKey: sim.ClientKey()}
}

// response is an answer with its body decoded (numbers as float64; nil when empty or not JSON).
type response struct {
	status int
	header http.Header
	raw    []byte
	body   any
}

// at reads the decoded body at a dotted path ("data.0.attributes.id").
func (r *response) at(path string) any { return at(r.body, path) }

func (r *response) String() string {
	return strconv.Itoa(r.status) + " " + string(r.raw)
}

// reqOpt adjusts a request before it is sent.
type reqOpt func(*http.Request)

// withKey sends another bearer key ("" sends none).
func withKey(key string) reqOpt {
	return func(r *http.Request) {
		if key == "" {
			r.Header.Del("Authorization")
			return
		}
		r.Header.Set("Authorization", "Bearer "+key)
	}
}

// withHeader sets a header ("" removes it).
func withHeader(name, value string) reqOpt {
	return func(r *http.Request) {
		if value == "" {
			r.Header.Del(name)
			return
		}
		r.Header.Set(name, value)
	}
}

// do sends method path with the admin's application key and JSON headers. A string body is sent
// as is; anything else is marshalled.
func (e *env) do(method, path string, body any, opts ...reqOpt) *response {
	e.tb.Helper()
	resp, err := e.send(method, path, body, opts...)
	if err != nil {
		e.tb.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

// send is do without failing the test on a transport error.
func (e *env) send(method, path string, body any, opts ...reqOpt) (*response, error) {
	var rdr io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rdr = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.tb.Fatalf("marshal body: %v", err)
		}
		rdr = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.srv.URL+path, rdr)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+e.appKey)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	out := &response{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(bytes.TrimSpace(raw)) > 0 {
		_ = json.Unmarshal(raw, &out.body)
	}
	return out, nil
}

// Application API shorthands: paths are relative to /api/application.
func (e *env) get(path string, opts ...reqOpt) *response {
	e.tb.Helper()
	return e.do(http.MethodGet, appBase+path, nil, opts...)
}

func (e *env) post(path string, body any, opts ...reqOpt) *response {
	e.tb.Helper()
	return e.do(http.MethodPost, appBase+path, body, opts...)
}

func (e *env) patch(path string, body any, opts ...reqOpt) *response {
	e.tb.Helper()
	return e.do(http.MethodPatch, appBase+path, body, opts...)
}

func (e *env) del(path string, opts ...reqOpt) *response {
	e.tb.Helper()
	return e.do(http.MethodDelete, appBase+path, nil, opts...)
}

// clientAPI sends a client API request with the admin's ptlc_ key.
func (e *env) clientAPI(method, path string, body any, opts ...reqOpt) *response {
	e.tb.Helper()
	return e.do(method, "/api/client"+path, body, append([]reqOpt{withKey(e.clientKey)}, opts...)...)
}

// at walks decoded JSON by a dotted path; numeric parts index arrays. A missing step is nil.
func at(v any, path string) any {
	if path == "" {
		return v
	}
	for _, part := range strings.Split(path, ".") {
		switch t := v.(type) {
		case map[string]any:
			v = t[part]
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(t) {
				return nil
			}
			v = t[i]
		default:
			return nil
		}
	}
	return v
}

// has reports whether a dotted path exists (a null value counts).
func has(v any, path string) bool {
	parts := strings.Split(path, ".")
	parent := at(v, strings.Join(parts[:len(parts)-1], "."))
	m, ok := parent.(map[string]any)
	if !ok {
		return false
	}
	_, ok = m[parts[len(parts)-1]]
	return ok
}

// num reads a JSON number as an int (-1 and a test failure-friendly zero when it is not one).
func num(v any) int {
	f, ok := v.(float64)
	if !ok {
		return -1
	}
	return int(f)
}

// wantStatus stops the test unless the answer has the given status.
func wantStatus(tb testing.TB, r *response, status int) {
	tb.Helper()
	if r.status != status {
		tb.Fatalf("status %d, want %d; body %s", r.status, status, r.raw)
	}
}

// wantError checks the panel's error body: status, and a first entry with code, the status as a
// STRING, and the exact detail.
func wantError(tb testing.TB, r *response, status int, code, detail string) {
	tb.Helper()
	wantStatus(tb, r, status)
	entry, ok := r.at("errors.0").(map[string]any)
	if !ok {
		tb.Fatalf("no errors[0] in %s", r.raw)
	}
	if entry["code"] != code {
		tb.Errorf("errors[0].code %v, want %s", entry["code"], code)
	}
	if s, ok := entry["status"].(string); !ok || s != strconv.Itoa(status) {
		tb.Errorf("errors[0].status %#v, want the string %q", entry["status"], strconv.Itoa(status))
	}
	if detail != "" && entry["detail"] != detail {
		tb.Errorf("errors[0].detail %q,\nwant %q", entry["detail"], detail)
	}
}

// wantValidation checks a 422 has an entry for field with the rule and exact detail.
func wantValidation(tb testing.TB, r *response, field, rule, detail string) {
	tb.Helper()
	wantStatus(tb, r, http.StatusUnprocessableEntity)
	entries, _ := r.at("errors").([]any)
	for _, raw := range entries {
		e, _ := raw.(map[string]any)
		if at(e, "meta.source_field") != field {
			continue
		}
		if e["code"] != "ValidationException" || e["status"] != "422" {
			tb.Errorf("%s: code %v status %#v, want ValidationException \"422\"", field, e["code"], e["status"])
		}
		if at(e, "meta.rule") != rule {
			tb.Errorf("%s: rule %v, want %s", field, at(e, "meta.rule"), rule)
		}
		if e["detail"] != detail {
			tb.Errorf("%s: detail %q,\nwant %q", field, e["detail"], detail)
		}
		return
	}
	tb.Errorf("no 422 entry for %s in %s", field, r.raw)
}

// wantBody checks the answer's status and that its body is exactly the JSON want (compared
// decoded, so key order and spacing do not matter).
func wantBody(tb testing.TB, r *response, status int, want string) {
	tb.Helper()
	wantStatus(tb, r, status)
	var w any
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		tb.Fatalf("want is not JSON: %v", err)
	}
	if !reflect.DeepEqual(r.body, w) {
		tb.Errorf("body %s,\nwant %s", r.raw, want)
	}
}

// relIDs lists the attributes.id of each item of the included list at path
// ("attributes.relationships.allocations"); nil when path is not a list.
func relIDs(r *response, path string) []int {
	list, ok := r.at(path + ".data").([]any)
	if !ok || r.at(path+".object") != "list" {
		return nil
	}
	ids := []int{}
	for _, it := range list {
		ids = append(ids, num(at(it, "attributes.id")))
	}
	return ids
}

// validationFields lists the source fields of a 422's entries, in order.
func validationFields(r *response) []string {
	var out []string
	entries, _ := r.at("errors").([]any)
	for _, raw := range entries {
		if f, ok := at(raw, "meta.source_field").(string); ok {
			out = append(out, f)
		}
	}
	return out
}

// set writes v at a dotted path of a request body, creating objects on the way.
func set(m map[string]any, path string, v any) {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = v
}

// unset removes a dotted path from a request body.
func unset(m map[string]any, path string) {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			return
		}
		m = next
	}
	delete(m, parts[len(parts)-1])
}

// serverBody is a valid Paper server create on the given free allocation.
func serverBody(name string, allocation int) map[string]any {
	return map[string]any{
		"name":           name,
		"user":           adminID,
		"egg":            paperEggID,
		"docker_image":   paperImage,
		"startup":        paperStartup,
		"environment":    map[string]any{"SERVER_JARFILE": "server.jar", "BUILD_NUMBER": "latest"},
		"limits":         map[string]any{"memory": 1024, "swap": 0, "disk": 4096, "io": 500, "cpu": 100},
		"feature_limits": map[string]any{"databases": 2, "allocations": 1, "backups": 1},
		"allocation":     map[string]any{"default": allocation},
	}
}

// createServer creates a server and returns its id.
func (e *env) createServer(body map[string]any) int {
	e.tb.Helper()
	r := e.post("/servers", body)
	wantStatus(e.tb, r, http.StatusCreated)
	return num(r.at("attributes.id"))
}

// userBody is a valid user create.
func userBody(name string) map[string]any {
	return map[string]any{"email": name + "@example.com", "username": name, "first_name": "First", "last_name": "Last"}
}

// nodeBody is a valid node create or full update.
func nodeBody(name string, location int) map[string]any {
	return map[string]any{
		"name": name, "location_id": location, "fqdn": name + ".example.com", "scheme": "https",
		"memory": 2048, "memory_overallocate": 0, "disk": 10240, "disk_overallocate": 0,
		"daemon_listen": 8080, "daemon_sftp": 2022,
	}
}

// appKeyWith is a ptla_ application key with the given permissions (48 characters).
func appKeyWith(name string, perms map[string]int) panelsim.Key {
	token := "ptla_" + name + strings.Repeat("x", 43-len(name))
	return panelsim.Key{Token: token, Permissions: perms}
}

// withKeys adds extra keys to the options.
func withKeys(keys ...panelsim.Key) option {
	return func(o *panelsim.Options) { o.ExtraKeys = append(o.ExtraKeys, keys...) }
}

// allocationState finds an allocation in the simulator's state dump.
func (e *env) allocationState(id int) *panelsim.Allocation {
	for _, a := range e.sim.State().Allocations {
		if a.ID == id {
			return a
		}
	}
	return nil
}
