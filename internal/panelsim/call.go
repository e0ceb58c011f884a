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
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// call is one request on its way through the middleware: who sent it and the objects its path
// binds. Everything on it is read and written under Sim.mu.
type call struct {
	sim     *Sim
	st      *state
	r       *http.Request
	route   *route
	params  map[string]string
	query   url.Values
	baseURL string
	header  http.Header

	key     *Key
	user    *user // the key's owner
	rawBody []byte
	body    input

	// Bound path parameters.
	boundUser       *user
	boundLocation   *location
	boundNode       *node
	boundAllocation *allocation
	boundNest       *nest
	boundEgg        *egg
	boundServer     *server
	boundDatabase   *database
	// Bound on the client API, scoped to boundServer (and a task to boundSchedule).
	boundBackup   *backup
	boundSchedule *schedule
	boundTask     *task
	boundSubuser  *subuser

	// What a request builds once and shows many times: each egg variable's attributes
	// (eggVariableCopy) and included rows (relatedItem).
	variableAttrs map[*eggVariable]obj
	related       map[relatedKey]obj
}

// authenticate finds the bearer key and its owner (Sanctum's auth:sanctum); any key of either
// kind passes here. Which API takes which key is admitAPI's business.
func (s *Sim) authenticate(c *call) *apiError {
	auth := c.r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	key := s.keys[token]
	if !ok || key == nil {
		return errUnauthenticated()
	}
	owner, found := s.st.users.get(key.UserID)
	if !found {
		return errUnauthenticated()
	}
	c.key, c.user = key, owner
	return nil
}

// admitAPI is the API's own gate (AuthenticateApplicationUser, RequireClientApiKey): the
// application API wants a root admin, the client API a client key.
func (c *call) admitAPI() *apiError {
	switch c.route.api {
	case applicationAPI:
		if !c.user.RootAdmin {
			return errForbidden(msgNotAdmin)
		}
	case clientAPI:
		if strings.HasPrefix(c.key.Token, "ptla_") {
			return errForbidden(msgAppKeyOnClient)
		}
	}
	return nil
}

// authorize applies the key's r_* bitmask: GET needs read, anything else write. A root admin's
// client key has every right.
func (c *call) authorize() *apiError {
	if c.route.perm == "" || !strings.HasPrefix(c.key.Token, "ptla_") || c.key.Permissions == nil {
		return nil
	}
	need := PermWrite
	if c.r.Method == http.MethodGet {
		need = PermRead
	}
	if c.key.Permissions[c.route.perm]&need == 0 {
		return errForbidden(msgUnauthorized)
	}
	return nil
}

// canRead reports whether the key may read a resource, for includes (null_resource otherwise).
func (c *call) canRead(resource string) bool {
	if !strings.HasPrefix(c.key.Token, "ptla_") || c.key.Permissions == nil {
		return true
	}
	return c.key.Permissions[resource]&PermRead != 0
}

// bind resolves the path's model parameters; a missing or foreign one is a 404.
func (c *call) bind() *apiError {
	if c.route.api == clientAPI {
		return c.bindClient()
	}
	for _, name := range []string{"user", "location", "node", "allocation", "nest", "egg", "server", "database"} {
		raw, ok := c.params[name]
		if !ok {
			continue
		}
		id, err := strconv.Atoi(raw)
		if err != nil || id <= 0 {
			return errNotFound()
		}
		if !c.bindOne(name, id) {
			return errNotFound()
		}
	}
	return nil
}

// bindClient is SubstituteClientBindings with the client routes' scoped bindings: the server by
// identifier or uuid, then each child through its parent's relation (a backup by uuid among the
// server's backups, soft-deleted ones left out; a schedule by id among the server's; a task among
// the schedule's; a subuser by its user's uuid among the server's subusers). Any miss is a 404.
func (c *call) bindClient() *apiError {
	raw, ok := c.params["server"]
	if !ok {
		return nil
	}
	if c.boundServer = c.st.serverByIdentifier(raw); c.boundServer == nil {
		return errNotFound()
	}
	srv := c.boundServer
	if v, ok := c.params["backup"]; ok {
		if c.boundBackup = c.st.backupOf(srv.ID, v); c.boundBackup == nil {
			return errNotFound()
		}
	}
	if v, ok := c.params["schedule"]; ok {
		id, _ := strconv.Atoi(v)
		if sc, found := c.st.schedules.get(id); found && sc.ServerID == srv.ID {
			c.boundSchedule = sc
		} else {
			return errNotFound()
		}
	}
	if v, ok := c.params["task"]; ok {
		id, _ := strconv.Atoi(v)
		if t, found := c.st.tasks.get(id); found && t.ScheduleID == c.boundSchedule.ID {
			c.boundTask = t
		} else {
			return errNotFound()
		}
	}
	if v, ok := c.params["user"]; ok {
		if c.boundSubuser = c.st.subuserByUUID(srv.ID, v); c.boundSubuser == nil {
			return errNotFound()
		}
	}
	return nil
}

