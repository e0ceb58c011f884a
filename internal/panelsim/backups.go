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
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// defaultWingsJob is how long Wings takes over a backup or a restore unless Options say.
const defaultWingsJob = 3 * time.Second

// backup is a backups row (app/Models/Backup.php). The panel soft-deletes: a deleted row keeps
// counting for the throttle.
type backup struct {
	ID           int        `json:"id"`
	ServerID     int        `json:"server_id"`
	UUID         string     `json:"uuid"`
	Name         string     `json:"name"`
	IgnoredFiles []string   `json:"ignored_files"`
	Disk         string     `json:"disk"`
	Checksum     *string    `json:"checksum"`
	Bytes        int64      `json:"bytes"`
	IsSuccessful bool       `json:"is_successful"`
	IsLocked     bool       `json:"is_locked"`
	CreatedAt    time.Time  `json:"created_at"`
	CompletedAt  *time.Time `json:"completed_at"`
	DeletedAt    *time.Time `json:"deleted_at"`
	// What Wings is doing with it: when it reports, whether it will report a failure, and the
	// server's files it archived.
	DoneAt   time.Time         `json:"-"`
	WillFail bool              `json:"-"`
	files    map[string][]byte `json:"-"`
}

// nonFailed is BackupRepository::getNonFailedBackups' condition: in progress or successful.
func (b *backup) nonFailed() bool { return b.CompletedAt == nil || b.IsSuccessful }

func (s *state) backupOf(serverID int, uuid string) *backup {
	for _, b := range s.backups.ordered {
		if b.ServerID == serverID && b.UUID == uuid && b.DeletedAt == nil {
			return b
		}
	}
	return nil
}

// backupsOf returns a server's backups that are not deleted, in id order.
func (s *state) backupsOf(serverID int) []*backup {
	return s.backups.where(func(b *backup) bool { return b.ServerID == serverID && b.DeletedAt == nil })
}

func wingsJobDelay(d time.Duration) time.Duration {
	switch {
	case d == 0:
		return defaultWingsJob
	case d < 0:
		return 0
	}
	return d
}

func backupAttrs(b *backup) obj {
	var completed any
	if b.CompletedAt != nil {
		completed = timestamp(*b.CompletedAt)
	}
	ignored := b.IgnoredFiles
	if ignored == nil {
		ignored = []string{}
	}
	return obj{"uuid": b.UUID, "is_successful": b.IsSuccessful, "is_locked": b.IsLocked, "name": b.Name,
		"ignored_files": ignored, "checksum": b.Checksum, "bytes": b.Bytes, "created_at": timestamp(b.CreatedAt),
		"completed_at": completed}
}

// listBackups is BackupController::index: a page of 20 by default, at most 50, with
// meta.backup_count (the non-failed backups).
func listBackups(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permBackupRead); err != nil {
		return 0, nil, err
	}
	c.capPerPage(20, 50)
	rows := c.st.backupsOf(c.boundServer.ID)
	list, err := paginateRows(c, "backup", rows, pager{}, func(b **backup) obj { return backupAttrs(*b) })
	if err != nil {
		return 0, nil, err
	}
	count := 0
	for _, b := range rows {
		if b.nonFailed() {
			count++
		}
	}
	list["meta"].(obj)["backup_count"] = count
	return http.StatusOK, list, nil
}

// capPerPage rewrites ?per_page into what `min($request->query('per_page') ?? def, limit)` hands
// the paginator. PHP 8's min compares a numeric string as a number, an array as greater than
// anything, and a non-numeric string with the integer's text.
func (c *call) capPerPage(def, limit int) {
	raw, set, array := c.phpQuery("per_page")
	capped := strconv.Itoa(def)
	switch {
	case array:
		capped = strconv.Itoa(limit)
	case !set:
	default:
		f, kind := phpNumeric(raw)
		switch {
		case kind == phpNumericString && f <= float64(limit):
			capped = raw
		case kind == phpNumericString:
			capped = strconv.Itoa(limit)
		case raw < strconv.Itoa(limit):
			capped = raw
		default:
			capped = strconv.Itoa(limit)
		}
	}
	for k := range c.query {
		if strings.HasPrefix(k, "per_page") {
			delete(c.query, k)
		}
	}
	c.query.Set("per_page", capped)
}

