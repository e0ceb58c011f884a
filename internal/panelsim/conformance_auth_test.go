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

import (
	"net/http"
	"strings"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// panel-api.md §1, §3: transport, keys, permissions and the check order.

func TestAuthMissingOrBadKeyIs401(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name string
		auth string
	}{
		{"no header", ""},
		{"unknown key", "Bearer ptla_" + strings.Repeat("z", 43)},
		{"lowercase bearer", "bearer " + e.appKey},
		{"other scheme", "Token " + e.appKey},
		{"bare key", e.appKey},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.get("/users", withHeader("Authorization", tc.auth))
			wantError(t, r, http.StatusUnauthorized, "AuthenticationException", "Unauthenticated.")
			if ct := r.header.Get("Content-Type"); !strings.Contains(ct, "json") {
				t.Errorf("Content-Type %q, want JSON", ct)
			}
		})
	}
}

func TestAuthAcceptHeaderVariants(t *testing.T) {
	e := newEnv(t)
	for _, accept := range []string{"application/json", "application/vnd.pterodactyl.v1+json", "text/html, application/json;q=0.9"} {
		r := e.get("/users", withKey("nope"), withHeader("Accept", accept))
		wantError(t, r, http.StatusUnauthorized, "AuthenticationException", "Unauthenticated.")
	}
}

func TestAuthWithoutJSONAcceptRedirects(t *testing.T) {
	e := newEnv(t)

	t.Run("401 becomes a redirect to the login page", func(t *testing.T) {
		r := e.get("/users", withKey("nope"), withHeader("Accept", ""))
		wantStatus(t, r, http.StatusFound)
		if loc := r.header.Get("Location"); loc != e.srv.URL+"/auth/login" {
			t.Errorf("Location %q, want %s/auth/login", loc, e.srv.URL)
		}
	})
	t.Run("422 becomes a redirect back", func(t *testing.T) {
		r := e.post("/users", map[string]any{}, withHeader("Accept", "text/html"), withHeader("Referer", "http://panel.test/form"))
		wantStatus(t, r, http.StatusFound)
		if loc := r.header.Get("Location"); loc != "http://panel.test/form" {
			t.Errorf("Location %q, want the referer", loc)
		}
		if u := e.sim.State().Users; len(u) != 2 {
			t.Errorf("users after a failed create: %d, want 2", len(u))
		}
	})
	t.Run("other errors are HTML", func(t *testing.T) {
		r := e.get("/users/999", withHeader("Accept", ""))
		wantStatus(t, r, http.StatusNotFound)
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("Content-Type %q, want text/html", ct)
		}
		if r.body != nil {
			t.Errorf("body is JSON: %s", r.raw)
		}
	})
}

func TestAuthBodyIgnoredWithoutJSONContentType(t *testing.T) {
	e := newEnv(t)
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded"} {
		t.Run("content-type "+ct, func(t *testing.T) {
			r := e.post("/users", userBody("ignored"), withHeader("Content-Type", ct))
			wantValidation(t, r, "email", "required", "The email field is required.")
			wantValidation(t, r, "username", "required", "The username field is required.")
			wantValidation(t, r, "first_name", "required", "The first name field is required.")
			wantValidation(t, r, "last_name", "required", "The last name field is required.")
		})
	}
	// A JSON suffix type is JSON.
	r := e.post("/users", userBody("suffixed"), withHeader("Content-Type", "application/vnd.api+json; charset=utf-8"))
	wantStatus(t, r, http.StatusCreated)
}

