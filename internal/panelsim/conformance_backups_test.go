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
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// Backups as BackupController, InitiateBackupService, DeleteBackupService and Wings' status
// callback (Api/Remote/Backups/BackupStatusController) make them.

// backupServer creates an installed server allowed limit backups and returns its id and
// identifier.
func (e *env) backupServer(name string, allocation, limit int) (int, string) {
	e.tb.Helper()
	b := serverBody(name, allocation)
	set(b, "feature_limits.backups", limit)
	id := e.createServer(b)
	return id, e.identifierOf(id)
}

func backupsOf(ident string) string { return "/servers/" + ident + "/backups" }

func backupDuration(d time.Duration) option {
	return func(o *panelsim.Options) { o.BackupDuration, o.RestoreDuration = d, d }
}

func TestClientBackupCompletesAsWingsReports(t *testing.T) {
	e := newEnv(t, backupDuration(10*time.Second))
	_, ident := e.backupServer("backed-up", 1, 3)

	r := e.clientAPI(http.MethodPost, backupsOf(ident), map[string]any{"name": "  nightly  ", "ignored": "logs\n\n*.tmp\n"})
	wantStatus(t, r, http.StatusOK) // not 201
	if r.at("object") != "backup" || r.at("attributes.name") != "nightly" || r.at("attributes.is_successful") != false ||
		r.at("attributes.checksum") != nil || num(r.at("attributes.bytes")) != 0 || r.at("attributes.completed_at") != nil ||
		r.at("attributes.is_locked") != false {
		t.Fatalf("new backup: %s", r.raw)
	}
	if got := fmt.Sprint(r.at("attributes.ignored_files")); got != "[logs *.tmp]" {
		t.Errorf("ignored_files %s: empty lines are dropped", got)
	}
	uuid, _ := r.at("attributes.uuid").(string)

	e.clock.Advance(9 * time.Second)
	r = e.clientAPI(http.MethodGet, backupsOf(ident)+"/"+uuid, nil)
	if r.at("attributes.completed_at") != nil {
		t.Fatalf("completed before Wings reported: %s", r.raw)
	}
	e.clock.Advance(time.Second)
	r = e.clientAPI(http.MethodGet, backupsOf(ident)+"/"+uuid, nil)
	wantStatus(t, r, http.StatusOK)
	sum, _ := r.at("attributes.checksum").(string)
	if r.at("attributes.is_successful") != true || !regexp.MustCompile(`^sha1:[0-9a-f]{40}$`).MatchString(sum) ||
		num(r.at("attributes.bytes")) <= 0 || r.at("attributes.completed_at") != "2024-01-02T03:04:15+00:00" {
		t.Errorf("completed backup: %s", r.raw)
	}

	// Without a name the panel names it after the time.
	r = e.clientAPI(http.MethodPost, backupsOf(ident), map[string]any{})
	if r.at("attributes.name") != "Backup at 2024-01-02 03:04:15" {
		t.Errorf("default name %v", r.at("attributes.name"))
	}

	// The list: 20 a page by default, at most 50, and backup_count counts the non-failed ones.
	r = e.clientAPI(http.MethodGet, backupsOf(ident)+"?per_page=500", nil)
	wantStatus(t, r, http.StatusOK)
	if num(r.at("meta.pagination.per_page")) != 50 || num(r.at("meta.pagination.total")) != 2 || num(r.at("meta.backup_count")) != 2 {
		t.Errorf("list meta %v", r.at("meta"))
	}
	if r.at("data.0.attributes.uuid") != uuid || r.at("data.0.object") != "backup" {
		t.Errorf("first listed %v", r.at("data.0"))
	}
	if r := e.clientAPI(http.MethodGet, backupsOf(ident), nil); num(r.at("meta.pagination.per_page")) != 20 {
		t.Errorf("default per_page %v", r.at("meta.pagination.per_page"))
	}
}

func TestClientBackupLimit(t *testing.T) {
	e := newEnv(t, backupDuration(time.Second))
	id, ident := e.backupServer("limited", 1, 1)
	wantStatus(t, e.clientAPI(http.MethodPost, backupsOf(ident), nil), http.StatusOK)
	// An unfinished backup counts (InitiateBackupService: completed_at null or successful).
	wantError(t, e.clientAPI(http.MethodPost, backupsOf(ident), nil), http.StatusBadRequest, "TooManyBackupsException",
		"Cannot create a new backup, this server has reached its limit of 1 backups.")

	// A failed one does not.
	e.sim.FailNextBackup(id)
	e.clock.Advance(time.Second)
	bs := e.sim.Backups(id)
	if len(bs) != 1 || !bs[0].IsSuccessful {
		t.Fatalf("backups %+v", bs)
	}
	if !e.sim.RemoveBackup(bs[0].UUID) {
		t.Fatal("RemoveBackup found nothing")
	}
	r := e.clientAPI(http.MethodPost, backupsOf(ident), map[string]any{"is_locked": true})
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.is_locked") != true {
		t.Errorf("the owner's lock was not kept: %s", r.raw)
	}
	e.clock.Advance(time.Second)
	// Wings' failure report unlocks it, clears the checksum and size (BackupStatusController).
	r = e.clientAPI(http.MethodGet, backupsOf(ident)+"/"+r.at("attributes.uuid").(string), nil)
	if r.at("attributes.is_successful") != false || r.at("attributes.is_locked") != false || r.at("attributes.checksum") != nil ||
		r.at("attributes.completed_at") == nil {
		t.Errorf("failed backup: %s", r.raw)
	}
	r = e.clientAPI(http.MethodGet, backupsOf(ident), nil)
	if num(r.at("meta.backup_count")) != 0 || num(r.at("meta.pagination.total")) != 1 {
		t.Errorf("after a failure: %v", r.at("meta"))
	}

	// A limit of 0 allows none, even to an admin.
	_, none := e.backupServer("no-backups", 2, 0)
	wantError(t, e.clientAPI(http.MethodPost, backupsOf(none), nil), http.StatusBadRequest, "TooManyBackupsException",
		"Cannot create a new backup, this server has reached its limit of 0 backups.")
}

