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

package subusers

import (
	"context"
	"strings"

	"k8s.io/apimachinery/pkg/types"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/adoption"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// user is the panel user a ServerSubuser gives access to, as far as the spec says.
type user struct {
	// field is the spec field naming the user, for messages: "email" or "userRef".
	field string
	// name is how messages name the user: the email, or the PanelUser.
	name string
	// email is what the create sends; the panel finds its user by it (ignoring case), or makes one.
	email string
	// uuid is the panel user's UUID when the spec names a PanelUser, "" for an email.
	uuid string
}

// wantedUser resolves the spec's user. For userRef it reads the PanelUser's panel user, so the
// create sends the email the panel has, not one the PanelUser may still be on its way to: an
// email the panel does not know would make it create a second user. Creating needs the PanelUser
// Ready; an existing subuser only needs its panel id.
func (e *external) wantedUser(ctx context.Context, su *ptero.ServerSubuser, creating bool) (user, error) {
	if su.Spec.UserRef == nil {
		email := ""
		if su.Spec.Email != nil {
			email = *su.Spec.Email
		}
		return user{field: "email", name: email, email: email}, nil
	}
	ref := su.Spec.UserRef.Name
	key := types.NamespacedName{Namespace: su.Namespace, Name: ref}
	id, err := managed.ReferencedID(ctx, e.kube, "PanelUser", key, &ptero.PanelUser{}, creating)
	if err != nil {
		return user{}, err
	}
	u, err := e.conn.Users.Read(ctx, id)
	if panel.IsNotFound(err) {
		return user{}, managed.NotReady("PanelUser", ref, "its panel user is gone")
	}
	if err != nil {
		return user{}, err
	}
	return user{field: "userRef", name: `PanelUser "` + ref + `" (` + u.Email + ")", email: u.Email, uuid: u.UUID}, nil
}

// is reports whether the panel's subuser is this user: by UUID for a PanelUser, by email (which
// the panel compares without case) otherwise.
func (u user) is(s *panel.ClientSubuser) bool {
	if u.uuid != "" {
		return s.UUID == u.uuid
	}
	return strings.EqualFold(s.Email, u.email)
}

// find returns the server's subuser for su, or nil when there is none yet. It looks by
// status.uuid, then the panel-id annotation (a user's UUID), then for the spec's user among the
// server's subusers, so that a create whose answer was lost is found rather than repeated.
func (e *external) find(ctx context.Context, su *ptero.ServerSubuser, server string, who user) (*panel.ClientSubuser, error) {
	api := e.conn.Client.ClientAPI
	return adoption.Find(ctx, su, adoption.Lookup[panel.ClientSubuser]{
		Noun: "subuser", ByUUID: true,
		Identity: ptero.PanelIdentity{UUID: su.Status.UUID, Server: server},
		Get: func(ctx context.Context, id ptero.PanelIdentity) (*panel.ClientSubuser, error) {
			return api.GetSubuser(ctx, server, id.UUID)
		},
		Forget: func() { forget(su) },
		// A user is a subuser of a server at most once: the user is the identity.
		ByIdentity: func(ctx context.Context) (*panel.ClientSubuser, error) {
			return e.lookUp(ctx, server, who)
		},
	})
}

// lookUp finds who among the server's subusers.
func (e *external) lookUp(ctx context.Context, server string, who user) (*panel.ClientSubuser, error) {
	all, err := e.conn.Client.ClientAPI.ListSubusers(ctx, server)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if who.is(&all[i]) {
			return &all[i], nil
		}
	}
	return nil, nil
}

// checkAdopted refuses a subuser adopted through the panel-id annotation that is not the user
// the spec names: keeping it in line would hand the spec's permissions to someone else.
func checkAdopted(s *panel.ClientSubuser, who user) error {
	if who.is(s) {
		return nil
	}
	return managed.InvalidSpec(who.field, "the subuser adopted through the %s annotation is %s, not %s: fix the annotation or the spec",
		ptero.AnnotationPanelID, s.Email, who.name)
}

func setObserved(su *ptero.ServerSubuser, s *panel.ClientSubuser) {
	su.Status.UUID = s.UUID
	su.Status.Email = s.Email
}

// forget drops a subuser that is no longer on its server.
func forget(su *ptero.ServerSubuser) {
	su.Status.UUID, su.Status.Email = "", ""
}
