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

package panelsim

import (
	"fmt"
	"net/http"
	"strconv"
)

// errorEntry is one element of the panel's {"errors":[…]} body; status is a string there.
type errorEntry struct {
	Code   string     `json:"code"`
	Status string     `json:"status"`
	Detail string     `json:"detail"`
	Meta   *errorMeta `json:"meta,omitempty"`
}

// errorMeta names the failed field and rule of a validation entry.
type errorMeta struct {
	SourceField string `json:"source_field"`
	Rule        string `json:"rule"`
}

// apiError is an error response: a status and one entry per failure.
type apiError struct {
	status  int
	entries []errorEntry
	header  http.Header
}

func (e *apiError) Error() string {
	if len(e.entries) == 0 {
		return strconv.Itoa(e.status)
	}
	return fmt.Sprintf("%d %s: %s", e.status, e.entries[0].Code, e.entries[0].Detail)
}

func newError(status int, code, detail string) *apiError {
	return &apiError{status: status, entries: []errorEntry{{Code: code, Status: strconv.Itoa(status), Detail: detail}}}
}

// The panel's fixed messages.
const (
	msgUnauthenticated = "Unauthenticated."
	msgNotFound        = "The requested resource could not be found on the server."
	msgUnauthorized    = "This action is unauthorized."
	msgNotAdmin        = "This account does not have permission to access the API."
	msgAppKeyOnClient  = "You are attempting to use an application API key on an endpoint that requires a client API key."
	msgTooMany         = "Too Many Attempts."
	msgUnexpected      = "An unexpected error was encountered while processing this request, please try again."
	msgDaemonNoConnect = "Could not establish a connection to the machine running this server. Please try again."
)

func errUnauthenticated() *apiError {
	return newError(http.StatusUnauthorized, "AuthenticationException", msgUnauthenticated)
}
func errNotFound() *apiError {
	return newError(http.StatusNotFound, "NotFoundHttpException", msgNotFound)
}
func errForbidden(detail string) *apiError {
	return newError(http.StatusForbidden, "AccessDeniedHttpException", detail)
}

// errDisplay is a business-rule refusal: 400 with the exception's basename as code.
func errDisplay(code, detail string) *apiError {
	return newError(http.StatusBadRequest, code, detail)
}

// errDaemonUnreachable is what the panel answers when Wings does not answer at all.
func errDaemonUnreachable() *apiError {
	return newError(http.StatusGatewayTimeout, "DaemonConnectionException", msgDaemonNoConnect)
}

// errInjected is an injected fault's answer: the panel's shape for that status.
func errInjected(status int) *apiError {
	switch status {
	case http.StatusUnauthorized:
		return errUnauthenticated()
	case http.StatusNotFound:
		return errNotFound()
	case http.StatusForbidden:
		return errForbidden(msgUnauthorized)
	case http.StatusTooManyRequests:
		return newError(status, "ThrottleRequestsException", msgTooMany)
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		return errDaemonUnreachable().withStatus(status)
	}
	if status >= 500 {
		return newError(status, "HttpException", msgUnexpected)
	}
	return newError(status, "HttpException", http.StatusText(status))
}

func (e *apiError) withStatus(status int) *apiError {
	e.status = status
	for i := range e.entries {
		e.entries[i].Status = strconv.Itoa(status)
	}
	return e
}

// validationErrors collects 422 entries, one per failed rule, in the order fields are checked.
type validationErrors struct{ entries []errorEntry }

func (v *validationErrors) add(field, rule, detail string) {
	v.entries = append(v.entries, errorEntry{
		Code: "ValidationException", Status: "422", Detail: detail,
		Meta: &errorMeta{SourceField: field, Rule: rule},
	})
}

// failed reports whether field already has an entry (Laravel stops at a field's first failure).
func (v *validationErrors) failed(field string) bool {
	for _, e := range v.entries {
		if e.Meta.SourceField == field {
			return true
		}
	}
	return false
}

// err returns the 422, or nil when nothing failed.
func (v *validationErrors) err() *apiError {
	if len(v.entries) == 0 {
		return nil
	}
	return &apiError{status: http.StatusUnprocessableEntity, entries: v.entries}
}