// IsValidJson runs json_decode($body, true, 512, JSON_THROW_ON_ERROR) and puts the
// JsonException's message, PHP's json_last_error_msg, after its own sentence.
func TestAuthMalformedJSONIs400(t *testing.T) {
	e := newEnv(t)
	const prefix = "The JSON data passed in the request appears to be malformed: "
	cases := []struct {
		name, body, reason string
	}{
		{"cut short", `{"email": "a@example.com",`, "Syntax error"},
		{"trailing data", `{"email": "a@example.com"}}`, "Syntax error"},
		{"only whitespace", " \n\t ", "Syntax error"},
		{"leading zero", `{"n": 01}`, "Syntax error"},
		{"unknown escape", `{"s": "\x41"}`, "Syntax error"},
		{"string not closed", `{"email": "a@example.com`, "Control character error, possibly incorrectly encoded"},
		{"raw tab in a string", "{\"s\": \"a\tb\"}", "Control character error, possibly incorrectly encoded"},
		{"invalid UTF-8", "{\"s\": \"\xff\"}", "Malformed UTF-8 characters, possibly incorrectly encoded"},
		{"lone surrogate", `{"s": "\ud800"}`, "Single unpaired UTF-16 surrogate in unicode escape"},
		{"object closed as an array", `{"a": 1]`, "State mismatch (invalid or malformed JSON)"},
		{"array closed as an object", `[1}`, "State mismatch (invalid or malformed JSON)"},
		{"512 levels", strings.Repeat("[", 512) + strings.Repeat("]", 512), "Maximum stack depth exceeded"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			wantError(t, e.post("/users", tc.body), http.StatusBadRequest, "BadRequestHttpException", prefix+tc.reason)
		})
	}
	// What json_decode takes passes on to validation, however odd.
	for name, body := range map[string]string{
		"511 levels":      strings.Repeat("[", 511) + strings.Repeat("]", 511),
		"surrogate pair":  `{"email": "\ud83d\ude00"}`,
		"a bare scalar":   `"users"`,
		"empty body":      "",
		"a zero exponent": `{"n": -0.5E+0}`,
	} {
		if r := e.post("/users", body); r.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %s, want validation's 422", name, r)
		}
	}
}

// IsValidJson sits in the api group right after auth:sanctum: a bad key is still a 401, but the
// malformed body is refused before the application API's admin gate, the bindings (404) and the
// key's permissions (403), and for any method.
func TestAuthMalformedJSONCheckOrder(t *testing.T) {
	playerKey := appKeyWith("player", nil)
	playerKey.UserID = playerID
	readOnly := appKeyWith("readonly", map[string]int{panelsim.ResUsers: panelsim.PermRead})
	e := newEnv(t, withKeys(playerKey, readOnly))
	const broken = `{"email":`

	wantStatus(t, e.post("/users", broken, withKey("ptla_"+strings.Repeat("z", 43))), http.StatusUnauthorized)
	for name, r := range map[string]*response{
		"non-admin key":    e.post("/users", broken, withKey(playerKey.Token)),
		"missing user":     e.patch("/users/999", broken),
		"no write right":   e.post("/users", broken, withKey(readOnly.Token)),
		"GET with a body":  e.do(http.MethodGet, appBase+"/users", broken),
		"client API route": e.clientAPI(http.MethodPost, "/servers/nope1234/power", broken),
	} {
		t.Run(name, func(t *testing.T) {
			wantError(t, r, http.StatusBadRequest, "BadRequestHttpException",
				"The JSON data passed in the request appears to be malformed: Syntax error")
		})
	}
	// Without a JSON Content-Type the body is neither checked nor read.
	r := e.post("/users", broken, withHeader("Content-Type", "text/plain"))
	wantValidation(t, r, "email", "required", "The email field is required.")
}

func TestAuthPermissionBitmasks(t *testing.T) {
	writeOnly := appKeyWith("writeonly", map[string]int{panelsim.ResUsers: panelsim.PermWrite})
	readOnly := appKeyWith("readonly", map[string]int{panelsim.ResUsers: panelsim.PermRead})
	nodesOnly := appKeyWith("nodesonly", map[string]int{panelsim.ResNodes: panelsim.PermReadWrite})
	allocRead := appKeyWith("allocread", map[string]int{panelsim.ResAllocations: panelsim.PermRead})
	e := newEnv(t, withKeys(writeOnly, readOnly, nodesOnly, allocRead))

	cases := []struct {
		name   string
		key    string
		method string
		path   string
		body   any
		want   int
	}{
		{"write alone does not grant read", writeOnly.Token, http.MethodGet, "/users", nil, http.StatusForbidden},
		{"write grants create", writeOnly.Token, http.MethodPost, "/users", userBody("writer"), http.StatusCreated},
		{"read grants read", readOnly.Token, http.MethodGet, "/users/1", nil, http.StatusOK},
		{"read does not grant create", readOnly.Token, http.MethodPost, "/users", userBody("reader"), http.StatusForbidden},
		{"read does not grant delete", readOnly.Token, http.MethodDelete, "/users/2", nil, http.StatusForbidden},
		{"other resources need their own bit", readOnly.Token, http.MethodGet, "/locations", nil, http.StatusForbidden},
		{"allocations check r_allocations, not r_nodes", nodesOnly.Token, http.MethodGet, "/nodes/1/allocations", nil, http.StatusForbidden},
		{"r_allocations alone reads a node's allocations", allocRead.Token, http.MethodGet, "/nodes/1/allocations", nil, http.StatusOK},
		{"r_allocations read does not create", allocRead.Token, http.MethodPost, "/nodes/1/allocations",
			map[string]any{"ip": "10.0.0.9", "ports": []string{"30000"}}, http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(tc.method, appBase+tc.path, tc.body, withKey(tc.key))
			if tc.want == http.StatusForbidden {
				wantError(t, r, http.StatusForbidden, "AccessDeniedHttpException", "This action is unauthorized.")
				return
			}
			wantStatus(t, r, tc.want)
		})
	}
}

