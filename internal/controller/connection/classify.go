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
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// credentialsRecheck is how soon an object whose panel refused the key tries again. Fixing the
// key changes the Panel's Secret, which re-queues the Panel and, once it is Ready again, every
// object using it; this is only the safety net.
const credentialsRecheck = 5 * time.Minute

// minRateLimitWait keeps a 429 without Retry-After from becoming a hot loop.
const minRateLimitWait = time.Second

// conflictRetry is how soon a request the panel refused for the server's current state
// (installing, suspended, transferring) is tried again.
const conflictRetry = 15 * time.Second

// capacityRetry is how soon a deployment the panel found no node or port for is tried again.
const capacityRetry = 30 * time.Second

// Classify turns the panel client's errors into the Synced reasons of docs/troubleshooting.md. Errors it does not
// recognise (5xx, timeouts, refused connections) stay transient: backoff, PanelUnavailable. Each
// message ends with what the user can do about it; refused keys point at "the Panel's credentials
// Secret" (ClassifyFor names it, where the Panel is known).
func Classify(err error) (managed.Failure, bool) {
	return classify(err, "the Panel's credentials Secret")
}

// ClassifyFor is Classify for the Panel itself: messages about its keys name its credentials
// Secret (its namespace and name, never its content).
func ClassifyFor(p *ptero.Panel) managed.Classifier {
	ref := p.Spec.CredentialsSecretRef
	secret := "the credentials Secret " + ref.Namespace + "/" + ref.Name
	return func(err error) (managed.Failure, bool) { return classify(err, secret) }
}

// createSettle is how many requestTimeouts a POST the panel did not answer in time is given to
// finish before the object is looked up again.
const createSettle = 2

func classify(err error, secret string) (managed.Failure, bool) {
	var timedOut *panel.TimeoutError
	if errors.As(err, &timedOut) {
		f := managed.Failure{Reason: ptero.ReasonPanelUnavailable, Message: fmt.Sprintf(
			"The panel did not answer %s %s within %s (the Panel's requestTimeout): it may be overloaded. "+
				"Check that it is up; raise requestTimeout only if it answers, slowly.",
			timedOut.Method, timedOut.Route, timedOut.After)}
		if timedOut.Method == http.MethodPost {
			// The panel may still be running the POST (PHP carries on when its client goes away):
			// looking up at once would miss what it is making and make it a second time — a node,
			// which has nothing unique to be refused on. Its answer is waited out first.
			f.RequeueAfter = createSettle * timedOut.After
		}
		return f, true
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return managed.Failure{Reason: ptero.ReasonPanelUnavailable,
			Message: managed.Then("The panel answered too slowly to finish within the reconcile's deadline: "+err.Error(),
				"Check the panel's load (its PHP workers) and that it is reachable from the cluster.")}, true
	}
	e, ok := panel.AsAPIError(err)
	if !ok {
		return managed.Failure{}, false
	}
	switch {
	case panel.IsDaemonError(err):
		// Before the 400 check: the panel relays a Wings 4xx with Wings' own status.
		return managed.Failure{Reason: ptero.ReasonPanelUnavailable, Message: managed.Then("The panel could not reach Wings: "+describe(e),
			"Check that Wings runs on the node and that the panel reaches it at the node's fqdn and daemonListen port.")}, true
	case panel.HasErrorCode(err, "NoViableNodeException"), panel.HasErrorCode(err, "NoViableAllocationException"):
		// No room for a deployment today may be room tomorrow: a node is added, a server
		// deleted, ports freed. Unlike a refused spec, this is worth asking again.
		return managed.Failure{Reason: ptero.ReasonPanelRejected, Message: managed.Then("The panel has no room for it yet: "+describe(e), fmt.Sprintf(
			"Trying again every %s; add a public node with free ports to the deploy locations, or widen deploy.portRange.", capacityRetry)),
			RequeueAfter: capacityRetry}, true
	case panel.IsValidation(err), panel.IsBadRequest(err):
		// The panel judged the spec (or a business rule) and would judge it the same way
		// again: wait for the spec or a referenced object to change.
		return managed.Failure{Reason: ptero.ReasonPanelRejected, Terminal: true, Message: managed.Then("The panel refused "+describe(e),
			"Change the spec as the panel says; it is tried again when the object changes.")}, true
	case panel.IsUnauthorized(err):
		// Retried as a safety net, but only a new key fixes it: Stalled.
		return managed.Failure{Reason: ptero.ReasonUnauthorized, Stalled: true,
			Message: "The panel refused the application key (401): it is wrong, revoked or expired. " +
				"Put a valid applicationKey (ptla_…) in " + secret + ".",
			RequeueAfter: credentialsRecheck}, true
	case panel.IsForbidden(err):
		return managed.Failure{Reason: ptero.ReasonForbidden, Stalled: true,
			Message: managed.Then("The application key lacks a permission this needs (403): "+describe(e),
				"Create an application key with Read & Write on that resource (panel Admin > Application API: a key's permissions "+
					"cannot be changed) and put it in "+secret+"."),
			RequeueAfter: credentialsRecheck}, true
	case panel.IsRateLimited(err):
		wait := max(e.RetryAfter, minRateLimitWait)
		return managed.Failure{Reason: ptero.ReasonRateLimited,
			Message: fmt.Sprintf("The panel's rate limit is exhausted; waiting %s as it asked. If this keeps happening, lower the Panel's "+
				"requestsPerMinute, or stop other tools that use keys of the same admin account.", wait),
			RequeueAfter: wait}, true
	case panel.IsConflict(err):
		return managed.Failure{Reason: ptero.ReasonPanelRejected, Message: managed.Then("The panel refused, for now: "+describe(e),
			fmt.Sprintf("Trying again in %s: nothing to do unless it lasts.", conflictRetry)),
			RequeueAfter: conflictRetry}, true
	}
	return managed.Failure{}, false
}

// describe renders an error for a condition: the call, then each failed rule with its field.
func describe(e *panel.APIError) string {
	var b strings.Builder
	if e.Method != "" {
		fmt.Fprintf(&b, "%s %s: ", e.Method, e.Route)
	}
	if len(e.Errors) == 0 {
		fmt.Fprintf(&b, "%d %s", e.StatusCode, e.Detail())
		return b.String()
	}
	for i, it := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(it.Detail)
		if it.SourceField != "" {
			fmt.Fprintf(&b, " (field %s)", it.SourceField)
		}
	}
	return b.String()
}
