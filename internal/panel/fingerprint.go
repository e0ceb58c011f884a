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
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

// Fingerprint is what a page of nests with their eggs and a page of users show about the API a
// panel speaks: attributes one version or fork sends and the others do not (docs/panel-api.md,
// "Flavours and versions"). The typed services cannot tell: a missing attribute and a null one
// decode alike.
type Fingerprint struct {
	// Eggs is how many eggs the nests page included; EggsWithDockerImages how many of them carry
	// docker_images, which Pterodactyl 1.2 added (0.7 and 1.0-1.1 send docker_image only).
	Eggs, EggsWithDockerImages int
	// Users is how many users the page showed; UsersWithDiscordID how many of them carry
	// discord_id, which only Jexactyl (3.7 and later) sends.
	Users, UsersWithDiscordID int
}

// attributesPage is a list page whose items' attributes stay raw, to see which keys they have.
type attributesPage struct {
	Data []struct {
		Attributes map[string]json.RawMessage `json:"attributes"`
	} `json:"data"`
}

// Fingerprint reads the first nest with its eggs and the first user: two GETs. A key that may not
// read nests or users (403) leaves those counts at zero rather than failing.
func (c *Client) Fingerprint(ctx context.Context) (Fingerprint, error) {
	var fp Fingerprint
	var nests attributesPage
	if err := c.getPage(ctx, routeNests, url.Values{"per_page": {"1"}, "include": {"eggs"}}, &nests); err != nil {
		return fp, err
	}
	for _, n := range nests.Data {
		var eggs struct {
			Eggs *attributesPage `json:"eggs"`
		}
		// A key without r_eggs gets a null_resource here, whose data is absent.
		if rel, ok := n.Attributes["relationships"]; !ok || json.Unmarshal(rel, &eggs) != nil || eggs.Eggs == nil {
			continue
		}
		for _, e := range eggs.Eggs.Data {
			fp.Eggs++
			if _, ok := e.Attributes["docker_images"]; ok {
				fp.EggsWithDockerImages++
			}
		}
	}
	var users attributesPage
	if err := c.getPage(ctx, routeUsers, url.Values{"per_page": {"1"}}, &users); err != nil {
		return fp, err
	}
	for _, u := range users.Data {
		fp.Users++
		if _, ok := u.Attributes["discord_id"]; ok {
			fp.UsersWithDiscordID++
		}
	}
	return fp, nil
}

// getPage reads one page of route into out; a 403 is an empty page.
func (c *Client) getPage(ctx context.Context, route string, query url.Values, out *attributesPage) error {
	cl := newCall(http.MethodGet, route)
	cl.query, cl.list = query, true
	var raw rawResponse
	if err := c.do(ctx, cl, &raw); err != nil {
		if IsForbidden(err) {
			return nil
		}
		return err
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return errorf("GET %s: %v: %v", route, errDecode, err)
	}
	return nil
}

// HasClientAccountRoute asks whether the panel has GET /api/client/account, which Pterodactyl 1.0
// added: with the client key, or else the application key, since only whether the route exists
// matters (Laravel matches routes before any middleware, so a route it lacks is a 404 whatever
// the key, and one it has answers 200, 401 or 403).
func (c *Client) HasClientAccountRoute(ctx context.Context) (bool, error) {
	cl := newCall(http.MethodGet, routeClientAccount)
	cl.api, cl.anyKey = clientAPI, true
	err := c.do(ctx, cl, nil)
	switch {
	case err == nil, IsUnauthorized(err), IsForbidden(err):
		return true, nil
	case IsNotFound(err):
		return false, nil
	}
	return false, err
}
