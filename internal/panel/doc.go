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

// Package panel is a client for the Pterodactyl Panel 1.x Application API (and the few Client API
// routes an operator needs: server details, power signals, resources and websocket credentials).
//
// It is shaped like google/go-github: a [Client] with one service per resource, typed request and
// response structs, [ListOptions] for pagination, filters, includes and sorting, iteration over every
// page, and typed errors ([*APIError] with helpers such as [IsNotFound] and [FieldErrors]).
//
// The package knows nothing of Kubernetes. It encodes what a real panel demands (see
// docs/panel-api.md): JSON Accept and Content-Type headers, PATCH requests that replace rather than
// merge (use the *From helpers such as [BuildRequestFrom] to start from the current state),
// allocation ports sent as strings, egg variables that must all be sent again, and the panel's
// inconsistent JSON (`links` as {} or [], docker_images as a map or a list, installed as 0/1).
//
// Every Client owns one token-bucket limiter shared by all services, holds requests when the panel
// reports no remaining requests, retries 429s after Retry-After and, for idempotent methods only,
// retries 502/503/504 and network errors with exponential backoff and jitter.
//
// Usage:
//
//	c, err := panel.NewClient("https://panel.example.com", os.Getenv("PTERODACTYL_KEY"),
//		panel.WithRequestsPerMinute(200),
//		panel.WithTimeout(15*time.Second),
//	)
//	if err != nil {
//		return err
//	}
//	srv, err := c.Servers.GetByExternalID(ctx, "game-1", "allocations", "variables")
//	switch {
//	case panel.IsNotFound(err):
//		// create it
//	case err != nil:
//		return err
//	}
//	build := panel.BuildRequestFrom(srv) // everything the PATCH needs, as it is now
//	build.Limits.Memory = 4096
//	_, err = c.Servers.UpdateBuild(ctx, srv.ID, build)
package panel
