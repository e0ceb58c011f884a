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
	"net"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestErrorDecoding(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		header map[string]string
		is     func(error) bool
		code   string
		detail string
	}{
		{"401", 401, `{"errors":[{"code":"AuthenticationException","status":"401","detail":"Unauthenticated."}]}`, nil, IsUnauthorized, "AuthenticationException", "Unauthenticated."},
		{"403", 403, `{"errors":[{"code":"AccessDeniedHttpException","status":"403","detail":"This action is unauthorized."}]}`, nil, IsForbidden, "AccessDeniedHttpException", "This action is unauthorized."},
		{"404", 404, `{"errors":[{"code":"NotFoundHttpException","status":"404","detail":"The requested resource could not be found on the server."}]}`, nil, IsNotFound, "NotFoundHttpException", "The requested resource could not be found on the server."},
		{"409", 409, `{"errors":[{"code":"ConflictHttpException","status":"409","detail":"Cannot perform this action while the server is being transferred."}]}`, nil, IsConflict, "ConflictHttpException", "Cannot perform this action while the server is being transferred."},
		{"400", 400, `{"errors":[{"code":"HasActiveServersException","status":"400","detail":"A node must have no servers linked to it in order to be deleted."}]}`, nil, IsBadRequest, "HasActiveServersException", "A node must have no servers linked to it in order to be deleted."},
		{"429", 429, `{"errors":[{"code":"ThrottleRequestsException","status":"429","detail":"Too Many Attempts."}]}`, map[string]string{"Retry-After": "42", "X-RateLimit-Remaining": "0"}, IsRateLimited, "ThrottleRequestsException", "Too Many Attempts."},
		{"500", 500, `{"errors":[{"code":"DataValidationException","status":"500","detail":"Could not save Pterodactyl\\Models\\Server[1]: failed to validate data: {}"}]}`, nil, IsServerError, "DataValidationException", `Could not save Pterodactyl\Models\Server[1]: failed to validate data: {}`},
		{"504 daemon", 504, `{"errors":[{"code":"DaemonConnectionException","status":"504","detail":"Could not establish a connection to the machine running this server. Please try again."}]}`, nil, IsDaemonError, "DaemonConnectionException", "Could not establish a connection to the machine running this server. Please try again."},
		{"numeric status", 400, `{"errors":[{"code":"DisplayException","status":400,"detail":"x"}]}`, nil, IsBadRequest, "DisplayException", "x"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newFakePanel(t, func(int, *http.Request) reply { return reply{status: tc.status, body: tc.body, header: tc.header} })
			// No retries, so that 429/5xx come straight back.
			c, _ := newTestClient(t, p, WithRetry(RetryPolicy{MaxAttempts: 1}))
			_, err := c.Servers.Get(context.Background(), 1)
			if err == nil {
				t.Fatal("no error")
			}
			if !tc.is(err) {
				t.Fatalf("predicate false for %v", err)
			}
			e, ok := AsAPIError(err)
			if !ok {
				t.Fatalf("%T is no *APIError", err)
			}
			if e.StatusCode != tc.status || ErrorCode(err) != tc.code || e.Errors[0].Detail != tc.detail || e.Errors[0].Status != strconv.Itoa(tc.status) {
				t.Fatalf("APIError = %+v", e)
			}
			if e.Method != "GET" || e.Route != routeServer {
				t.Fatalf("method/route = %q %q", e.Method, e.Route)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.code) || !strings.Contains(msg, "/api/application/servers/{server}") || strings.Contains(msg, testAppKey) {
				t.Fatalf("Error() = %q", msg)
			}
			if tc.status == 429 && (e.RetryAfter != 42*time.Second || RetryAfter(err) != 42*time.Second) {
				t.Fatalf("RetryAfter = %v", e.RetryAfter)
			}
		})
	}
}

func TestValidationErrorsByField(t *testing.T) {
	body := `{"errors":[
	 {"code":"ValidationException","status":"422","detail":"The limits.memory field is required.","meta":{"source_field":"limits.memory","rule":"required"}},
	 {"code":"ValidationException","status":"422","detail":"The limits.memory must be an integer.","meta":{"source_field":"limits.memory","rule":"integer"}},
	 {"code":"ValidationException","status":"422","detail":"The Server Jar File variable field is required.","meta":{"source_field":"environment.SERVER_JARFILE","rule":"required"}}]}`
	p := newFakePanel(t, always(422, body))
	c, _ := newTestClient(t, p)
	_, err := c.Servers.Create(context.Background(), ServerCreateRequest{Name: "x"})
	if !IsValidation(err) {
		t.Fatalf("err = %v", err)
	}
	want := map[string][]string{
		"limits.memory":              {"The limits.memory field is required.", "The limits.memory must be an integer."},
		"environment.SERVER_JARFILE": {"The Server Jar File variable field is required."},
	}
	if got := FieldErrors(err); !reflect.DeepEqual(got, want) {
		t.Fatalf("FieldErrors = %v", got)
	}
	e, _ := AsAPIError(err)
	if e.Errors[0].Rule != "required" || e.Errors[1].Rule != "integer" {
		t.Fatalf("rules = %+v", e.Errors)
	}
	if !strings.Contains(err.Error(), "(environment.SERVER_JARFILE)") {
		t.Fatalf("Error() = %q", err.Error())
	}
	if d := e.Detail(); !strings.HasPrefix(d, "The limits.memory field is required. The limits.memory") {
		t.Fatalf("Detail() = %q", d)
	}
}