func TestClientBackupThrottle(t *testing.T) {
	e := newEnv(t, backupDuration(time.Second))
	_, ident := e.backupServer("throttled", 1, 10)
	first := e.clientAPI(http.MethodPost, backupsOf(ident), nil)
	e.clock.Advance(time.Minute)
	wantStatus(t, e.clientAPI(http.MethodPost, backupsOf(ident), nil), http.StatusOK)
	// Deleting does not help: the throttle counts deleted backups (withTrashed).
	wantStatus(t, e.clientAPI(http.MethodDelete, backupsOf(ident)+"/"+first.at("attributes.uuid").(string), nil), http.StatusNoContent)
	r := e.clientAPI(http.MethodPost, backupsOf(ident), nil)
	wantError(t, r, http.StatusTooManyRequests, "TooManyRequestsHttpException", "Only 2 backups may be generated within a 600 second span of time.")
	// Retry-After counts from the newest backup of the window (InitiateBackupService).
	if got := r.header.Get("Retry-After"); got != "600" {
		t.Errorf("Retry-After %q, want 600", got)
	}
	e.clock.Advance(10 * time.Minute)
	wantStatus(t, e.clientAPI(http.MethodPost, backupsOf(ident), nil), http.StatusOK)
}

func TestClientBackupLockAndDelete(t *testing.T) {
	e := newEnv(t, backupDuration(time.Second))
	_, ident := e.backupServer("locked", 1, 2)
	r := e.clientAPI(http.MethodPost, backupsOf(ident), map[string]any{"is_locked": "1"})
	uuid := r.at("attributes.uuid").(string)
	path := backupsOf(ident) + "/" + uuid
	e.clock.Advance(time.Second)

	wantError(t, e.clientAPI(http.MethodDelete, path, nil), http.StatusBadRequest, "BackupLockedException",
		"Cannot delete a backup that is marked as locked.")
	r = e.clientAPI(http.MethodPost, path+"/lock", nil)
	wantStatus(t, r, http.StatusOK)
	if r.at("attributes.is_locked") != false {
		t.Fatalf("toggle did not unlock: %s", r.raw)
	}
	wantStatus(t, e.clientAPI(http.MethodDelete, path, nil), http.StatusNoContent)
	wantError(t, e.clientAPI(http.MethodGet, path, nil), http.StatusNotFound, "NotFoundHttpException", "")

	// Wings must answer a delete.
	e.clock.Advance(10 * time.Minute) // past the throttle
	r = e.clientAPI(http.MethodPost, backupsOf(ident), nil)
	e.sim.SetWingsReachable(0, false)
	wantError(t, e.clientAPI(http.MethodDelete, backupsOf(ident)+"/"+r.at("attributes.uuid").(string), nil),
		http.StatusGatewayTimeout, "DaemonConnectionException", "")
	// And a create fails without leaving a backup behind.
	wantError(t, e.clientAPI(http.MethodPost, backupsOf(ident), nil), http.StatusGatewayTimeout, "DaemonConnectionException", "")
	e.sim.SetWingsReachable(0, true)
	if r := e.clientAPI(http.MethodGet, backupsOf(ident), nil); num(r.at("meta.pagination.total")) != 1 {
		t.Errorf("backups after Wings failures: %v", r.at("meta"))
	}
}