func TestAuthNotFoundComesBeforeForbidden(t *testing.T) {
	none := appKeyWith("nothing", map[string]int{})
	e := newEnv(t, withKeys(none))
	r := e.get("/users/999", withKey(none.Token))
	wantError(t, r, http.StatusNotFound, "NotFoundHttpException", "The requested resource could not be found on the server.")
	r = e.del("/servers/999", withKey(none.Token))
	wantError(t, r, http.StatusNotFound, "NotFoundHttpException", "The requested resource could not be found on the server.")
	r = e.get("/users/1", withKey(none.Token))
	wantError(t, r, http.StatusForbidden, "AccessDeniedHttpException", "This action is unauthorized.")
	// Ids in paths are numeric: anything else does not bind.
	r = e.get("/users/abc", withKey(none.Token))
	wantStatus(t, r, http.StatusNotFound)
}

func TestAuthRootAdminClientKeyOnApplicationAPI(t *testing.T) {
	e := newEnv(t)
	if !strings.HasPrefix(e.clientKey, "ptlc_") || len(e.clientKey) != 48 {
		t.Fatalf("client key %q: want ptlc_ and 48 characters", e.clientKey)
	}
	if !strings.HasPrefix(e.appKey, "ptla_") || len(e.appKey) != 48 {
		t.Fatalf("application key %q: want ptla_ and 48 characters", e.appKey)
	}
	wantStatus(t, e.get("/users", withKey(e.clientKey)), http.StatusOK)
	wantStatus(t, e.post("/locations", map[string]any{"short": "ap-south"}, withKey(e.clientKey)), http.StatusCreated)
}

func TestAuthNonAdminKeyOnApplicationAPI(t *testing.T) {
	playerKey := panelsim.Key{Token: "ptlc_player" + strings.Repeat("p", 37), UserID: playerID}
	e := newEnv(t, withKeys(playerKey))
	r := e.get("/users", withKey(playerKey.Token))
	wantError(t, r, http.StatusForbidden, "AccessDeniedHttpException", "This account does not have permission to access the API.")
}

func TestAuthApplicationKeyOnClientAPI(t *testing.T) {
	e := newEnv(t)
	r := e.do(http.MethodGet, "/api/client/servers/abcdefgh/resources", nil)
	wantError(t, r, http.StatusForbidden, "AccessDeniedHttpException",
		"You are attempting to use an application API key on an endpoint that requires a client API key.")
}

func TestAuthUnknownRouteAndWrongMethod(t *testing.T) {
	e := newEnv(t)
	r := e.get("/x")
	wantError(t, r, http.StatusNotFound, "NotFoundHttpException", "The route api/application/x could not be found.")

	r = e.do(http.MethodPut, appBase+"/users", map[string]any{})
	wantError(t, r, http.StatusMethodNotAllowed, "MethodNotAllowedHttpException", "")
	if d, _ := r.at("errors.0.detail").(string); !strings.HasPrefix(d, "The PUT method is not supported for route api/application/users.") {
		t.Errorf("detail %q", d)
	}
	// The nests and eggs are read-only.
	r = e.post("/nests", map[string]any{"name": "x"})
	wantStatus(t, r, http.StatusMethodNotAllowed)
}
