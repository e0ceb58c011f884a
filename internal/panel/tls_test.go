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
	"encoding/pem"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func newTLSPanel(t *testing.T) (*httptest.Server, []byte) {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(userJSON))
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	return srv, caPEM
}

func TestTLSWithCABundle(t *testing.T) {
	srv, caPEM := newTLSPanel(t)

	// Without the bundle the self-signed certificate is refused.
	c, err := NewClient(srv.URL, testAppKey, WithRetry(RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(context.Background(), 7); err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("untrusted certificate accepted: %v", err)
	}

	c, err = NewClient(srv.URL, testAppKey, WithTLS(TLSConfig{CABundlePEM: caPEM}))
	if err != nil {
		t.Fatal(err)
	}
	if u, err := c.Users.Get(context.Background(), 7); err != nil || u.ID != 7 {
		t.Fatalf("with CA bundle: %v", err)
	}

	c, err = NewClient(srv.URL, testAppKey, WithTLS(TLSConfig{InsecureSkipVerify: true}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(context.Background(), 7); err != nil {
		t.Fatalf("insecure: %v", err)
	}
}

func TestTLSWithCustomHTTPClientIsNotMutated(t *testing.T) {
	srv, caPEM := newTLSPanel(t)
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	c, err := NewClient(srv.URL, testAppKey, WithHTTPClient(hc), WithTLS(TLSConfig{CABundlePEM: caPEM}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(context.Background(), 7); err != nil {
		t.Fatal(err)
	}
	// (Clone may set HTTP/2 defaults on the original; what matters is that it trusts nothing new.)
	if tc := hc.Transport.(*http.Transport).TLSClientConfig; hc.CheckRedirect != nil || (tc != nil && tc.RootCAs != nil) {
		t.Fatal("the caller's http.Client was changed")
	}
}

func TestNewClientRejectsBadConfiguration(t *testing.T) {
	for name, build := range map[string]func() (*Client, error){
		"no key":    func() (*Client, error) { return NewClient("https://panel.example.com", " ") },
		"no scheme": func() (*Client, error) { return NewClient("panel.example.com", testAppKey) },
		"user info": func() (*Client, error) { return NewClient("https://u:p@panel.example.com", testAppKey) },
		"bad CA": func() (*Client, error) {
			return NewClient("https://p", testAppKey, WithTLS(TLSConfig{CABundlePEM: []byte("nope")}))
		},
		"negative rpm": func() (*Client, error) { return NewClient("https://p", testAppKey, WithRequestsPerMinute(-1)) },
		"negative retry": func() (*Client, error) {
			return NewClient("https://p", testAppKey, WithRetry(RetryPolicy{MaxAttempts: -1}))
		},
		"nil clock": func() (*Client, error) { return NewClient("https://p", testAppKey, WithClock(nil)) },
		"foreign transport": func() (*Client, error) {
			return NewClient("https://p", testAppKey, WithHTTPClient(&http.Client{Transport: roundTripFunc(nil)}), WithTLS(TLSConfig{InsecureSkipVerify: true}))
		},
	} {
		if _, err := build(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestBaseURLForms(t *testing.T) {
	for _, base := range []string{"https://panel.example.com", "https://panel.example.com/", "https://panel.example.com/api/application/"} {
		c, err := NewClient(base, testAppKey)
		if err != nil {
			t.Fatal(err)
		}
		u, _ := c.url(newCall(http.MethodGet, routeServer, 5))
		if u != "https://panel.example.com/api/application/servers/5" {
			t.Fatalf("%s → %s", base, u)
		}
		if c.Name() != "panel.example.com" || c.BaseURL() != "https://panel.example.com" {
			t.Fatalf("name %q base %q", c.Name(), c.BaseURL())
		}
	}
	c, _ := NewClient("https://example.com/panel", testAppKey, WithName("main"))
	u, _ := c.url(newCall(http.MethodGet, routeServerExternal, "a/b"))
	if u != "https://example.com/panel/api/application/servers/external/a%2Fb" || c.Name() != "main" {
		t.Fatalf("sub-path panel: %s", u)
	}
	if _, err := c.url(newCall(http.MethodGet, routeServerExternal, "")); err == nil {
		t.Fatal("empty path parameter accepted")
	}
}
