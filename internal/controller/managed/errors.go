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

package managed

import (
	"errors"
	"fmt"
	"strings"
	"time"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// Failure says how the reconciler reacts to an error.
type Failure struct {
	// Reason is the Synced condition's reason.
	Reason string
	// Message is shown in the condition and the event; it must never contain a secret.
	Message string
	// Terminal failures are not retried until the object (or one it references) changes:
	// the panel refused the spec, and asking again would get the same answer.
	Terminal bool
	// Stalled failures wait for a person although they are retried on a timer (a refused key,
	// a missing clientKey): the object gets the Stalled condition. Terminal implies Stalled.
	Stalled bool
	// RequeueAfter, when set, is when to try again instead of exponential backoff (the panel
	// said how long to wait, or a watch will wake the object sooner).
	RequeueAfter time.Duration
}

// NeedsAction reports whether f waits for a person: see Stalled.
func (f Failure) NeedsAction() bool { return f.Terminal || f.Stalled }

// Classifier turns an error into a Failure. Errors it does not know are transient: the
// reconciler retries them with exponential backoff and reports the panel as unavailable.
type Classifier func(err error) (Failure, bool)

// ReferenceNotReadyError says an object this one depends on (its Panel, a PanelLocation,
// a PanelUser, a GameServer…) does not exist or is not ready yet.
type ReferenceNotReadyError struct {
	Kind, Name string
	Why        string
}

func (e *ReferenceNotReadyError) Error() string {
	if e.Why == "" {
		return fmt.Sprintf("%s %q is not ready", e.Kind, e.Name)
	}
	return fmt.Sprintf("%s %q is not ready: %s", e.Kind, e.Name, e.Why)
}

// NotReady returns a ReferenceNotReadyError.
func NotReady(kind, name, why string) error {
	return &ReferenceNotReadyError{Kind: kind, Name: name, Why: why}
}

// InvalidSpecError says the spec cannot be turned into a panel request (an egg variable the egg
// does not have, a port that is not on the node…). Retrying cannot help until the spec changes.
type InvalidSpecError struct {
	Field   string
	Message string
}

func (e *InvalidSpecError) Error() string { return fmt.Sprintf("spec.%s: %s", e.Field, e.Message) }

// InvalidSpec returns an InvalidSpecError for a field path below spec.
func InvalidSpec(field, format string, args ...any) error {
	return &InvalidSpecError{Field: field, Message: fmt.Sprintf(format, args...)}
}

// FailureError carries a Failure decided by a kind itself (an adopted object deleted in the
// panel, an install that failed), for cases no generic rule covers.
type FailureError struct{ Failure Failure }

func (e *FailureError) Error() string { return e.Failure.Message }

// Fail returns an error that the reconciler reports exactly as f says.
func Fail(f Failure) error { return &FailureError{Failure: f} }

// Then joins what went wrong and what the user can do about it into one message of two
// sentences, so that every failure a user reads ends with its next step. cause gets a full stop
// unless it already ends a sentence (the panel's own details usually do).
func Then(cause, next string) string {
	cause = strings.TrimSpace(cause)
	if cause != "" && !strings.ContainsAny(cause[len(cause)-1:], ".!?") {
		cause += "."
	}
	return cause + " " + next
}

// ClassifyError applies the errors this package defines, then the kind's classifier.
func ClassifyError(err error, kindSpecific Classifier, syncInterval time.Duration) Failure {
	var notReady *ReferenceNotReadyError
	if errors.As(err, &notReady) {
		reason := ptero.ReasonReferenceNotReady
		if notReady.Kind == "Panel" {
			reason = ptero.ReasonPanelNotReady
		}
		// A watch on the referenced kind wakes us up when it becomes ready; the requeue is
		// only a safety net.
		return Failure{Reason: reason, Message: err.Error(), RequeueAfter: syncInterval}
	}
	var decided *FailureError
	if errors.As(err, &decided) {
		return decided.Failure
	}
	var invalid *InvalidSpecError
	if errors.As(err, &invalid) {
		return Failure{Reason: ptero.ReasonInvalidSpec, Message: err.Error(), Terminal: true}
	}
	if kindSpecific != nil {
		if f, ok := kindSpecific(err); ok {
			return f
		}
	}
	return Failure{Reason: ptero.ReasonPanelUnavailable, Message: err.Error()}
}
