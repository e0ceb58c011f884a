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

package panels

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// panelAPI is what a check found the panel at spec.url to speak (docs/panel-api.md, "Flavours
// and versions").
type panelAPI struct {
	flavor, version string
	// unsupported, when set, says what was found on a panel the operator refuses to drive.
	unsupported string
}

const drivenPanels = "the operator drives Pterodactyl 1.x and Jexactyl, and writes nothing to this panel"

// olderThan07 recognises, in the key check's failure, a panel with no Application API at all:
// 0.5 and 0.6 serve theirs under /api (Dingo) and /api/admin, so /api/application/locations is
// a route they lack, and each renders that 404 in its own envelope instead of 1.x's "errors"
// list. The body may be cut short (APIError keeps its start), so its keys are looked for as text.
func olderThan07(err error, url string) (panelAPI, bool) {
	e, ok := panel.AsAPIError(err)
	if !ok || e.StatusCode != http.StatusNotFound || len(e.Errors) > 0 {
		return panelAPI{}, false
	}
	var envelope string
	switch body := e.Body; {
	case strings.Contains(body, `"http_code"`) && strings.Contains(body, `"error"`):
		envelope = "0.6's {error, http_code}"
	case strings.Contains(body, `"status_code"`) && strings.Contains(body, `"message"`):
		envelope = "0.5's {message, status_code}"
	default:
		return panelAPI{}, false
	}
	return panelAPI{flavor: ptero.APIFlavorPterodactyl, version: ptero.APIVersion05To06, unsupported: fmt.Sprintf(
		"The panel at %s speaks the Pterodactyl 0.5/0.6 API (it has no /api/application: GET %s answered 404 in %s error envelope): %s.",
		url, e.Route, envelope, drivenPanels)}, true
}

// identify tells the flavour and version of a panel whose Application API answered the key
// check: two GETs (the first nest with its eggs, the first user), and a third only when no egg
// carried docker_images, to tell 0.7 from 1.0-1.1, which send eggs alike.
func identify(ctx context.Context, c *panel.Client, url string) (panelAPI, error) {
	fp, err := c.Fingerprint(ctx)
	if err != nil {
		return panelAPI{}, err
	}
	api := panelAPI{flavor: ptero.APIFlavorPterodactyl, version: ptero.APIVersion1x}
	if fp.UsersWithDiscordID > 0 {
		api.flavor = ptero.APIFlavorJexactyl
	}
	if fp.EggsWithDockerImages > 0 {
		return api, nil
	}
	has, err := c.HasClientAccountRoute(ctx)
	if err != nil || has {
		return api, err
	}
	seen := "it has no /api/client/account"
	if fp.Eggs > 0 {
		seen = "its eggs have no docker_images and " + seen
	}
	api.version = ptero.APIVersion07
	api.unsupported = fmt.Sprintf("The panel at %s speaks the Pterodactyl 0.7 API (%s): %s.", url, seen, drivenPanels)
	return api, nil
}
