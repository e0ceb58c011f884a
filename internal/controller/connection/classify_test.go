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

package connection

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestClassify(t *testing.T) {
	validation := &panel.APIError{StatusCode: 422, Method: "PATCH", Route: "/api/application/servers/{server}/build",
		Errors: []panel.ErrorItem{{Code: "ValidationException", Status: "422", Detail: "The memory must be at least 0.", SourceField: "limits.memory"}}}
	cases := []struct {
		name         string
		err          error
		reason       string
		terminal     bool
		requeueAfter time.Duration
		message      string
	}{
		{"validation", fmt.Errorf("update build: %w", validation), ptero.ReasonPanelRejected, true, 0,
			"The panel refused PATCH /api/application/servers/{server}/build: The memory must be at least 0. (field limits.memory)"},
		{"business rule", &panel.APIError{StatusCode: 400, Errors: []panel.ErrorItem{{Code: "HasActiveServersException", Detail: "A node must have no servers linked to it in order to be deleted."}}},
			ptero.ReasonPanelRejected, true, 0, "no servers linked"},
		{"no room to deploy yet", &panel.APIError{StatusCode: 400, Errors: []panel.ErrorItem{{Code: "NoViableNodeException", Detail: "No nodes satisfying the requirements specified were found."}}},
			ptero.ReasonPanelRejected, false, capacityRetry, "No nodes satisfying"},
		{"no free port to deploy on yet", &panel.APIError{StatusCode: 400, Errors: []panel.ErrorItem{{Code: "NoViableAllocationException", Detail: "No allocations satisfying the requirements for automatic deployment on this node were found."}}},
			ptero.ReasonPanelRejected, false, capacityRetry, "No allocations"},
		{"wings refused", &panel.APIError{StatusCode: 400, Errors: []panel.ErrorItem{{Code: "DaemonConnectionException", Detail: "An error occurred on the remote host: bad request."}}},
			ptero.ReasonPanelUnavailable, false, 0, "could not reach Wings"},
		{"bad key", &panel.APIError{StatusCode: 401}, ptero.ReasonUnauthorized, false, credentialsRecheck, "credentials Secret"},
		{"missing permission", &panel.APIError{StatusCode: 403}, ptero.ReasonForbidden, false, credentialsRecheck, "403"},
		{"rate limited", &panel.APIError{StatusCode: 429, RetryAfter: 42 * time.Second}, ptero.ReasonRateLimited, false, 42 * time.Second, "waiting 42s"},
		{"rate limited without Retry-After", &panel.APIError{StatusCode: 429}, ptero.ReasonRateLimited, false, minRateLimitWait, "waiting 1s"},
		{"wrong state", &panel.APIError{StatusCode: 409, Errors: []panel.ErrorItem{{Detail: "This server is currently installing."}}},
			ptero.ReasonPanelRejected, false, conflictRetry, "currently installing"},
		{"wings down", &panel.APIError{StatusCode: 504, Errors: []panel.ErrorItem{{Code: "DaemonConnectionException", Detail: "Could not establish a connection to the machine running this server."}}},
			ptero.ReasonPanelUnavailable, false, 0, "could not reach Wings"},
		{"no answer within requestTimeout", fmt.Errorf("observe: %w", &panel.TimeoutError{Method: "GET", Route: "/api/application/servers/{server}", After: 30 * time.Second, Err: context.DeadlineExceeded}),
			ptero.ReasonPanelUnavailable, false, 0, "did not answer GET /api/application/servers/{server} within 30s (the Panel's requestTimeout)"},
		{"a create not answered within requestTimeout", &panel.TimeoutError{Method: "POST", Route: "/api/application/nodes", After: 2 * time.Second, Err: context.DeadlineExceeded},
			ptero.ReasonPanelUnavailable, false, 4 * time.Second, "did not answer POST /api/application/nodes within 2s"},
		{"reconcile deadline", fmt.Errorf("panel: GET /api/application/users: %w", context.DeadlineExceeded),
			ptero.ReasonPanelUnavailable, false, 0, "within the reconcile's deadline"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := Classify(tc.err)
			if !ok {
				t.Fatal("not classified")
			}
			if f.Reason != tc.reason || f.Terminal != tc.terminal || f.RequeueAfter != tc.requeueAfter {
				t.Errorf("got %+v; want reason %s terminal %v requeueAfter %s", f, tc.reason, tc.terminal, tc.requeueAfter)
			}
			// Refused keys are retried on a timer, yet only a person fixes them.
			waitsForAPerson := tc.terminal || tc.reason == ptero.ReasonUnauthorized || tc.reason == ptero.ReasonForbidden
			if f.NeedsAction() != waitsForAPerson {
				t.Errorf("got %+v; want NeedsAction %t (the Stalled condition)", f, waitsForAPerson)
			}
			if !strings.Contains(f.Message, tc.message) {
				t.Errorf("message %q does not contain %q", f.Message, tc.message)
			}
			// The message goes on with what to do: a sentence after the panel's words.
			if !strings.HasSuffix(f.Message, ".") || strings.Contains(f.Message, "..") {
				t.Errorf("message %q does not end in one sentence saying what to do", f.Message)
			}
		})
	}
	if _, ok := Classify(&panel.APIError{StatusCode: 502}); ok {
		t.Error("a 502 must stay a transient error (backoff, PanelUnavailable)")
	}
	if _, ok := Classify(fmt.Errorf("dial tcp: connection refused")); ok {
		t.Error("a network error must stay a transient error")
	}
}

// TestClassifyForNamesTheSecret: on the Panel, a refused key names the Secret to fix; elsewhere,
// where the Panel is not at hand, the message says where to look.
func TestClassifyForNamesTheSecret(t *testing.T) {
	p := &ptero.Panel{Spec: ptero.PanelSpec{CredentialsSecretRef: ptero.SecretReference{Namespace: "pterodactyl-system", Name: "keys"}}}
	for _, status := range []int{401, 403} {
		f, _ := ClassifyFor(p)(&panel.APIError{StatusCode: status})
		if !strings.Contains(f.Message, "the credentials Secret pterodactyl-system/keys") {
			t.Errorf("%d on the Panel: %q does not name its Secret", status, f.Message)
		}
		f, _ = Classify(&panel.APIError{StatusCode: status})
		if !strings.Contains(f.Message, "the Panel's credentials Secret") {
			t.Errorf("%d on an object: %q does not say where the key is", status, f.Message)
		}
	}
}