// The panel's answer to a second server with an external id already used, as Laravel renders
// the unique rule: what tells a create that was not repeated.
func TestATakenExternalIDIsRecognised(t *testing.T) {
	body := `{"errors":[{"code":"ValidationException","status":"422","detail":"The external id has already been taken.","meta":{"source_field":"external_id","rule":"unique"}}]}`
	c, _ := newTestClient(t, newFakePanel(t, always(422, body)))
	_, err := c.Servers.Create(context.Background(), ServerCreateRequest{Name: "x", ExternalID: "default.x"})
	if !IsTaken(err, "external_id") {
		t.Fatalf("IsTaken(%v, external_id) = false", err)
	}
	if IsTaken(err, "name") {
		t.Fatal("IsTaken names a field the panel did not")
	}
	required := `{"errors":[{"code":"ValidationException","status":"422","detail":"The external id must be a string.","meta":{"source_field":"external_id","rule":"string"}}]}`
	c, _ = newTestClient(t, newFakePanel(t, always(422, required)))
	if _, err := c.Servers.Create(context.Background(), ServerCreateRequest{Name: "x"}); IsTaken(err, "external_id") {
		t.Fatal("another rule on external_id is not a taken id")
	}
	if IsTaken(errors.New("boom"), "external_id") {
		t.Fatal("IsTaken on a foreign error")
	}
}

func TestNonJSONErrorBody(t *testing.T) {
	html := "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>" + strings.Repeat(" ", 300) + testAppKey + "</body></html>"
	p := newFakePanel(t, func(int, *http.Request) reply {
		return reply{status: 502, body: html, header: map[string]string{"Content-Type": "text/html"}}
	})
	c, _ := newTestClient(t, p, WithRetry(RetryPolicy{MaxAttempts: 1}))
	_, err := c.Nodes.Get(context.Background(), 1)
	e, ok := AsAPIError(err)
	if !ok || e.StatusCode != 502 || len(e.Errors) != 0 || !strings.Contains(e.Body, "502 Bad Gateway") {
		t.Fatalf("err = %#v", err)
	}
	if !IsServerError(err) || IsDaemonError(err) || ErrorCode(err) != "" {
		t.Fatal("helpers misclassify an HTML 502")
	}
	if strings.Contains(err.Error(), testAppKey) {
		t.Fatal("key leaked into the error")
	}
	if len(e.Body) > bodySnippetLen+len("…") {
		t.Fatalf("body snippet not truncated: %d bytes", len(e.Body))
	}
}

func TestRedirectIsAnErrorNotFollowed(t *testing.T) {
	// Without a JSON Accept a panel answers 401 with a 302 to /auth/login; it must surface as an
	// error rather than be followed to an HTML 200.
	p := newFakePanel(t, func(int, *http.Request) reply {
		return reply{status: 302, header: map[string]string{"Location": "/auth/login"}}
	})
	c, _ := newTestClient(t, p)
	_, err := c.Users.Get(context.Background(), 1)
	if e, ok := AsAPIError(err); !ok || e.StatusCode != 302 {
		t.Fatalf("err = %v", err)
	}
	if n := len(p.requests()); n != 1 {
		t.Fatalf("%d requests, the redirect was followed", n)
	}
}

func TestNetworkErrorStaysWrapped(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens: connection refused
	c, err := NewClient("http://"+addr, testAppKey, WithClock(newFakeClock()), WithRequestsPerMinute(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Users.Create(context.Background(), UserCreateRequest{})
	if err == nil || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("err = %v, want ECONNREFUSED in the chain", err)
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Fatalf("no *net.OpError in %v", err)
	}
	if _, ok := AsAPIError(err); ok {
		t.Fatal("a network error must not be an *APIError")
	}
}

func TestHelpersOnForeignErrors(t *testing.T) {
	err := errors.New("boom")
	for _, f := range []func(error) bool{IsNotFound, IsValidation, IsBadRequest, IsRateLimited, IsConflict, IsDaemonError, IsUnauthorized, IsForbidden, IsServerError} {
		if f(err) || f(nil) {
			t.Fatal("helper true for a non-API error")
		}
	}
	if FieldErrors(err) != nil || ErrorCode(err) != "" || RetryAfter(err) != 0 {
		t.Fatal("helpers return data for a non-API error")
	}
	wrapped := errors.Join(errors.New("ctx"), &APIError{StatusCode: 404})
	if !IsNotFound(wrapped) {
		t.Fatal("IsNotFound does not unwrap")
	}
}
