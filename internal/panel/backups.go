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
	"iter"
	"net/http"
	"strings"
	"time"
)

const (
	routeClientBackups        = "/api/client/servers/{server}/backups"
	routeClientBackup         = "/api/client/servers/{server}/backups/{backup}"
	routeClientBackupDownload = "/api/client/servers/{server}/backups/{backup}/download"
	routeClientBackupLock     = "/api/client/servers/{server}/backups/{backup}/lock"
	routeClientBackupRestore  = "/api/client/servers/{server}/backups/{backup}/restore"
)

// Codes of the panel's backup refusals (HasErrorCode, ErrorCode).
const (
	// CodeTooManyBackups: 400, the server has as many backups as feature_limits.backups allows
	// (in progress and successful ones count; a limit of 0 allows none).
	CodeTooManyBackups = "TooManyBackupsException"
	// CodeBackupLocked: 400, a locked, completed backup cannot be deleted; unlock it first.
	CodeBackupLocked = "BackupLockedException"
	// CodeBackupThrottled: 429, too many backups were started on the server lately (2 per 10
	// minutes by default, deleted ones counted); RetryAfter says when the next may start.
	CodeBackupThrottled = "TooManyRequestsHttpException"
)

// IsTooManyBackups reports the panel's refusal to create a backup over the server's limit.
func IsTooManyBackups(err error) bool { return HasErrorCode(err, CodeTooManyBackups) }

// IsBackupLocked reports the panel's refusal to delete a locked backup.
func IsBackupLocked(err error) bool { return HasErrorCode(err, CodeBackupLocked) }

// Backup is the client API's backup transformer. The panel answers a create at once with an
// unfinished backup; Wings reports the outcome later, which sets CompletedAt, IsSuccessful,
// Checksum and Bytes.
type Backup struct {
	UUID         string   `json:"uuid"`
	IsSuccessful bool     `json:"is_successful"`
	IsLocked     bool     `json:"is_locked"`
	Name         string   `json:"name"`
	IgnoredFiles []string `json:"ignored_files"`
	// Checksum is "sha1:<hex>" once a backup succeeded, nil before and after a failure.
	Checksum    *string    `json:"checksum"`
	Bytes       int64      `json:"bytes"`
	CreatedAt   time.Time  `json:"created_at"`
	CompletedAt *time.Time `json:"completed_at"`
}

// InProgress reports a backup Wings has not reported on yet.
func (b *Backup) InProgress() bool { return b.CompletedAt == nil }

// Failed reports a backup Wings reported as failed (the panel unlocks those).
func (b *Backup) Failed() bool { return b.CompletedAt != nil && !b.IsSuccessful }

// BackupCreateRequest is the body of POST /backups.
type BackupCreateRequest struct {
	// Name defaults, on the panel, to "Backup at <date time>".
	Name string
	// Ignored lists files or patterns to leave out, as a .pteroignore would.
	Ignored []string
	// Locked keeps the backup from being deleted or rotated away. The panel applies it only for
	// a key that may delete backups (the owner, an admin, a subuser with backup.delete).
	Locked bool
}

// backupCreateBody is the wire form: ignored is one string, a pattern per line.
type backupCreateBody struct {
	Name     string `json:"name,omitempty"`
	Ignored  string `json:"ignored,omitempty"`
	IsLocked bool   `json:"is_locked"`
}

// ListBackups returns one page of a server's backups in creation order. The panel pages them 20
// at a time by default and at most 50 (a larger PerPage is cut to 50); soft-deleted backups are
// not listed.
func (s *ClientAPIService) ListBackups(ctx context.Context, identifier string, opts *ListOptions) ([]Backup, *Pagination, error) {
	cl := clientCall(http.MethodGet, routeClientBackups, identifier)
	cl.query = opts.values()
	return getList[Backup](ctx, s.client, cl)
}

// AllBackups iterates over every backup of a server, page by page.
func (s *ClientAPIService) AllBackups(ctx context.Context, identifier string, opts *ListOptions) iter.Seq2[Backup, error] {
	return all(ctx, opts, func(ctx context.Context, o *ListOptions) ([]Backup, *Pagination, error) {
		return s.ListBackups(ctx, identifier, o)
	})
}

