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
	"crypto/sha1"
	"encoding/hex"
	"sort"
	"strings"
	"time"
)

// Wings' side of backups: the archive it makes, the report it sends when done, and the restores
// it runs.

// restoreJob is a restore Wings is running.
type restoreJob struct {
	backup   *backup
	truncate bool
	doneAt   time.Time
}

// archive copies the server's files but those an ignore line names exactly or lies under.
func archive(files map[string][]byte, ignored []string) map[string][]byte {
	out := map[string][]byte{}
	for p, content := range files {
		skip := false
		for _, ig := range ignored {
			ig = "/" + strings.Trim(ig, "/")
			if p == ig || strings.HasPrefix(p, ig+"/") {
				skip = true
			}
		}
		if !skip {
			out[p] = append([]byte{}, content...)
		}
	}
	return out
}

// completeBackup is Wings' report (BackupStatusController::index): a success sets the checksum
// ("sha1:…"), the size and completed_at; a failure also unlocks the backup. Holds s.mu.
func (s *Sim) completeBackup(b *backup, success bool) {
	now := s.now()
	b.DoneAt, b.WillFail = time.Time{}, false
	b.IsSuccessful, b.CompletedAt = success, &now
	if !success {
		b.IsLocked, b.Checksum, b.Bytes = false, nil, 0
		return
	}
	h := sha1.New()
	h.Write([]byte(b.UUID))
	paths := make([]string, 0, len(b.files))
	size := int64(512) // an empty tar.gz is not empty
	for p, content := range b.files {
		paths = append(paths, p)
		size += int64(len(content))
	}
	sort.Strings(paths)
	for _, p := range paths {
		h.Write([]byte(p))
		h.Write(b.files[p])
	}
	sum := "sha1:" + hex.EncodeToString(h.Sum(nil))
	b.Checksum, b.Bytes = &sum, size
}

// advanceBackups delivers Wings' due backup and restore reports. Holds s.mu.
func (s *Sim) advanceBackups(now time.Time) {
	for _, b := range s.st.backups.ordered {
		if b.CompletedAt == nil && b.DeletedAt == nil && !b.DoneAt.IsZero() && !now.Before(b.DoneAt) {
			s.completeBackup(b, !b.WillFail)
		}
	}
	for id, r := range s.st.restores {
		if now.Before(r.doneAt) {
			continue
		}
		delete(s.st.restores, id)
		srv, ok := s.st.servers.get(id)
		if !ok {
			continue
		}
		// Wings unpacks the archive over the files (after deleting them all when truncating),
		// then the panel's restore callback clears the status.
		if r.truncate || srv.Files == nil {
			srv.Files = map[string][]byte{}
		}
		if r.backup.IsSuccessful {
			for p, content := range r.backup.files {
				srv.Files[p] = append([]byte{}, content...)
			}
		}
		if deref(srv.Status) == statusRestoringBackup {
			srv.Status = nil
		}
	}
}

// FailNextBackup makes the next backup started on the server fail when Wings reports on it.
func (s *Sim) FailNextBackup(serverID int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.backupFailures[serverID]++
}

// CompleteBackup delivers Wings' report on an unfinished backup now; false if there is none.
func (s *Sim) CompleteBackup(uuid string, success bool) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range s.st.backups.ordered {
		if b.UUID == uuid && b.DeletedAt == nil && b.CompletedAt == nil {
			s.completeBackup(b, success)
			return true
		}
	}
	return false
}