func (c *call) bindOne(name string, id int) bool {
	var ok bool
	switch name {
	case "user":
		c.boundUser, ok = c.st.users.get(id)
	case "location":
		c.boundLocation, ok = c.st.locations.get(id)
	case "node":
		c.boundNode, ok = c.st.nodes.get(id)
	case "allocation":
		c.boundAllocation, ok = c.st.allocations.get(id)
		ok = ok && c.boundNode != nil && c.boundAllocation.NodeID == c.boundNode.ID
	case "nest":
		c.boundNest, ok = c.st.nests.get(id)
	case "egg":
		c.boundEgg, ok = c.st.eggs.get(id)
		ok = ok && c.boundNest != nil && c.boundEgg.NestID == c.boundNest.ID
	case "server":
		c.boundServer, ok = c.st.servers.get(id)
	case "database":
		c.boundDatabase, ok = c.st.databases.get(id)
		ok = ok && c.boundServer != nil && c.boundDatabase.ServerID == c.boundServer.ID
	}
	return ok
}

// serverByIdentifier finds a server by its 8-character identifier or full uuid (client API).
func (s *state) serverByIdentifier(v string) *server {
	for _, srv := range s.servers.rows {
		if srv.UUIDShort == v || srv.UUID == v {
			return srv
		}
	}
	return nil
}

// checkJSON is the panel's IsValidJson middleware: a JSON request with a body that
// json_decode refuses is a 400 BadRequestHttpException carrying PHP's reason. It runs in the
// api group right after auth:sanctum, so before the API gate, the throttle (such a request has
// no X-RateLimit-* headers and does not count) and the bindings, and for every method, GET too.
// It reads the body for decodeBody.
func (c *call) checkJSON() *apiError {
	if c.r.Body == nil || !jsonContentType(c.r) {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(c.r.Body, 8<<20))
	if err != nil {
		return nil
	}
	c.rawBody = data
	// The middleware skips an empty body (PHP's empty(), which "0" also is, but that is valid
	// JSON anyway); one of only whitespace is json_decode's syntax error.
	if len(data) == 0 {
		return nil
	}
	if reason := phpJSONError(data); reason != "" {
		return newError(http.StatusBadRequest, "BadRequestHttpException",
			"The JSON data passed in the request appears to be malformed: "+reason)
	}
	return nil
}

// jsonContentType tells whether Laravel parses the request's body as JSON.
func jsonContentType(r *http.Request) bool {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return strings.HasSuffix(mt, "/json") || strings.HasSuffix(mt, "+json")
}

// decodeBody turns the body checkJSON read into input the way Laravel does: strings trimmed (but
// not passwords) and "" turned into null. Without a JSON Content-Type nothing was read. A GET's
// JSON body is decoded too: Laravel's input() reads it whatever the method, and the include key
// (requestIncludes) is the one thing a GET takes from it.
func (c *call) decodeBody() {
	c.body = input{}
	if len(bytes.TrimSpace(c.rawBody)) == 0 {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(c.rawBody))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return // checkJSON has refused whatever PHP would not decode
	}
	if m, ok := v.(map[string]any); ok {
		c.body = input(normalize(m, "").(map[string]any))
	}
}

// normalize applies Laravel's TrimStrings and ConvertEmptyStringsToNull middleware.
func normalize(v any, key string) any {
	switch t := v.(type) {
	case string:
		if key != "password" {
			t = strings.TrimSpace(t)
		}
		if t == "" {
			return nil
		}
		return t
	case map[string]any:
		for k, val := range t {
			t[k] = normalize(val, k)
		}
		return t
	case []any:
		for i, val := range t {
			t[i] = normalize(val, "")
		}
		return t
	}
	return v
}

func itoa(i int) string { return strconv.Itoa(i) }