// ListAllBackups collects every backup of a server.
func (s *ClientAPIService) ListAllBackups(ctx context.Context, identifier string) ([]Backup, error) {
	return collect(s.AllBackups(ctx, identifier, &ListOptions{PerPage: 50}))
}

// CreateBackup starts a backup and returns it unfinished (200). Refusals: 400
// TooManyBackupsException at the server's limit, 429 TooManyRequestsHttpException when backups
// were started too often, 409 while the server is installing, suspended, restoring or
// transferring, 502/504 when Wings cannot be reached (nothing is created then). Not retried
// after a 5xx or a lost answer, which could start a second backup; a 429 is waited out only when
// its Retry-After is within the retry policy's MaxDelay (the panel refuses before doing
// anything), and otherwise returned with RetryAfter set.
func (s *ClientAPIService) CreateBackup(ctx context.Context, identifier string, req BackupCreateRequest) (*Backup, error) {
	cl := clientCall(http.MethodPost, routeClientBackups, identifier)
	cl.body = backupCreateBody{Name: req.Name, Ignored: strings.Join(req.Ignored, "\n"), IsLocked: req.Locked}
	return getItem[Backup](ctx, s.client, cl)
}

// GetBackup returns one backup by uuid; a deleted one is a 404.
func (s *ClientAPIService) GetBackup(ctx context.Context, identifier, uuid string) (*Backup, error) {
	return getItem[Backup](ctx, s.client, clientCall(http.MethodGet, routeClientBackup, identifier, uuid))
}

// BackupDownloadURL returns a link to download the backup's archive from Wings, signed for 15
// minutes. The panel hands it out whether or not the backup has finished.
func (s *ClientAPIService) BackupDownloadURL(ctx context.Context, identifier, uuid string) (string, error) {
	out, err := getItem[struct {
		URL string `json:"url"`
	}](ctx, s.client, clientCall(http.MethodGet, routeClientBackupDownload, identifier, uuid))
	if err != nil {
		return "", err
	}
	return out.URL, nil
}

// ToggleBackupLock flips the backup's lock and returns the backup. It is a toggle, not a set:
// two callers toggling at once cancel out; see SetBackupLocked.
func (s *ClientAPIService) ToggleBackupLock(ctx context.Context, identifier, uuid string) (*Backup, error) {
	return getItem[Backup](ctx, s.client, clientCall(http.MethodPost, routeClientBackupLock, identifier, uuid))
}

// SetBackupLocked reads the backup and toggles its lock only if it differs from locked.
func (s *ClientAPIService) SetBackupLocked(ctx context.Context, identifier, uuid string, locked bool) (*Backup, error) {
	b, err := s.GetBackup(ctx, identifier, uuid)
	if err != nil || b.IsLocked == locked {
		return b, err
	}
	return s.ToggleBackupLock(ctx, identifier, uuid)
}

// RestoreBackup asks Wings to unpack the backup over the server's files (204); truncate deletes
// every file first. The server is "restoring_backup" until Wings reports back, and the
// state-guarded routes answer 409 meanwhile. 400 BadRequestHttpException when the server's
// status is not null or the backup is still in progress.
func (s *ClientAPIService) RestoreBackup(ctx context.Context, identifier, uuid string, truncate bool) error {
	cl := clientCall(http.MethodPost, routeClientBackupRestore, identifier, uuid)
	cl.body = struct {
		Truncate bool `json:"truncate"`
	}{truncate}
	return s.client.do(ctx, cl, nil)
}

// DeleteBackup deletes a backup from Wings and the panel (204). 400 BackupLockedException for a
// locked backup that completed successfully (failed or unfinished ones go even when locked). A
// 404 can mean a retried delete already did it.
func (s *ClientAPIService) DeleteBackup(ctx context.Context, identifier, uuid string) error {
	return s.client.do(ctx, clientCall(http.MethodDelete, routeClientBackup, identifier, uuid), nil)
}