func TestClientBackupRestore(t *testing.T) {
	e := newEnv(t, backupDuration(5*time.Second))
	id, ident := e.backupServer("restored", 1, 2)
	e.sim.SetFile(id, "/world/level.dat", []byte("v1"))
	r := e.clientAPI(http.MethodPost, backupsOf(ident), nil)
	path := backupsOf(ident) + "/" + r.at("attributes.uuid").(string)

	wantValidation(t, e.clientAPI(http.MethodPost, path+"/restore", map[string]any{}), "truncate", "required", "The truncate field is required.")
	wantError(t, e.clientAPI(http.MethodPost, path+"/restore", map[string]any{"truncate": false}), http.StatusBadRequest,
		"BadRequestHttpException", "This backup cannot be restored at this time: not completed or failed.")

	e.clock.Advance(5 * time.Second)
	e.sim.SetFile(id, "/world/level.dat", []byte("v2"))
	e.sim.SetFile(id, "/new.txt", []byte("x"))
	wantStatus(t, e.clientAPI(http.MethodPost, path+"/restore", map[string]any{"truncate": true}), http.StatusNoContent)
	// restoring_backup: the state-guarded routes answer 409, the server view does not.
	wantError(t, e.clientAPI(http.MethodGet, backupsOf(ident), nil), http.StatusConflict, "ServerStateConflictException",
		"This server is currently restoring from a backup, please try again later.")
	if r := e.clientAPI(http.MethodGet, "/servers/"+ident, nil); r.at("attributes.status") != "restoring_backup" {
		t.Errorf("status %v", r.at("attributes.status"))
	}
	e.clock.Advance(5 * time.Second)
	e.sim.State() // lets Wings report
	if got, _ := e.sim.File(id, "/world/level.dat"); string(got) != "v1" {
		t.Errorf("restored level.dat %q", got)
	}
	if _, ok := e.sim.File(id, "/new.txt"); ok {
		t.Error("truncate kept a file the backup did not have")
	}
	if r := e.clientAPI(http.MethodGet, "/servers/"+ident, nil); r.at("attributes.status") != nil {
		t.Errorf("status after the restore %v", r.at("attributes.status"))
	}
}

func TestClientBackupDownloadAndAccess(t *testing.T) {
	playerKey := panelsim.Key{Token: "ptlc_player" + strings.Repeat("p", 37), UserID: playerID}
	e := newEnv(t, installDelay(time.Minute), withKeys(playerKey))
	b := serverBody("guarded", 1)
	id := e.createServer(b)
	ident := e.identifierOf(id)
	wantError(t, e.clientAPI(http.MethodGet, backupsOf(ident), nil), http.StatusConflict, "ServerStateConflictException",
		"This server has not yet completed its installation process, please try again later.")
	e.sim.CompleteInstall(id, true)

	r := e.clientAPI(http.MethodPost, backupsOf(ident), nil)
	uuid := r.at("attributes.uuid").(string)
	// The link is handed out at once, finished or not (DownloadLinkService).
	r = e.clientAPI(http.MethodGet, backupsOf(ident)+"/"+uuid+"/download", nil)
	wantStatus(t, r, http.StatusOK)
	url, _ := r.at("attributes.url").(string)
	if r.at("object") != "signed_url" || !strings.HasPrefix(url, "https://node1.example.com:8080/download/backup?token=") {
		t.Errorf("download %s", r.raw)
	}
	// A backup of another server, or a made-up uuid, is a 404.
	_, other := e.backupServer("other", 2, 1)
	wantStatus(t, e.clientAPI(http.MethodGet, backupsOf(other)+"/"+uuid, nil), http.StatusNotFound)
	// Someone who is neither owner, admin nor subuser does not see the server.
	wantStatus(t, e.clientAPI(http.MethodGet, backupsOf(ident), nil, withKey(playerKey.Token)), http.StatusNotFound)
}

func TestControlBackupRoutes(t *testing.T) {
	e := newEnv(t, backupDuration(time.Hour))
	id, ident := e.backupServer("controlled", 1, 3)
	wantStatus(t, e.do(http.MethodPost, fmt.Sprintf("/_sim/servers/%d/fail-next-backup", id), nil), http.StatusNoContent)
	failing := e.clientAPI(http.MethodPost, backupsOf(ident), nil).at("attributes.uuid").(string)
	ok := e.clientAPI(http.MethodPost, backupsOf(ident), nil).at("attributes.uuid").(string)

	// Reported at once, whatever the duration; the injected failure is Wings' own verdict.
	wantStatus(t, e.do(http.MethodPost, "/_sim/backups/"+ok+"/complete", map[string]any{"success": true}), http.StatusNoContent)
	wantStatus(t, e.do(http.MethodPost, "/_sim/backups/"+ok+"/complete", map[string]any{"success": true}), http.StatusNotFound)
	if r := e.clientAPI(http.MethodGet, backupsOf(ident)+"/"+ok, nil); r.at("attributes.is_successful") != true {
		t.Errorf("completed over /_sim: %s", r.raw)
	}
	e.clock.Advance(time.Hour)
	if r := e.clientAPI(http.MethodGet, backupsOf(ident)+"/"+failing, nil); r.at("attributes.is_successful") != false || r.at("attributes.completed_at") == nil {
		t.Errorf("FailNextBackup: %s", r.raw)
	}

	wantStatus(t, e.do(http.MethodDelete, "/_sim/backups/"+ok, nil), http.StatusNoContent)
	wantStatus(t, e.clientAPI(http.MethodGet, backupsOf(ident)+"/"+ok, nil), http.StatusNotFound)
	// The dump keeps the soft-deleted row.
	var deleted int
	for _, b := range e.sim.State().Backups {
		if b.UUID == ok && b.DeletedAt != nil {
			deleted++
		}
	}
	if deleted != 1 {
		t.Errorf("state dump: %+v", e.sim.State().Backups)
	}
}