func getBackup(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permBackupRead); err != nil {
		return 0, nil, err
	}
	return http.StatusOK, item("backup", backupAttrs(c.boundBackup)), nil
}

// createBackup is StoreBackupRequest then InitiateBackupService::handle without override: the
// throttle, the limit, then the row and Wings' call in one transaction.
func createBackup(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permBackupCreate); err != nil {
		return 0, nil, err
	}
	var errs validationErrors
	validate(c.body, []field{
		{path: "name", rules: "nullable|string|max:191"},
		{path: "is_locked", rules: "nullable|boolean"},
		{path: "ignored", rules: "nullable|string"},
	}, &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	// The lock is taken only from a key that may delete backups, else it is ignored.
	locked := false
	if c.can(permBackupDelete) {
		locked = c.body.boolOr("is_locked", false)
	}
	b, err := c.sim.initiateBackup(c.boundServer, c.body.strOr("name", ""), c.body.strOr("ignored", ""), locked, false)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, item("backup", backupAttrs(b)), nil
}

// initiateBackup is InitiateBackupService::handle. override is a schedule's backup task: at the
// limit it deletes the oldest unlocked non-failed backup instead of refusing. Holds s.mu.
func (s *Sim) initiateBackup(srv *server, name, ignored string, locked, override bool) (*backup, *apiError) {
	now := s.now()
	if period := s.opts.BackupThrottlePeriod; period > 0 {
		// getBackupsGeneratedDuringTimespan: deleted rows too, failed ones not.
		var recent []*backup
		for _, b := range s.st.backups.ordered {
			if b.ServerID == srv.ID && b.nonFailed() && !b.CreatedAt.Before(now.Add(-period)) {
				recent = append(recent, b)
			}
		}
		if limit := s.opts.BackupThrottleLimit; len(recent) >= limit {
			// The panel's Retry-After counts from the newest of them, not the oldest.
			wait := int(recent[len(recent)-1].CreatedAt.Add(period).Sub(now) / time.Second)
			e := newError(http.StatusTooManyRequests, "TooManyRequestsHttpException",
				fmt.Sprintf("Only %d backups may be generated within a %d second span of time.", limit, int(period/time.Second)))
			e.header = http.Header{"Retry-After": {strconv.Itoa(wait)}}
			return nil, e
		}
	}
	var live []*backup
	for _, b := range s.st.backupsOf(srv.ID) {
		if b.nonFailed() {
			live = append(live, b)
		}
	}
	if srv.BackupLimit == 0 || len(live) >= srv.BackupLimit {
		tooMany := errDisplay("TooManyBackupsException",
			fmt.Sprintf("Cannot create a new backup, this server has reached its limit of %d backups.", srv.BackupLimit))
		if !override || srv.BackupLimit <= 0 {
			return nil, tooMany
		}
		var oldest *backup
		for _, b := range live {
			if !b.IsLocked && (oldest == nil || b.CreatedAt.Before(oldest.CreatedAt)) {
				oldest = b
			}
		}
		if oldest == nil {
			return nil, tooMany
		}
		if err := s.deleteBackup(srv, oldest); err != nil {
			return nil, err
		}
	}
	if !s.wingsReachable(srv.NodeID) {
		return nil, errDaemonUnreachable()
	}
	if strings.TrimSpace(name) == "" {
		name = "Backup at " + now.Format(time.DateTime)
	}
	var files []string
	for _, f := range strings.Split(ignored, "\n") {
		if f != "" {
			files = append(files, f)
		}
	}
	b := &backup{ServerID: srv.ID, UUID: s.uuid(), Name: strings.TrimSpace(name), IgnoredFiles: files, Disk: "wings",
		IsLocked: locked, CreatedAt: now, DoneAt: now.Add(wingsJobDelay(s.opts.BackupDuration)),
		files: archive(srv.Files, files)}
	if s.backupFailures[srv.ID] > 0 {
		s.backupFailures[srv.ID]--
		b.WillFail = true
	}
	b.ID = s.st.backups.insert(b)
	return b, nil
}

