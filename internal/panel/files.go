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
	"net/http"
	"net/url"
)

const (
	routeClientFileWrite    = "/api/client/servers/{server}/files/write"
	routeClientFileContents = "/api/client/servers/{server}/files/contents"
)

// fileCall is a files route of a server with the file's path in the query, as the panel takes it
// (?file=/server.properties).
func fileCall(method, route, identifier, path string) *call {
	cl := clientCall(method, route, identifier)
	cl.query = url.Values{"file": {path}}
	return cl
}

// WriteFile writes content to path inside the server (relative to its root; a leading "/" is
// fine), creating or replacing the file (204). The panel relays it to Wings, so it fails with
// the panel's 409 while the server is installing, suspended or transferring, and with a 502/504
// when Wings cannot be reached.
func (s *ClientAPIService) WriteFile(ctx context.Context, identifier, path string, content []byte) error {
	cl := fileCall(http.MethodPost, routeClientFileWrite, identifier, path)
	// A non-nil body even for an empty file: an empty write is a write.
	cl.raw, cl.rawType = append([]byte{}, content...), "text/plain"
	return s.client.do(ctx, cl, nil)
}

// FileContents returns the content of the file at path inside the server. A file that does not
// exist is the panel's 404 (IsNotFound).
func (s *ClientAPIService) FileContents(ctx context.Context, identifier, path string) ([]byte, error) {
	var out rawResponse
	if err := s.client.do(ctx, fileCall(http.MethodGet, routeClientFileContents, identifier, path), &out); err != nil {
		return nil, err
	}
	return out, nil
}
