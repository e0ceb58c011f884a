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
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// clientWorld is a simulator whose backups take a second, a client with the admin's client key,
// and one installed server allowed backups backups.
func clientWorld(t *testing.T, backups int) (*simEnv, *simClock, *panel.Server) {
	t.Helper()
	clk := newSimClock()
	e := newSimEnv(t, panelsim.Options{Now: clk.Now, BackupDuration: time.Second, RestoreDuration: time.Second},
		panel.WithClientKey(simClientKey))
	w := e.makeWorld("owner")
	req := w.serverRequest("game", 25565)
	req.FeatureLimits.Backups = ptrTo(backups)
	s := must(e.c.Servers.Create(e.ctx(), req))(t)
	return e, clk, s
}

func TestIntegrationBackups(t *testing.T) {
	t.Parallel()
	e, clk, s := clientWorld(t, 1)
	ctx, api := e.ctx(), e.c.ClientAPI

	b := must(api.CreateBackup(ctx, s.Identifier, panel.BackupCreateRequest{Name: "nightly", Ignored: []string{"logs", "cache"}, Locked: true}))(t)
	if !b.InProgress() || b.Failed() || b.Checksum != nil || !b.IsLocked || strings.Join(b.IgnoredFiles, ",") != "logs,cache" {
		t.Fatalf("new backup %+v", b)
	}
	clk.Advance(time.Second)
	got := must(api.GetBackup(ctx, s.Identifier, b.UUID))(t)
	if got.InProgress() || !got.IsSuccessful || got.Checksum == nil || !strings.HasPrefix(*got.Checksum, "sha1:") || got.Bytes <= 0 {
		t.Fatalf("completed backup %+v", got)
	}

	// The server's limit counts it.
	_, err := api.CreateBackup(ctx, s.Identifier, panel.BackupCreateRequest{})
	if !panel.IsTooManyBackups(err) || !panel.IsBadRequest(err) {
		t.Fatalf("over the limit: %v", err)
	}

	// A locked backup cannot be deleted; SetBackupLocked toggles only when needed.
	err = api.DeleteBackup(ctx, s.Identifier, b.UUID)
	wantAPIError(t, err, http.StatusBadRequest, panel.CodeBackupLocked)
	if !panel.IsBackupLocked(err) || !panel.IsBadRequest(err) {
		t.Errorf("IsBackupLocked(%v) = false", err)
	}
	if u := must(api.SetBackupLocked(ctx, s.Identifier, b.UUID, true))(t); !u.IsLocked {
		t.Error("SetBackupLocked(true) unlocked it")
	}
	if u := must(api.SetBackupLocked(ctx, s.Identifier, b.UUID, false))(t); u.IsLocked {
		t.Error("SetBackupLocked(false) left it locked")
	}
	e.wantCounts(map[string]int{route("POST", "/api/client/servers/{server}/backups/{backup}/lock", 200): 1})

	url := must(api.BackupDownloadURL(ctx, s.Identifier, b.UUID))(t)
	if !strings.Contains(url, "/download/backup?token=") {
		t.Errorf("download url %q", url)
	}

	// Deleted, it frees the limit but still counts for the throttle (2 per 10 minutes).
	noErr(t, api.DeleteBackup(ctx, s.Identifier, b.UUID))
	must(api.CreateBackup(ctx, s.Identifier, panel.BackupCreateRequest{}))(t)
	_, err = api.CreateBackup(ctx, s.Identifier, panel.BackupCreateRequest{})
	apiErr := mustAPIError(t, err, http.StatusTooManyRequests, panel.CodeBackupThrottled)
	if apiErr.RetryAfter <= 0 {
		t.Errorf("throttle without Retry-After: %v", err)
	}
	// That 429 is the backup throttle, not the key's budget: other calls go on at once.
	list := must(api.ListAllBackups(ctx, s.Identifier))(t)
	if len(list) != 1 {
		t.Errorf("backups %+v", list)
	}

	// Restore: the server is restoring_backup (409 elsewhere) until Wings reports.
	clk.Advance(time.Second)
	noErr(t, api.RestoreBackup(ctx, s.Identifier, list[0].UUID, true))
	_, _, err = api.ListBackups(ctx, s.Identifier, nil)
	wantAPIError(t, err, http.StatusConflict, "ServerStateConflictException")
	clk.Advance(time.Second)
	page, p := must2(api.ListBackups(ctx, s.Identifier, &panel.ListOptions{PerPage: 100}))(t)
	if len(page) != 1 || p == nil || p.PerPage != 50 {
		t.Errorf("page %+v, pagination %+v", page, p)
	}
}

// must2 is must for two results and an error.
func must2[A, B any](a A, b B, err error) func(t *testing.T) (A, B) {
	return func(t *testing.T) (A, B) {
		t.Helper()
		noErr(t, err)
		return a, b
	}
}
