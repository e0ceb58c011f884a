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
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// The files routes as FileController, its form requests and AuthenticateServerAccess make them:
// contents answers the file as text/plain, write takes the raw body and answers 204.

func fileRoute(ident, op, path string) string {
	return "/servers/" + ident + "/files/" + op + "?file=" + url.QueryEscape(path)
}

var textPlain = withHeader("Content-Type", "text/plain")

func TestClientFilesWriteThenRead(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("files", 1))
	ident := e.identifierOf(id)

	wantError(t, e.clientAPI(http.MethodGet, fileRoute(ident, "contents", "/server.properties"), nil),
		http.StatusNotFound, "DaemonConnectionException",
		"An error occurred on the remote host: The requested resource was not found on the system.. (request id: <nil>)")

	content := "motd=hello\nmax-players=20\n"
	r := e.clientAPI(http.MethodPost, fileRoute(ident, "write", "/server.properties"), content, textPlain)
	wantStatus(t, r, http.StatusNoContent)
	if len(r.raw) != 0 {
		t.Errorf("204 with a body: %s", r.raw)
	}
	r = e.clientAPI(http.MethodGet, fileRoute(ident, "contents", "/server.properties"), nil)
	wantStatus(t, r, http.StatusOK)
	if string(r.raw) != content || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Errorf("contents %q (%s), want %q as text/plain", r.raw, r.header.Get("Content-Type"), content)
	}
	// Relative to the server's root with or without the leading slash, "." and ".." resolved
	// inside it; parent directories are created.
	wantStatus(t, e.clientAPI(http.MethodPost, fileRoute(ident, "write", "plugins/Essentials/config.yml"), "a: 1\n", textPlain), http.StatusNoContent)
	r = e.clientAPI(http.MethodGet, fileRoute(ident, "contents", "/plugins/./x/../Essentials/config.yml"), nil)
	if string(r.raw) != "a: 1\n" {
		t.Errorf("normalised path: %d %q", r.status, r.raw)
	}
	if got, ok := e.sim.File(id, "/plugins/Essentials/config.yml"); !ok || string(got) != "a: 1\n" {
		t.Errorf("Sim.File = %q, %v", got, ok)
	}
	// An empty file is a file.
	wantStatus(t, e.clientAPI(http.MethodPost, fileRoute(ident, "write", "/empty.txt"), "", textPlain), http.StatusNoContent)
	wantStatus(t, e.clientAPI(http.MethodGet, fileRoute(ident, "contents", "/empty.txt"), nil), http.StatusOK)

	// A reinstall keeps the volume; deleting the server drops it.
	wantStatus(t, e.post(fmt.Sprintf("/servers/%d/reinstall", id), nil), http.StatusNoContent)
	e.sim.CompleteInstall(id, true)
	if _, ok := e.sim.File(id, "/server.properties"); !ok {
		t.Error("a reinstall lost the server's files")
	}
	e.sim.SetFile(id, "/server.properties", []byte("edited\n"))
	r = e.clientAPI(http.MethodGet, fileRoute(ident, "contents", "/server.properties"), nil)
	if string(r.raw) != "edited\n" {
		t.Errorf("after SetFile: %q", r.raw)
	}
}