// downloadBackup is BackupController::download: a Wings URL with a 15-minute token, whether or
// not the backup has finished.
func downloadBackup(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permBackupDownload); err != nil {
		return 0, nil, err
	}
	srv, b := c.boundServer, c.boundBackup
	n, _ := c.st.nodes.get(srv.NodeID)
	now := c.sim.now()
	claims, _ := json.Marshal(obj{"iss": c.baseURL, "iat": now.Unix(), "exp": now.Add(15 * time.Minute).Unix(),
		"backup_uuid": b.UUID, "server_uuid": srv.UUID, "user_uuid": c.user.UUID})
	enc := base64.RawURLEncoding
	token := enc.EncodeToString([]byte(`{"typ":"JWT","alg":"HS256"}`)) + "." + enc.EncodeToString(claims) + "." +
		enc.EncodeToString([]byte(c.sim.randomString(32)))
	url := n.Scheme + "://" + n.FQDN + ":" + itoa(n.DaemonListen) + "/download/backup?token=" + token
	return http.StatusOK, obj{"object": "signed_url", "attributes": obj{"url": url}}, nil
}

// toggleBackupLock is BackupController::toggleLock; it needs backup.delete.
func toggleBackupLock(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permBackupDelete); err != nil {
		return 0, nil, err
	}
	c.boundBackup.IsLocked = !c.boundBackup.IsLocked
	return http.StatusOK, item("backup", backupAttrs(c.boundBackup)), nil
}

// restoreBackup is RestoreBackupRequest and BackupController::restore.
func restoreBackup(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permBackupRestore); err != nil {
		return 0, nil, err
	}
	var errs validationErrors
	validate(c.body, []field{{path: "truncate", rules: "required|boolean"}}, &errs)
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	srv, b := c.boundServer, c.boundBackup
	if srv.Status != nil {
		return 0, nil, newError(http.StatusBadRequest, "BadRequestHttpException",
			"This server is not currently in a state that allows for a backup to be restored.")
	}
	// Only a backup still in progress is refused: a failed one goes to Wings all the same.
	if !b.IsSuccessful && b.CompletedAt == nil {
		return 0, nil, newError(http.StatusBadRequest, "BadRequestHttpException",
			"This backup cannot be restored at this time: not completed or failed.")
	}
	if !c.sim.wingsReachable(srv.NodeID) {
		return 0, nil, errDaemonUnreachable() // the status change rolls back with it
	}
	srv.Status = ptr(statusRestoringBackup)
	c.st.restores[srv.ID] = &restoreJob{backup: b, truncate: c.body.boolOr("truncate", false),
		doneAt: c.sim.now().Add(wingsJobDelay(c.sim.opts.RestoreDuration))}
	return http.StatusNoContent, nil, nil
}

// deleteBackupRoute is BackupController::delete.
func deleteBackupRoute(c *call) (int, any, *apiError) {
	if err := c.guardedServer(permBackupDelete); err != nil {
		return 0, nil, err
	}
	if err := c.sim.deleteBackup(c.boundServer, c.boundBackup); err != nil {
		return 0, nil, err
	}
	return http.StatusNoContent, nil, nil
}

// deleteBackup is DeleteBackupService::handle: a locked backup that completed successfully is
// refused; Wings must answer (any error but its 404 aborts); then the row is soft-deleted.
// Holds s.mu.
func (s *Sim) deleteBackup(srv *server, b *backup) *apiError {
	if b.IsLocked && b.IsSuccessful && b.CompletedAt != nil {
		return errDisplay("BackupLockedException", "Cannot delete a backup that is marked as locked.")
	}
	if !s.wingsReachable(srv.NodeID) {
		return errDaemonUnreachable()
	}
	now := s.now()
	b.DeletedAt, b.DoneAt = &now, time.Time{}
	return nil
}

// Backups returns a server's backups that are not deleted, in creation order.
func (s *Sim) Backups(serverID int) []Backup {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advance()
	var out []Backup
	for _, b := range s.st.backupsOf(serverID) {
		cp := *b
		cp.files = nil
		out = append(out, cp)
	}
	return out
}

// RemoveBackup deletes a backup behind the operator's back, as a person in the panel or another
// schedule's rotation would, without the lock check; false if there is none.
func (s *Sim) RemoveBackup(uuid string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range s.st.backups.ordered {
		if b.UUID == uuid && b.DeletedAt == nil {
			// Wings' later report finds no backup (the panel's query leaves deleted ones out).
			now := s.now()
			b.DeletedAt, b.DoneAt = &now, time.Time{}
			return true
		}
	}
	return false
}
