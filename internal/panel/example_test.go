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

package panel_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func Example() {
	// A stand-in panel that knows one server.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method + " " + r.URL.Path {
		case "GET /api/application/servers/external/game-1":
			fmt.Fprint(w, `{"object":"server","attributes":{"id":1,"external_id":"game-1","name":"Survival","user":7,"allocation":11,"egg":5,
				"limits":{"memory":2048,"swap":0,"disk":10240,"io":500,"cpu":100,"threads":null,"oom_disabled":true},
				"feature_limits":{"databases":1,"allocations":1,"backups":1},"status":null,
				"container":{"installed":1,"environment":{"SERVER_JARFILE":"server.jar"}}}}`)
		case "PATCH /api/application/servers/1/build":
			fmt.Fprint(w, `{"object":"server","attributes":{"id":1,"limits":{"memory":4096}}}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"errors":[{"code":"NotFoundHttpException","status":"404","detail":"The requested resource could not be found on the server."}]}`)
		}
	}))
	defer srv.Close()

	ctx := context.Background()
	c, err := panel.NewClient(srv.URL, "ptla_0123456789abcdef0123456789abcdef0123456789ab")
	if err != nil {
		panic(err)
	}

	if _, err := c.Servers.GetByExternalID(ctx, "game-2"); panel.IsNotFound(err) {
		fmt.Println("game-2 does not exist yet")
	}

	s, err := c.Servers.GetByExternalID(ctx, "game-1")
	if err != nil {
		panic(err)
	}
	// PATCH /build replaces every limit: start from the current state, change one field.
	build := panel.BuildRequestFrom(s)
	build.Limits.Memory = 4096
	updated, err := c.Servers.UpdateBuild(ctx, s.ID, build)
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Name, "memory:", s.Limits.Memory, "→", updated.Limits.Memory)
	// Output:
	// game-2 does not exist yet
	// Survival memory: 2048 → 4096
}

func ExampleFieldErrors() {
	err := error(&panel.APIError{StatusCode: 422, Errors: []panel.ErrorItem{
		{Code: "ValidationException", Status: "422", Detail: "The limits.io must be between 10 and 1000.", SourceField: "limits.io", Rule: "between"},
	}})
	if panel.IsValidation(err) {
		for field, details := range panel.FieldErrors(err) {
			fmt.Println(field+":", details[0])
		}
	}
	// Output:
	// limits.io: The limits.io must be between 10 and 1000.
}
