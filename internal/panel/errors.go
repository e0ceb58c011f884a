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
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// ErrorItem is one entry of the panel's {"errors":[...]} body. A 422 has one entry per failed
// validation rule.
type ErrorItem struct {
	// Code is the exception's class basename, e.g. ValidationException, NotFoundHttpException,
	// DaemonConnectionException, HasActiveServersException.
	Code string `json:"code"`
	// Status is the HTTP status as the panel wrote it (a string in 1.x).
	Status string `json:"status"`
	Detail string `json:"detail"`
	// SourceField is the dotted input path of a validation error, e.g. "limits.memory" or
	// "environment.SERVER_JARFILE".
	SourceField string `json:"source_field,omitempty"`
	// Rule is the failed rule's snake_case name ("required", "unique", "p_username", ...).
	Rule string `json:"rule,omitempty"`
}

// UnmarshalJSON reads status as a string or a number and lifts meta.source_field and meta.rule.
func (e *ErrorItem) UnmarshalJSON(data []byte) error {
	var raw struct {
		Code   string          `json:"code"`
		Status json.RawMessage `json:"status"`
		Detail string          `json:"detail"`
		Meta   *struct {
			SourceField string `json:"source_field"`
			Rule        string `json:"rule"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	*e = ErrorItem{Code: raw.Code, Detail: raw.Detail}
	if raw.Meta != nil {
		e.SourceField, e.Rule = raw.Meta.SourceField, raw.Meta.Rule
	}
	var s string
	if json.Unmarshal(raw.Status, &s) == nil {
		e.Status = s
	} else if n, err := strconv.Atoi(strings.TrimSpace(string(raw.Status))); err == nil {
		e.Status = strconv.Itoa(n)
	}
	return nil
}

// APIError is any non-2xx answer from the panel.
type APIError struct {
	StatusCode int
	Errors     []ErrorItem
	// RetryAfter is the panel's Retry-After, if it sent one (429s).
	RetryAfter time.Duration
	// Method and Route (the template, not the path) say which call failed.
	Method, Route string
	// Body holds the start of a body that was not the panel's error JSON (an HTML page from a
	// proxy, for instance), with the key removed.
	Body string
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("panel: ")
	if e.Method != "" {
		fmt.Fprintf(&b, "%s %s: ", e.Method, e.Route)
	}
	fmt.Fprintf(&b, "%d %s", e.StatusCode, http.StatusText(e.StatusCode))
	for i, it := range e.Errors {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		if it.Code != "" {
			b.WriteString(it.Code)
			b.WriteString(": ")
		}
		b.WriteString(it.Detail)
		if it.SourceField != "" {
			fmt.Fprintf(&b, " (%s)", it.SourceField)
		}
		if i == 9 && len(e.Errors) > 10 {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-10)
			break
		}
	}
	if len(e.Errors) == 0 && e.Body != "" {
		fmt.Fprintf(&b, ": %q", e.Body)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	return b.String()
}

// Detail joins the details of every entry; handy for a condition message.
func (e *APIError) Detail() string {
	ds := make([]string, 0, len(e.Errors))
	for _, it := range e.Errors {
		if it.Detail != "" {
			ds = append(ds, it.Detail)
		}
	}
	if len(ds) == 0 {
		return http.StatusText(e.StatusCode)
	}
	return strings.Join(ds, " ")
}

// bodySnippetLen keeps error messages readable when a proxy returns a whole HTML page.
const bodySnippetLen = 256

// newAPIError decodes an error body; anything that is not the panel's error JSON still gives an
// *APIError carrying the status and a snippet of the body.
func newAPIError(status int, body []byte, key string) *APIError {
	e := &APIError{StatusCode: status}
	var env struct {
		Errors []ErrorItem `json:"errors"`
	}
	if json.Unmarshal(body, &env) == nil && len(env.Errors) > 0 {
		e.Errors = env.Errors
		return e
	}
	s := strings.TrimSpace(string(body))
	if len(s) > bodySnippetLen {
		s = s[:bodySnippetLen]
		for !utf8.ValidString(s) && s != "" {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	e.Body = redact(s, key)
	return e
}

// AsAPIError returns the *APIError in err's chain.
func AsAPIError(err error) (*APIError, bool) {
	var e *APIError
	ok := errors.As(err, &e)
	return e, ok
}

func hasStatus(err error, code int) bool {
	e, ok := AsAPIError(err)
	return ok && e.StatusCode == code
}

// IsNotFound reports a 404: the object (or, with a wrong route, the route) does not exist. The
// panel checks existence before permissions, so a 404 is trustworthy even for a weak key.
func IsNotFound(err error) bool { return hasStatus(err, http.StatusNotFound) }

// IsValidation reports a 422: the panel rejected the input. See FieldErrors.
func IsValidation(err error) bool { return hasStatus(err, http.StatusUnprocessableEntity) }

// IsBadRequest reports a 400: a business rule refused the request (HasActiveServersException,
// NoViableNodeException, ...), or malformed JSON, a bad filter, or a 2FA requirement.
func IsBadRequest(err error) bool { return hasStatus(err, http.StatusBadRequest) }

// IsRateLimited reports a 429 (or a local hold after the panel said no requests remain).
func IsRateLimited(err error) bool { return hasStatus(err, http.StatusTooManyRequests) }

// IsConflict reports a 409: a state conflict (server suspended, installing, transferring...).
func IsConflict(err error) bool { return hasStatus(err, http.StatusConflict) }

// IsUnauthorized reports a 401: missing, wrong or expired key.
func IsUnauthorized(err error) bool { return hasStatus(err, http.StatusUnauthorized) }

// IsForbidden reports a 403: the key lacks the permission, the IP is not allowed, or an
// application key was used on the client API.
func IsForbidden(err error) bool { return hasStatus(err, http.StatusForbidden) }

// IsDaemonError reports that the panel could not get Wings to do its part
// (DaemonConnectionException). Its status mirrors Wings' (504 when unreachable), so it is told
// apart by the code rather than the status.
func IsDaemonError(err error) bool {
	return HasErrorCode(err, "DaemonConnectionException")
}

// IsServerError reports a 5xx answer, whatever its cause (panel, Wings or a proxy).
func IsServerError(err error) bool {
	e, ok := AsAPIError(err)
	return ok && e.StatusCode >= 500
}

// HasErrorCode reports whether any entry of the error has the given code.
func HasErrorCode(err error, code string) bool {
	e, ok := AsAPIError(err)
	if !ok {
		return false
	}
	for _, it := range e.Errors {
		if it.Code == code {
			return true
		}
	}
	return false
}

// ErrorCode returns the first entry's code ("" if err is not an *APIError or has no entries).
func ErrorCode(err error) string {
	e, ok := AsAPIError(err)
	if !ok || len(e.Errors) == 0 {
		return ""
	}
	return e.Errors[0].Code
}

// IsTaken reports a 422 saying that the value of field must be unique and is already used (the
// rule "unique"), e.g. a server's external_id.
func IsTaken(err error, field string) bool {
	e, ok := AsAPIError(err)
	if !ok || e.StatusCode != http.StatusUnprocessableEntity {
		return false
	}
	for _, it := range e.Errors {
		if it.SourceField == field && it.Rule == "unique" {
			return true
		}
	}
	return false
}

// FieldErrors groups validation details by source field path ("limits.memory",
// "environment.SERVER_JARFILE"). Entries without a field are left out. nil if err is no
// *APIError.
func FieldErrors(err error) map[string][]string {
	e, ok := AsAPIError(err)
	if !ok {
		return nil
	}
	out := map[string][]string{}
	for _, it := range e.Errors {
		if it.SourceField != "" {
			out[it.SourceField] = append(out[it.SourceField], it.Detail)
		}
	}
	return out
}

// RetryAfter returns how long the panel asked to wait (0 if it did not).
func RetryAfter(err error) time.Duration {
	if e, ok := AsAPIError(err); ok {
		return e.RetryAfter
	}
	return 0
}
