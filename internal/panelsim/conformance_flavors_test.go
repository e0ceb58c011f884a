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
	"strconv"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// What each flavour answers that tells it apart (docs/panel-api.md, "Flavours and versions").

func withFlavor(f panelsim.Flavor) option {
	return func(o *panelsim.Options) { o.Flavor = f }
}

// Pterodactyl 1.x (app/Transformers/Api/Application/*Transformer.php at v1.11.8): eggs carry
// docker_images, users no discord_id, and the client API has /account.
func TestFlavorPterodactyl(t *testing.T) {
	e := newEnv(t)
	r := e.get("/nests?per_page=1&include=eggs")
	wantStatus(t, r, http.StatusOK)
	if !has(r.body, "data.0.attributes.relationships.eggs.data.0.attributes.docker_images") {
		t.Errorf("1.x egg without docker_images: %s", r.raw)
	}
	r = e.get("/users?per_page=1")
	if has(r.body, "data.0.attributes.discord_id") {
		t.Errorf("Pterodactyl user with discord_id: %s", r.raw)
	}
	wantStatus(t, e.clientAPI(http.MethodGet, "/account", nil), http.StatusOK)
	wantStatus(t, e.get("/users/1/resources"), http.StatusNotFound)
}

// Jexactyl (its UserTransformer.php since v3.7.0, routes/api-application.php since v3.4.0):
// Pterodactyl 1.11's answers, users with discord_id, and /users/{user}/resources, which answers
// 500 as the source reads (UserResourcesController::view calls respond() on an array).
func TestFlavorJexactyl(t *testing.T) {
	e := newEnv(t, withFlavor(panelsim.FlavorJexactyl))
	r := e.get("/users?per_page=1")
	wantStatus(t, r, http.StatusOK)
	if !has(r.body, "data.0.attributes.discord_id") || r.at("data.0.attributes.discord_id") != nil {
		t.Errorf("Jexactyl user: want discord_id null, got %s", r.raw)
	}
	if !has(e.get("/users/1").body, "attributes.discord_id") {
		t.Error("a single Jexactyl user lacks discord_id")
	}
	r = e.get("/nests?per_page=1&include=eggs")
	if !has(r.body, "data.0.attributes.relationships.eggs.data.0.attributes.docker_images") {
		t.Errorf("Jexactyl egg without docker_images: %s", r.raw)
	}
	wantStatus(t, e.get("/users/1/resources"), http.StatusInternalServerError)
	wantStatus(t, e.get("/users/999/resources"), http.StatusNotFound) // bound first
	wantStatus(t, e.clientAPI(http.MethodGet, "/account", nil), http.StatusOK)
}

// Pterodactyl 0.7 (v0.7.19: EggTransformer, ServerTransformer, NodeTransformer,
// routes/api-client.php, Exceptions/Handler.php).
func TestFlavorPterodactyl07(t *testing.T) {
	e := newEnv(t, withFlavor(panelsim.FlavorPterodactyl07))

	r := e.get("/nests?per_page=1&include=eggs")
	wantStatus(t, r, http.StatusOK)
	egg := "data.0.attributes.relationships.eggs.data.0.attributes."
	if has(r.body, egg+"docker_images") || !has(r.body, egg+"docker_image") || has(r.body, egg+"config.file_denylist") {
		t.Errorf("0.7 egg: want docker_image only, got %s", r.raw)
	}

	id := e.createServer(serverBody("old", 1))
	r = e.get("/servers/" + strconv.Itoa(id))
	wantStatus(t, r, http.StatusOK)
	if !has(r.body, "attributes.pack") || has(r.body, "attributes.status") || has(r.body, "attributes.limits.threads") ||
		has(r.body, "attributes.feature_limits.backups") || r.at("attributes.container.installed") != true {
		t.Errorf("0.7 server: want pack, no status/threads/backups, installed a boolean; got %s", r.raw)
	}

	r = e.get("/nodes/1")
	if has(r.body, "attributes.allocated_resources") || has(r.body, "attributes.uuid") {
		t.Errorf("0.7 node: %s", r.raw)
	}
	// Routes 1.0 added are not there; the error keeps the envelope but not the message.
	wantError(t, e.clientAPI(http.MethodGet, "/account", nil), http.StatusNotFound, "NotFoundHttpException",
		"An error was encountered while processing this request.")
	wantStatus(t, e.get("/nodes/1/configuration"), http.StatusNotFound)
	wantStatus(t, e.get("/locations?per_page=1"), http.StatusOK)
}

// Pterodactyl 0.6 (v0.6.4: RouteServiceProvider maps /api/admin and /api/user only; Laravel
// 5.4's router finds no /api/application route and Exceptions/Handler.php renders its
// message-less NotFoundHttpException as JSON, before any middleware: no rate-limit headers).
func TestFlavorPterodactyl06(t *testing.T) {
	e := newEnv(t, withFlavor(panelsim.FlavorPterodactyl06), func(o *panelsim.Options) { o.RateLimitPerMinute = 0 })
	for _, path := range []string{appBase + "/locations?per_page=1", appBase + "/nests", "/api/client/account"} {
		r := e.do(http.MethodGet, path, nil)
		wantBody(t, r, http.StatusNotFound, `{"error":"","http_code":404,"trace":null}`)
		if v := r.header.Get("X-RateLimit-Limit"); v != "" {
			t.Errorf("%s: X-RateLimit-Limit %q on a route-less 404", path, v)
		}
	}
	wantStatus(t, e.do(http.MethodPost, appBase+"/locations", map[string]any{"short": "x"}), http.StatusNotFound)
	if got := e.sim.Counts(); got["POST (unmatched) 404"] != 1 {
		t.Errorf("counts %v: the POST is counted as unmatched", got)
	}
}

func TestParseFlavor(t *testing.T) {
	for _, f := range panelsim.Flavors {
		if got, err := panelsim.ParseFlavor(string(f)); err != nil || got != f {
			t.Errorf("ParseFlavor(%q) = %q, %v", f, got, err)
		}
	}
	if _, err := panelsim.ParseFlavor("pterodactyl-0.5"); err == nil {
		t.Error("an unknown flavour is accepted")
	}
}
