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

	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// find returns the panel backup of sb, or nil when there is none yet. A backup with a UUID that
// the panel no longer has was rotated away by the server's backup limit (a schedule's backup
// task makes room that way) or deleted in the panel: that is reported and not made again, since
// a new backup would hold other data under the same object. Before the first create, a backup
// of sb's name on the server is sb's: its create's answer was lost.
func (e *external) find(ctx context.Context, sb *ptero.ServerBackup) (*panel.Backup, error) {
	api := e.conn.Client.ClientAPI
	if sb.Status.UUID != "" {
		b, err := api.GetBackup(ctx, e.server, sb.Status.UUID)
		if panel.IsNotFound(err) {
			return nil, managed.Fail(managed.Failure{Reason: ptero.ReasonBackupRotated, Terminal: true,
				Message: fmt.Sprintf("backup %s is gone from the panel (rotated away by the server's backup limit, or deleted there) and is not made again: delete this ServerBackup, or create another", sb.Status.UUID)})
		}
		return b, err
	}
	return adoption.Find(ctx, sb, adoption.Lookup[panel.Backup]{
		Noun: "backup", Identity: sb.GetPanelIdentity(), ByUUID: true,
		Get: func(ctx context.Context, id ptero.PanelIdentity) (*panel.Backup, error) {
			return api.GetBackup(ctx, e.server, id.UUID)
		},
		Forget: func() { sb.Status = ptero.ServerBackupStatus{ManagedStatus: sb.Status.ManagedStatus} },
		ByIdentity: func(ctx context.Context) (*panel.Backup, error) {
			all, err := api.ListAllBackups(ctx, e.server)
			if err != nil {
				return nil, err
			}
			var found *panel.Backup
			for i := range all {
				if all[i].Name == backupName(sb) && (found == nil || all[i].CreatedAt.Before(found.CreatedAt)) {
					found = &all[i]
				}
			}
			return found, nil
		},
	})
}

// nameIsOurs refuses a backup name another ServerBackup of the same server uses: the name is how
// a backup whose create answer was lost is found again, so two objects of one name would bind to
// one backup.
func (e *external) nameIsOurs(ctx context.Context, sb *ptero.ServerBackup) error {
	others := &ptero.ServerBackupList{}
	if err := e.kube.List(ctx, others, client.InNamespace(sb.Namespace), client.MatchingFields{index.ServerRef: sb.Spec.ServerRef.Name}); err != nil {
		return err
	}
	for _, o := range others.Items {
		if o.UID != sb.UID && backupName(&o) == backupName(sb) {
			return managed.InvalidSpec("name", "ServerBackup %s already names a backup %q of GameServer %s: give this one another name",
				o.Name, backupName(sb), sb.Spec.ServerRef.Name)
		}
	}
	return nil
}
