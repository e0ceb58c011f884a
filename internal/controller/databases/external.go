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

// Package databases reconciles ServerDatabases: a database on a game server's database host,
// and a Secret with what applications need to connect to it.
package databases

import (
	"context"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// dbIncludes are read with every look at a database: the password and the host are what the
// connection Secret is made of.
var dbIncludes = []string{"password", "host"}

// external is one reconcile's view of one ServerDatabase.
type external struct {
	kube client.Client
	// live reads the API server, not the cache; see rotationPending.
	live   client.Reader
	scheme *runtime.Scheme
	conn   *connection.Conn

	// Observe leaves for Update what it read and what is out of date.
	serverID    int
	db          *panel.ServerDatabase
	secretStale bool
	rotate      bool
}

var _ managed.External[*ptero.ServerDatabase] = (*external)(nil)

// Observe implements managed.External.
func (e *external) Observe(ctx context.Context, sdb *ptero.ServerDatabase) (managed.Observation, error) {
	serverID, err := e.resolveServer(ctx, sdb, false)
	if err != nil {
		return managed.Observation{}, err
	}
	if sdb.Status.ID != 0 && sdb.Status.ServerID != 0 && sdb.Status.ServerID != int64(serverID) {
		// The GameServer was recreated in the panel: the database went with the old server.
		forget(sdb)
	}
	e.serverID = serverID

	db, err := e.find(ctx, sdb, serverID)
	if err != nil || db == nil {
		return managed.Observation{Exists: db != nil}, err
	}
	setObserved(sdb, db, serverID)
	e.db = db

	// The panel has no route to change a database: a mismatch can only come from adopting one
	// made differently, and only the user can decide to replace it.
	if want := remote(sdb); db.Remote != want {
		return managed.Observation{}, managed.InvalidSpec("remote",
			"the panel's database allows connections from %q, not %q, and the panel cannot change it: delete the ServerDatabase and create it again", db.Remote, want)
	}
	if want := hostID(sdb); db.Host != want {
		return managed.Observation{}, managed.InvalidSpec("hostId",
			"the database is on database host %d, not %d, and the panel cannot move it", db.Host, want)
	}

	if e.rotate, err = e.rotationPending(ctx, sdb); err != nil {
		return managed.Observation{}, err
	}
	if !e.rotate {
		data, err := secretData(db)
		if err != nil {
			return managed.Observation{}, err
		}
		if e.secretStale, err = e.secretDiffers(ctx, sdb, data); err != nil {
			return managed.Observation{}, err
		}
	}
	return managed.Observation{Exists: true, UpToDate: !e.rotate && !e.secretStale}, nil
}

// Create implements managed.External.
func (e *external) Create(ctx context.Context, sdb *ptero.ServerDatabase) error {
	serverID, err := e.resolveServer(ctx, sdb, true)
	if err != nil {
		return err
	}
	dbs := e.conn.Client.Databases
	created, err := dbs.Create(ctx, serverID, panel.DatabaseCreateRequest{Database: sdb.Spec.Database, Remote: remote(sdb), Host: hostID(sdb)})
	if err != nil {
		return err
	}
	setObserved(sdb, created, serverID)
	// A new database has a fresh password: a rotation token present at creation is served.
	sdb.Status.LastRotationToken = sdb.Annotations[ptero.AnnotationRotatePassword]

	// The create answer has neither password nor host; read them to write the Secret now. If
	// this fails, the next Observe finds the Secret missing and writes it.
	db, err := dbs.Get(ctx, serverID, created.ID, dbIncludes...)
	if err != nil {
		return err
	}
	data, err := secretData(db)
	if err != nil {
		return err
	}
	return e.writeSecret(ctx, sdb, data)
}

// Update implements managed.External: rotate the password if asked, then write the Secret.
func (e *external) Update(ctx context.Context, sdb *ptero.ServerDatabase) error {
	db := e.db
	if e.rotate {
		dbs := e.conn.Client.Databases
		if err := dbs.ResetPassword(ctx, e.serverID, db.ID); err != nil {
			return err
		}
		var err error
		if db, err = dbs.Get(ctx, e.serverID, db.ID, dbIncludes...); err != nil {
			return err
		}
	}
	data, err := secretData(db)
	if err != nil {
		return err
	}
	if err := e.writeSecret(ctx, sdb, data); err != nil {
		return err
	}
	if e.rotate {
		// Recorded only once the new password is in the Secret: a failure in between rotates
		// again rather than leaving the Secret with a password that no longer works.
		sdb.Status.LastRotationToken = sdb.Annotations[ptero.AnnotationRotatePassword]
	}
	return nil
}

// Delete implements managed.External.
func (e *external) Delete(ctx context.Context, sdb *ptero.ServerDatabase) error {
	serverID := int(sdb.Status.ServerID)
	if serverID == 0 {
		return nil
	}
	// Gone already, or its server is: either way there is nothing left to drop.
	return connection.Deleted(e.conn.Client.Databases.Delete(ctx, serverID, int(sdb.Status.ID)), "")
}

// resolveServer returns the panel id of the GameServer the database belongs to. Creating a
// database needs the server Ready (installed); looking at an existing one only needs its id.
func (e *external) resolveServer(ctx context.Context, sdb *ptero.ServerDatabase, needReady bool) (int, error) {
	key := types.NamespacedName{Namespace: sdb.Namespace, Name: sdb.Spec.ServerRef.Name}
	return managed.ReferencedID(ctx, e.kube, "GameServer", key, &ptero.GameServer{}, needReady)
}

// find returns the panel database of sdb, or nil when there is none yet. It looks by status.id,
// then the panel-id annotation, then by the name the panel stores, so that a create whose answer
// was lost is found rather than repeated.
func (e *external) find(ctx context.Context, sdb *ptero.ServerDatabase, serverID int) (*panel.ServerDatabase, error) {
	dbs := e.conn.Client.Databases
	return adoption.Find(ctx, sdb, adoption.Lookup[panel.ServerDatabase]{
		Noun: "database", Identity: sdb.GetPanelIdentity(),
		Get: adoption.ByNumber(func(ctx context.Context, id int) (*panel.ServerDatabase, error) {
			return dbs.Get(ctx, serverID, id, dbIncludes...)
		}),
		Forget: func() { forget(sdb) },
		// The panel stores one database of a name per server: the name is its identity.
		ByIdentity: func(ctx context.Context) (*panel.ServerDatabase, error) {
			all, err := dbs.List(ctx, serverID, dbIncludes...)
			if err != nil {
				return nil, err
			}
			want := panelName(serverID, sdb.Spec.Database)
			for i := range all {
				if all[i].Database == want {
					return &all[i], nil
				}
			}
			return nil, nil
		},
	})
}

// secretData is the connection Secret's content, or why it cannot be written.
func secretData(db *panel.ServerDatabase) (map[string][]byte, error) {
	data, ok := connectionData(db)
	if ok {
		return data, nil
	}
	return nil, managed.Fail(managed.Failure{Reason: ptero.ReasonForbidden, RequeueAfter: forbiddenRecheck,
		Message: "The panel did not return the database's password and host, so the connection Secret cannot be written. " +
			"Use an application key with Read on Database Hosts (r_database_hosts) in the Panel's credentials Secret."})
}

func setObserved(sdb *ptero.ServerDatabase, db *panel.ServerDatabase, serverID int) {
	sdb.Status.ID = int64(db.ID)
	sdb.Status.ServerID = int64(serverID)
	sdb.Status.DatabaseName = db.Database
	sdb.Status.Username = db.Username
}

// forget drops a database that no longer exists; the rotation token stays, it was served.
func forget(sdb *ptero.ServerDatabase) {
	sdb.Status.ID, sdb.Status.ServerID, sdb.Status.DatabaseName, sdb.Status.Username = 0, 0, "", ""
}

// rotationPending reports whether the rotate-password token still asks for a rotation. A token
// the cached object shows as unserved is checked against the API server: the Secret written with
// the new password re-queues the object before the cache holds the status recording the token,
// and acting on that stale status would rotate the password a second time.
func (e *external) rotationPending(ctx context.Context, sdb *ptero.ServerDatabase) (bool, error) {
	if !rotationRequested(sdb) {
		return false, nil
	}
	fresh := &ptero.ServerDatabase{}
	if err := e.live.Get(ctx, client.ObjectKeyFromObject(sdb), fresh); err != nil {
		return false, err
	}
	if served := fresh.Status.LastRotationToken; served == sdb.Annotations[ptero.AnnotationRotatePassword] {
		sdb.Status.LastRotationToken = served
		return false, nil
	}
	return true, nil
}

func rotationRequested(sdb *ptero.ServerDatabase) bool {
	return managed.TokenPending(sdb, ptero.AnnotationRotatePassword, sdb.Status.LastRotationToken)
}

func remote(sdb *ptero.ServerDatabase) string {
	if sdb.Spec.Remote == "" {
		return "%"
	}
	return sdb.Spec.Remote
}

func hostID(sdb *ptero.ServerDatabase) int {
	if sdb.Spec.HostID == 0 {
		return 1
	}
	return int(sdb.Spec.HostID)
}
