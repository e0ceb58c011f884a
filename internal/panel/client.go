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
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/go-logr/logr"
)

// DefaultUserAgent is sent unless WithUserAgent says otherwise.
const DefaultUserAgent = "pterodactyl-operator"

// ErrClientKeyRequired is returned by Client API calls when no client (ptlc_) key is configured:
// the panel rejects application keys on those routes with a 403.
var ErrClientKeyRequired = errors.New("panel: the client API needs a client (ptlc_) key; set WithClientKey")

// Client talks to one panel. It is safe for concurrent use; all services share its limiter, so
// every call made through one Client counts against one requests-per-minute budget.
type Client struct {
	base      *url.URL
	appKey    string
	clientKey string
	hc        *http.Client
	name      string
	userAgent string
	timeout   time.Duration
	retry     RetryPolicy
	clock     Clock
	log       logr.Logger
	metrics   *Metrics
	// The panel throttles its application and client APIs apart (api.application, 240 a minute
	// per user, and api.client, 720), so each has its own budget.
	budgets [2]*budget
	// jitter spreads backoffs; tests replace it to make delays exact.
	jitter func(time.Duration) time.Duration

	// sent counts the requests sent, retries included (RequestsSent).
	sent atomic.Int64

	Users       *UsersService
	Locations   *LocationsService
	Nodes       *NodesService
	Allocations *AllocationsService
	Nests       *NestsService
	Eggs        *EggsService
	Servers     *ServersService
	Databases   *DatabasesService
	ClientAPI   *ClientAPIService
}

type service struct{ client *Client }

// NewClient returns a Client for the panel at baseURL (for example https://panel.example.com; a
// trailing /api/application is tolerated) authenticating with applicationKey.
func NewClient(baseURL string, applicationKey string, opts ...Option) (*Client, error) {
	if strings.TrimSpace(applicationKey) == "" {
		return nil, errorf("an application key is required")
	}
	base, err := parseBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	cfg := config{
		requestsPerMinute:       DefaultRequestsPerMinute,
		clientRequestsPerMinute: DefaultClientRequestsPerMinute,
		timeout:                 DefaultRequestTimeout,
		logger:                  logr.Discard(),
		clock:                   realClock{},
		userAgent:               DefaultUserAgent,
	}
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	hc, err := buildHTTPClient(cfg.httpClient, cfg.tls)
	if err != nil {
		return nil, err
	}
	name := cfg.name
	if name == "" {
		name = base.Host
	}
	c := &Client{
		base:      base,
		appKey:    applicationKey,
		clientKey: cfg.clientKey,
		hc:        hc,
		name:      name,
		userAgent: cfg.userAgent,
		timeout:   cfg.timeout,
		retry:     cfg.retry.withDefaults(),
		clock:     cfg.clock,
		log:       cfg.logger.WithName("panel").WithValues("panel", name),
		metrics:   cfg.metrics,
		budgets:   [2]*budget{applicationAPI: newBudget(cfg.requestsPerMinute), clientAPI: newBudget(cfg.clientRequestsPerMinute)},
		jitter:    equalJitter,
	}
	s := service{client: c}
	c.Users = (*UsersService)(&s)
	c.Locations = (*LocationsService)(&s)
	c.Nodes = (*NodesService)(&s)
	c.Allocations = (*AllocationsService)(&s)
	c.Nests = (*NestsService)(&s)
	c.Eggs = (*EggsService)(&s)
	c.Servers = (*ServersService)(&s)
	c.Databases = (*DatabasesService)(&s)
	c.ClientAPI = (*ClientAPIService)(&s)
	return c, nil
}

// Name is the panel label used in metrics and logs.
func (c *Client) Name() string { return c.name }

// BaseURL is the panel's address as configured (without /api/...).
func (c *Client) BaseURL() string { return c.base.String() }

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, errorf("invalid base URL: %v", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, errorf("base URL %q must start with http:// or https://", raw)
	}
	if u.Host == "" {
		return nil, errorf("base URL %q has no host", raw)
	}
	if u.User != nil {
		// Credentials in the URL would end up in logs and error messages.
		return nil, errorf("base URL must not contain user info")
	}
	p := strings.TrimRight(u.Path, "/")
	p = strings.TrimSuffix(p, "/api/application")
	p = strings.TrimSuffix(p, "/api/client")
	u.Path, u.RawPath, u.RawQuery, u.Fragment = p, "", "", ""
	return u, nil
}

// buildHTTPClient copies hc (never mutating the caller's) and stops it following redirects: a
// panel answers some errors with a 302 to its login page when it thinks the caller is a browser,
// and following it would turn an error into an HTML 200 and forward the bearer key.
func buildHTTPClient(hc *http.Client, tc *TLSConfig) (*http.Client, error) {
	var out http.Client
	if hc != nil {
		out = *hc
	} else {
		out.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if tc != nil {
		rt, err := applyTLS(out.Transport, *tc)
		if err != nil {
			return nil, err
		}
		out.Transport = rt
	}
	out.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &out, nil
}

func errorf(format string, args ...any) error {
	return fmt.Errorf("panel: "+format, args...)
}
