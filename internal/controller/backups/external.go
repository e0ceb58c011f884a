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

package backups

import (
	"context"
	"fmt"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// inProgressPoll is how soon a backup Wings is still making is looked at again: the panel learns
// of its completion from Wings, with nothing a watch could see.
const inProgressPoll = 5 * time.Second

// external is one reconcile's view of one ServerBackup.
type external struct {
	kube client.Client
	conn *connection.Conn

	// Observe leaves for Update what it read and what is out of date.
	server  string
	backup  *panel.Backup
	lock    bool
	restore bool
}

var _ managed.External[*ptero.ServerBackup] = (*external)(nil)

// Observe implements managed.External.
func (e *external) Observe(ctx context.Context, sb *ptero.ServerBackup) (managed.Observation, error) {
	if err := e.conn.RequireClientKey("ServerBackups"); err != nil {
		return managed.Observation{}, err
	}
	// Making a backup needs the server installed; looking at one only needs its identifier.
	gs, err := managed.ReferencedServer(ctx, e.kube, serverKey(sb), sb.Status.UUID == "")
	if err != nil {
		return managed.Observation{}, err
	}
	e.server = gs.Status.Identifier
	if sb.Status.UUID == "" {
		// The name finds a backup whose create answer was lost: it must be this object's alone.
		if err := e.nameIsOurs(ctx, sb); err != nil {
			return managed.Observation{}, err
		}
	}
	b, err := e.find(ctx, sb)
	if err != nil || b == nil {
		return managed.Observation{Exists: b != nil}, err
	}
	e.backup = b
	setObserved(sb, b)

	e.lock = b.IsLocked != sb.Spec.Locked
	// A restore waits for the backup to be complete: Wings has nothing to unpack before.
	e.restore = sb.Status.State == ptero.BackupCompleted &&
		managed.TokenPending(sb, ptero.AnnotationRestore, sb.Status.LastRestoreToken)
	obs := managed.Observation{Exists: true, UpToDate: !e.lock && !e.restore}
	switch sb.Status.State {
	case ptero.BackupInProgress:
		obs.NotReadyReason, obs.NotReadyMessage, obs.PollAfter = ptero.ReasonBackupInProgress, "Wings is making the backup.", inProgressPoll
	case ptero.BackupFailed:
		// The panel never retries a failed backup; a new one is a new ServerBackup.
		obs.NotReadyReason, obs.Stalled = ptero.ReasonBackupFailed, true
		obs.NotReadyMessage = "Wings reported the backup failed: delete this ServerBackup and create it again to make a new one."
	}
	return obs, nil
}

// Create implements managed.External: the panel starts the backup and answers at once; Wings
// reports its completion later.
func (e *external) Create(ctx context.Context, sb *ptero.ServerBackup) error {
	b, err := e.conn.Client.ClientAPI.CreateBackup(ctx, e.server, panel.BackupCreateRequest{
		Name: backupName(sb), Ignored: sb.Spec.IgnoredFiles, Locked: sb.Spec.Locked})
	if panel.IsTooManyBackups(err) {
		return managed.Fail(managed.Failure{Reason: ptero.ReasonPanelRejected, RequeueAfter: e.conn.SyncInterval(), Stalled: true,
			Message: fmt.Sprintf("GameServer %s has as many backups as its featureLimits.backups allows: raise the limit, or delete a backup, and this one is made", sb.Spec.ServerRef.Name)})
	}
	if err != nil {
		return err
	}
	setObserved(sb, b)
	// A backup made now holds the server as it is: a restore token present at creation is served.
	sb.Status.LastRestoreToken = sb.Annotations[ptero.AnnotationRestore]
	return nil
}

// Update implements managed.External: the lock, then a restore asked for by the annotation.
func (e *external) Update(ctx context.Context, sb *ptero.ServerBackup) error {
	api := e.conn.Client.ClientAPI
	if e.lock {
		b, err := api.SetBackupLocked(ctx, e.server, sb.Status.UUID, sb.Spec.Locked)
		if err != nil {
			return err
		}
		setObserved(sb, b)
	}
	if e.restore {
		truncate := sb.Annotations[ptero.AnnotationRestoreTruncate] == "true"
		if err := api.RestoreBackup(ctx, e.server, sb.Status.UUID, truncate); err != nil {
			return err
		}
		sb.Status.LastRestoreToken = sb.Annotations[ptero.AnnotationRestore]
	}
	return nil
}

// Delete implements managed.External. A locked backup is unlocked first: deleting the object
// with deletionPolicy Delete says the backup is to go, and the lock only guards it against the
// panel's rotation and its users. A backup whose server is gone went with it.
func (e *external) Delete(ctx context.Context, sb *ptero.ServerBackup) error {
	server, err := managed.IdentifierToDeleteThrough(ctx, e.kube, serverKey(sb))
	if err != nil || server == "" {
		return err
	}
	if err := e.conn.RequireClientKey("ServerBackups"); err != nil {
		return err
	}
	api := e.conn.Client.ClientAPI
	err = api.DeleteBackup(ctx, server, sb.Status.UUID)
	if panel.IsBackupLocked(err) {
		if _, err := api.SetBackupLocked(ctx, server, sb.Status.UUID, false); err != nil {
			return connection.Deleted(err, "")
		}
		err = api.DeleteBackup(ctx, server, sb.Status.UUID)
	}
	return connection.Deleted(err, "")
}

// serverKey names the backup's GameServer.
func serverKey(sb *ptero.ServerBackup) types.NamespacedName {
	return types.NamespacedName{Namespace: sb.Namespace, Name: sb.Spec.ServerRef.Name}
}

// backupName is the backup's name in the panel.
func backupName(sb *ptero.ServerBackup) string {
	if sb.Spec.Name != "" {
		return sb.Spec.Name
	}
	return sb.Name
}

// setObserved records what the panel says of the backup.
func setObserved(sb *ptero.ServerBackup, b *panel.Backup) {
	sb.Status.UUID = b.UUID
	sb.Status.Bytes = b.Bytes
	sb.Status.Checksum = ""
	if b.Checksum != nil {
		sb.Status.Checksum = *b.Checksum
	}
	sb.Status.CompletedAt = nil
	if b.CompletedAt != nil {
		t := metav1.NewTime(*b.CompletedAt)
		sb.Status.CompletedAt = &t
	}
	switch {
	case b.InProgress():
		sb.Status.State = ptero.BackupInProgress
	case b.Failed():
		sb.Status.State = ptero.BackupFailed
	default:
		sb.Status.State = ptero.BackupCompleted
	}
}
