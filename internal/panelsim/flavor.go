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
	"strings"
)

// Flavor is the panel a simulator answers as. Only Pterodactyl 1.x is simulated in full; the
// others change what tells them apart from it (docs/panel-api.md, "Flavours and versions"), so
// that an operator's detection can be tested against each. The rest stays 1.x's: 0.7's 120/60
// limits, its write payloads (pack, no backups) and Jexactyl's store are not simulated.
type Flavor string

const (
	// FlavorPterodactyl is Pterodactyl 1.x (1.11), the default.
	FlavorPterodactyl Flavor = "pterodactyl"
	// FlavorJexactyl is the Jexactyl fork (3.7 and later): Pterodactyl 1.11's API plus a
	// discord_id on users and the GET /users/{user}/resources route.
	FlavorJexactyl Flavor = "jexactyl"
	// FlavorPterodactyl07 is Pterodactyl 0.7: eggs with one docker_image, servers with a pack,
	// nodes without allocated_resources, and no client /account route.
	FlavorPterodactyl07 Flavor = "pterodactyl-0.7"
	// FlavorPterodactyl06 is Pterodactyl 0.6, whose API lives under /api/admin and /api/user:
	// every /api/application and /api/client path is a route it does not have.
	FlavorPterodactyl06 Flavor = "pterodactyl-0.6"
)

// Flavors lists the flavours, for flags and their help.
var Flavors = []Flavor{FlavorPterodactyl, FlavorJexactyl, FlavorPterodactyl07, FlavorPterodactyl06}

// ParseFlavor reads a flavour's name; "" is FlavorPterodactyl.
func ParseFlavor(name string) (Flavor, error) {
	if name == "" {
		return FlavorPterodactyl, nil
	}
	for _, f := range Flavors {
		if string(f) == name {
			return f, nil
		}
	}
	names := make([]string, len(Flavors))
	for i, f := range Flavors {
		names[i] = string(f)
	}
	return "", fmt.Errorf("unknown flavor %q (one of %s)", name, strings.Join(names, ", "))
}

func (s *Sim) flavor() Flavor {
	if s.opts.Flavor == "" {
		return FlavorPterodactyl
	}
	return s.opts.Flavor
}

// routesNewerThan07 are the 1.x Application API routes the 0.7 panel does not have (its
// routes/api-application.php at v0.7.19); of the client API, 0.7 has only a server's view and
// power of those the simulator serves (routes/api-client.php), so every other client route goes.
var routesNewerThan07 = map[string]bool{
	"GET " + appBase + "/nodes/deployable":           true,
	"GET " + appBase + "/nodes/{node}/configuration": true,
}

var clientRoutesOf07 = map[string]bool{
	"GET " + clientBase + "/servers/{server}":        true,
	"POST " + clientBase + "/servers/{server}/power": true,
}

func keptIn07(r *route) bool {
	id := r.method + " " + r.pattern
	if r.api == clientAPI {
		return clientRoutesOf07[id]
	}
	return !routesNewerThan07[id]
}

// flavorRoutes adapts the 1.x route table to the flavour.
func (s *Sim) flavorRoutes() {
	switch s.flavor() {
	case FlavorJexactyl:
		// routes/api-application.php of Jexactyl: a user's store resources. As the source reads,
		// the view answers 500 (UserResourcesController::view calls respond() on the array
		// that toArray() returned); the route is there all the same.
		s.router.add(http.MethodGet, appBase+"/users/{user}/resources", applicationAPI, ResUsers, jexactylUserResources)
	case FlavorPterodactyl07:
		kept := s.router.routes[:0]
		for _, r := range s.router.routes {
			if keptIn07(r) {
				kept = append(kept, r)
			}
		}
		s.router.routes = kept
	}
}

func jexactylUserResources(*call) (int, any, *apiError) {
	return 0, nil, newError(http.StatusInternalServerError, "Error", msgUnexpected)
}

// msgError07 is the detail of every error 0.7 renders without APP_DEBUG (Handler::convertToArray
// at v0.7.19): it did not pass the exception's message on.
const msgError07 = "An error was encountered while processing this request."

// flavorError rewrites an error into the flavour's words.
func (s *Sim) flavorError(e *apiError) *apiError {
	if s.flavor() != FlavorPterodactyl07 {
		return e
	}
	out := *e
	out.entries = make([]errorEntry, len(e.entries))
	for i, en := range e.entries {
		if en.Meta == nil { // validation entries kept their rule's words
			en.Detail = msgError07
		}
		out.entries[i] = en
	}
	return &out
}

// serve06 answers as Pterodactyl 0.6.4 does for a path none of its routes match: Laravel 5.4's
// router throws a NotFoundHttpException with no message before any middleware runs (so no
// X-RateLimit headers), and app/Exceptions/Handler.php renders it as JSON for api/* paths
// (config pterodactyl.json_routes), with app.debug off: the error is the empty message, the
// trace null.
func serve06(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte(`{"error":"","http_code":404,"trace":null}`))
}

// flavorUser adapts a user's attributes: Jexactyl 3.7 added discord_id (its
// app/Transformers/Api/Application/UserTransformer.php), null until the user links Discord.
func (c *call) flavorUser(a obj) obj {
	if c.sim.flavor() == FlavorJexactyl {
		a["discord_id"] = nil
	}
	return a
}

// flavorEgg adapts an egg's attributes: 0.7's EggTransformer has the egg's one docker_image and
// no docker_images (1.2 added it) or file_denylist (1.3).
func (c *call) flavorEgg(a obj) obj {
	if c.sim.flavor() == FlavorPterodactyl07 {
		delete(a, "docker_images")
		if cfg, ok := a["config"].(obj); ok {
			delete(cfg, "file_denylist")
		}
	}
	return a
}

// flavorServer adapts a server's attributes: 0.7's ServerTransformer has pack (removed in 1.0),
// no status (1.3), no threads or oom_disabled in limits, no backups in feature_limits, and
// container.installed as a boolean.
func (c *call) flavorServer(a obj) obj {
	if c.sim.flavor() != FlavorPterodactyl07 {
		return a
	}
	a["pack"] = nil
	delete(a, "status")
	if l, ok := a["limits"].(obj); ok {
		delete(l, "threads")
		delete(l, "oom_disabled")
	}
	if fl, ok := a["feature_limits"].(obj); ok {
		delete(fl, "backups")
	}
	if ct, ok := a["container"].(obj); ok {
		ct["installed"] = ct["installed"] == 1
	}
	return a
}

// flavorNode adapts a node's attributes: 0.7's NodeTransformer has no allocated_resources (1.0)
// and its nodes no uuid (1.0 added the column for Wings).
func (c *call) flavorNode(a obj) obj {
	if c.sim.flavor() == FlavorPterodactyl07 {
		delete(a, "allocated_resources")
		delete(a, "uuid")
	}
	return a
}
