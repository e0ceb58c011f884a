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
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/go-logr/logr/funcr"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestLoggingNeverShowsTheKey(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	log := funcr.New(func(prefix, args string) {
		mu.Lock()
		defer mu.Unlock()
		buf.WriteString(prefix + " " + args + "\n")
	}, funcr.Options{Verbosity: 1})

	// The panel echoes the Authorization header in an HTML error page, as a badly configured
	// proxy might.
	p := newFakePanel(t, func(n int, r *http.Request) reply {
		switch n {
		case 0:
			return reply{status: 503, body: "<html>" + r.Header.Get("Authorization") + "</html>", header: map[string]string{"Content-Type": "text/html"}}
		case 1:
			return reply{status: 200, body: serverBare}
		}
		return reply{status: 401, body: `{"errors":[{"code":"AuthenticationException","status":"401","detail":"Unauthenticated."}]}`}
	})
	c, _ := newTestClient(t, p, WithLogger(log))
	if _, err := c.Servers.Get(context.Background(), 42); err != nil {
		t.Fatal(err)
	}
	_, err := c.ClientAPI.Resources(context.Background(), "d3aac109")
	if err == nil || strings.Contains(err.Error(), testClientKey) {
		t.Fatalf("err = %v", err)
	}

	mu.Lock()
	out := buf.String()
	mu.Unlock()
	for _, secret := range []string{testAppKey, testClientKey, "Bearer"} {
		if strings.Contains(out, secret) {
			t.Fatalf("log contains %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{`"route"="/api/application/servers/{server}"`, `"method"="GET"`, `"status"=503`, `"status"=200`, `"reason"="status_503"`, `"route"="/api/client/servers/{server}/resources"`, `"duration"=`, `"panel"="127.0.0.1:`} {
		if !strings.Contains(out, want) {
			t.Fatalf("log lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(out, "/api/application/servers/42") {
		t.Fatalf("log uses the raw path instead of the route template:\n%s", out)
	}
}

func TestMetrics(t *testing.T) {
	m := NewMetrics()
	reg := prometheus.NewPedanticRegistry()
	if err := reg.Register(m); err != nil {
		t.Fatal(err)
	}
	p := newFakePanel(t, sequence(
		reply{status: 502, body: "bad gateway"},
		reply{status: 200, body: serverBare, header: map[string]string{"X-RateLimit-Remaining": "238", "X-RateLimit-Limit": "240"}},
		reply{status: 404, body: `{"errors":[{"code":"NotFoundHttpException","status":"404","detail":"x"}]}`, header: map[string]string{"X-RateLimit-Remaining": "237"}},
		reply{status: 200, body: `{"object":"list","data":[],"meta":{"pagination":{"total":0,"count":0,"per_page":50,"current_page":1,"total_pages":1}}}`},
		reply{status: 204},
	))
	c, _ := newTestClient(t, p, WithMetrics(m), WithName("main"))
	if _, known := c.RateLimitRemaining(); known {
		t.Fatal("RateLimitRemaining known before any answer")
	}
	if _, err := c.Servers.Get(context.Background(), 42); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Servers.Get(context.Background(), 43); !IsNotFound(err) {
		t.Fatal(err)
	}
	if _, _, err := c.Locations.List(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Servers.Suspend(context.Background(), 42); err != nil {
		t.Fatal(err)
	}
	if n, known := c.RateLimitRemaining(); !known || n != 237 {
		t.Fatalf("RateLimitRemaining() = %d, %v; want 237, true", n, known)
	}

	want := `
# HELP pterodactyl_panel_requests_total HTTP requests sent to the panel, by route template, response code ("error" when no response arrived) and purpose (observe, list, write).
# TYPE pterodactyl_panel_requests_total counter
pterodactyl_panel_requests_total{code="200",method="GET",panel="main",purpose="list",route="/api/application/locations"} 1
pterodactyl_panel_requests_total{code="200",method="GET",panel="main",purpose="observe",route="/api/application/servers/{server}"} 1
pterodactyl_panel_requests_total{code="204",method="POST",panel="main",purpose="write",route="/api/application/servers/{server}/suspend"} 1
pterodactyl_panel_requests_total{code="404",method="GET",panel="main",purpose="observe",route="/api/application/servers/{server}"} 1
pterodactyl_panel_requests_total{code="502",method="GET",panel="main",purpose="observe",route="/api/application/servers/{server}"} 1
# HELP pterodactyl_panel_rate_limit_remaining The last X-RateLimit-Remaining the panel reported, per API (application, client): the panel limits them apart.
# TYPE pterodactyl_panel_rate_limit_remaining gauge
pterodactyl_panel_rate_limit_remaining{api="application",panel="main"} 237
# HELP pterodactyl_panel_retries_total Requests tried again, by reason (rate_limited, status_<code>, network).
# TYPE pterodactyl_panel_retries_total counter
pterodactyl_panel_retries_total{method="GET",panel="main",reason="status_502",route="/api/application/servers/{server}"} 1
`
	if err := testutil.GatherAndCompare(reg, strings.NewReader(want),
		"pterodactyl_panel_requests_total", "pterodactyl_panel_rate_limit_remaining", "pterodactyl_panel_retries_total"); err != nil {
		t.Fatal(err)
	}
	if n := testutil.CollectAndCount(m, "pterodactyl_panel_request_duration_seconds"); n != 3 {
		t.Fatalf("%d duration series, want 3", n)
	}
	if problems, err := testutil.CollectAndLint(m); err != nil || len(problems) != 0 {
		t.Fatalf("lint: %v %v", problems, err)
	}
}
