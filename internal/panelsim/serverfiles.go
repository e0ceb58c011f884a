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
	"io"
	"net/http"
	"path"
	"strings"
)

// maxEditSize is the panel's pterodactyl.files.max_edit_size (4 MiB): files/contents refuses a
// larger file with FileSizeTooLargeException.
const maxEditSize = 4 << 20

// Wings' answer for a file that does not exist, as the panel relays it (DaemonConnectionException
// with Wings' own error for a status below 500).
const msgWingsNotFound = "An error occurred on the remote host: The requested resource was not found on the system.. (request id: <nil>)"

// fileParam validates the "file" query parameter as GetFileContentsRequest and
// WriteFileContentRequest do (required|string; TrimStrings and ConvertEmptyStringsToNull apply
// to the query too), and resolves it inside the server's root the way Wings does: relative to
// the root, a leading "/" optional, "." and ".." resolved, never above the root.
func (c *call) fileParam() (string, *apiError) {
	in := input{}
	if v := strings.TrimSpace(c.query.Get("file")); v != "" {
		in["file"] = v
	}
	var errs validationErrors
	validate(in, []field{{path: "file", rules: "required|string"}}, &errs)
	if err := errs.err(); err != nil {
		return "", err
	}
	p := in["file"].(string)
	clean := path.Clean("/" + p)
	if escapesRoot(p) {
		// Wings' SafePath refuses a path that resolves outside the server's root; the panel
		// relays its 400.
		return "", newError(http.StatusBadRequest, "DaemonConnectionException",
			"An error occurred on the remote host: The requested path is outside the server's root directory. (request id: <nil>)")
	}
	return clean, nil
}

// escapesRoot tells whether p, taken relative to a root, climbs above it.
func escapesRoot(p string) bool {
	depth := 0
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "", ".":
		case "..":
			if depth == 0 {
				return true
			}
			depth--
		default:
			depth++
		}
	}
	return false
}

// filePath is what both files routes do before touching the file: AuthenticateServerAccess (the
// owner, root admins and subusers pass, others get a 404; validateCurrentState's 409 applies to everyone,
// files routes not being among its exceptions), the form request's permission and validation, and
// reaching Wings.
func (c *call) filePath(permission string) (string, *apiError) {
	if err := c.guardedServer(permission); err != nil {
		return "", err
	}
	p, err := c.fileParam()
	if err != nil {
		return "", err
	}
	if !c.sim.wingsReachable(c.boundServer.NodeID) {
		return "", errDaemonUnreachable()
	}
	return p, nil
}

// clientFileContents is FileController::contents: the file's bytes as text/plain.
func clientFileContents(c *call) (int, any, *apiError) {
	p, err := c.filePath("file.read-content") // GetFileContentsRequest
	if err != nil {
		return 0, nil, err
	}
	content, ok := c.boundServer.Files[p]
	if !ok {
		return 0, nil, newError(http.StatusNotFound, "DaemonConnectionException", msgWingsNotFound)
	}
	if len(content) > maxEditSize {
		return 0, nil, newError(http.StatusBadRequest, "FileSizeTooLargeException",
			"The file you are attempting to open is too large to view in the file editor.")
	}
	return http.StatusOK, plainText(content), nil
}

// clientFileWrite is FileController::write: the raw request body becomes the file (204). Wings
// creates missing parent directories.
func clientFileWrite(c *call) (int, any, *apiError) {
	p, err := c.filePath("file.create") // WriteFileContentRequest
	if err != nil {
		return 0, nil, err
	}
	srv := c.boundServer
	content := c.rawBody
	if content == nil && c.r.Body != nil {
		// checkJSON reads only JSON bodies; a file is sent as it is.
		data, readErr := io.ReadAll(io.LimitReader(c.r.Body, 64<<20))
		if readErr != nil {
			return 0, nil, newError(http.StatusBadRequest, "BadRequestHttpException", fmt.Sprintf("reading the body: %v", readErr))
		}
		content = data
	}
	if srv.Files == nil {
		srv.Files = map[string][]byte{}
	}
	srv.Files[p] = append([]byte{}, content...)
	return http.StatusNoContent, nil, nil
}

// plainText is a response body sent as it is, with Content-Type text/plain, as
// FileController::contents answers.
type plainText []byte

// File returns a server's file as the client API would read it (path as given to files/contents).
func (s *Sim) File(serverID int, p string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	srv, ok := s.st.servers.get(serverID)
	if !ok {
		return nil, false
	}
	content, ok := srv.Files[path.Clean("/"+p)]
	return append([]byte{}, content...), ok
}

// SetFile changes a server's file behind the operator's back, as someone using the panel's file
// manager would.
func (s *Sim) SetFile(serverID int, p string, content []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if srv, ok := s.st.servers.get(serverID); ok {
		if srv.Files == nil {
			srv.Files = map[string][]byte{}
		}
		srv.Files[path.Clean("/"+p)] = append([]byte{}, content...)
	}
}
