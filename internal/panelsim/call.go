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

	key  *Key
	user *user // the key's owner
	body input

	// Bound path parameters.
	boundUser       *user
	boundLocation   *location
	boundNode       *node
	boundAllocation *allocation
	boundNest       *nest
	boundEgg        *egg
	boundServer     *server
	boundDatabase   *database
}

// authenticate checks the bearer key against the API the route belongs to.
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
	isApp := strings.HasPrefix(token, "ptla_")
	switch c.route.api {
	case applicationAPI:
		if !owner.RootAdmin {
			return errForbidden(msgNotAdmin)
		}
	case clientAPI:
		if isApp {
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
	for _, name := range []string{"user", "location", "node", "allocation", "nest", "egg", "server", "database"} {
		raw, ok := c.params[name]
		if !ok {
			continue
		}
		if name == "server" && c.route.api == clientAPI {
			c.boundServer = c.st.serverByIdentifier(raw)
			if c.boundServer == nil {
				return errNotFound()
			}
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

// decodeBody reads a JSON body the way Laravel does: only with a JSON Content-Type, strings
// trimmed (but not passwords) and "" turned into null. Malformed JSON is a 400.
func (c *call) decodeBody() *apiError {
	c.body = input{}
	if c.r.Body == nil || c.r.Method == http.MethodGet {
		return nil
	}
	data, err := io.ReadAll(io.LimitReader(c.r.Body, 8<<20))
	if err != nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	mt, _, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if !strings.HasSuffix(mt, "/json") && !strings.HasSuffix(mt, "+json") {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return newError(http.StatusBadRequest, "BadRequestHttpException",
			"The JSON data passed in the request appears to be malformed: "+err.Error())
	}
	if m, ok := v.(map[string]any); ok {
		c.body = input(normalize(m, "").(map[string]any))
	}
	return nil
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