func TestClientFilesValidationAndAccess(t *testing.T) {
	playerKey := panelsim.Key{Token: "ptlc_player" + strings.Repeat("p", 37), UserID: playerID}
	e := newEnv(t, installDelay(time.Minute), withKeys(playerKey))
	id := e.createServer(serverBody("files-guarded", 1))
	ident := e.identifierOf(id)
	const notInstalled = "This server has not yet completed its installation process, please try again later."

	wantError(t, e.clientAPI(http.MethodGet, fileRoute(ident, "contents", "/a"), nil), http.StatusConflict, "ServerStateConflictException", notInstalled)
	wantError(t, e.clientAPI(http.MethodPost, fileRoute(ident, "write", "/a"), "x", textPlain), http.StatusConflict, "ServerStateConflictException", notInstalled)
	e.sim.CompleteInstall(id, true)

	r := e.clientAPI(http.MethodGet, "/servers/"+ident+"/files/contents", nil)
	wantValidation(t, r, "file", "required", "The file field is required.")
	r = e.clientAPI(http.MethodPost, "/servers/"+ident+"/files/write?file=", "x", textPlain)
	wantValidation(t, r, "file", "required", "The file field is required.")

	r = e.clientAPI(http.MethodPost, fileRoute(ident, "write", "/../../etc/passwd"), "x", textPlain)
	wantStatus(t, r, http.StatusBadRequest)

	// Someone who neither owns the server nor is an admin does not see it.
	r = e.do(http.MethodGet, "/api/client"+fileRoute(ident, "contents", "/a"), nil, withKey(playerKey.Token))
	wantStatus(t, r, http.StatusNotFound)
	// An application key is refused on the client API.
	r = e.do(http.MethodGet, "/api/client"+fileRoute(ident, "contents", "/a"), nil)
	wantStatus(t, r, http.StatusForbidden)

	wantStatus(t, e.post(fmt.Sprintf("/servers/%d/suspend", id), nil), http.StatusNoContent)
	wantError(t, e.clientAPI(http.MethodPost, fileRoute(ident, "write", "/a"), "x", textPlain), http.StatusConflict,
		"ServerStateConflictException", "This server is currently suspended and the functionality requested is unavailable.")
}

func TestClientFilesTooLargeToRead(t *testing.T) {
	e := newEnv(t)
	id := e.createServer(serverBody("files-large", 1))
	ident := e.identifierOf(id)
	e.sim.SetFile(id, "/world.dat", make([]byte, 4<<20+1))
	wantError(t, e.clientAPI(http.MethodGet, fileRoute(ident, "contents", "/world.dat"), nil), http.StatusBadRequest,
		"FileSizeTooLargeException", "The file you are attempting to open is too large to view in the file editor.")
}

func TestClientPowerDelaysAndCrash(t *testing.T) {
	e := newEnv(t, func(o *panelsim.Options) { o.StartDelay, o.StopDelay = 10*time.Second, 3*time.Second })
	id := e.createServer(serverBody("crashy", 1))
	ident := e.identifierOf(id)
	state := func() string {
		for _, s := range e.sim.State().Servers {
			if s.ID == id {
				return s.PowerState
			}
		}
		return ""
	}
	if err := e.sim.Crash(id); err == nil {
		t.Error("crashing an offline server succeeded")
	}
	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "start"}), http.StatusNoContent)
	e.clock.Advance(9 * time.Second)
	e.sim.State() // advances the simulator's timers
	if got := state(); got != "starting" {
		t.Fatalf("9 s into a 10 s start: %q", got)
	}
	e.clock.Advance(time.Second)
	if got := state(); got != "running" {
		t.Fatalf("after the start delay: %q", got)
	}
	if err := e.sim.Crash(id); err != nil {
		t.Fatal(err)
	}
	if got := state(); got != "offline" {
		t.Fatalf("after a crash: %q", got)
	}
	// The control route does the same.
	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "start"}), http.StatusNoContent)
	e.clock.Advance(10 * time.Second)
	wantStatus(t, e.do(http.MethodPost, fmt.Sprintf("/_sim/servers/%d/crash", id), nil), http.StatusNoContent)
	if got := state(); got != "offline" {
		t.Fatalf("after /_sim crash: %q", got)
	}
	wantStatus(t, e.do(http.MethodPost, fmt.Sprintf("/_sim/servers/%d/crash", id), nil), http.StatusConflict)

	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "start"}), http.StatusNoContent)
	e.clock.Advance(10 * time.Second)
	wantStatus(t, e.clientAPI(http.MethodPost, "/servers/"+ident+"/power", map[string]any{"signal": "stop"}), http.StatusNoContent)
	e.clock.Advance(2 * time.Second)
	if got := state(); got != "stopping" {
		t.Fatalf("2 s into a 3 s stop: %q", got)
	}
	e.clock.Advance(time.Second)
	if got := state(); got != "offline" {
		t.Fatalf("after the stop delay: %q", got)
	}
}
