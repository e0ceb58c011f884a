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
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestIntegrationSubusers(t *testing.T) {
	t.Parallel()
	e, _, s := clientWorld(t, 1)
	ctx, api := e.ctx(), e.c.ClientAPI
	friend := e.makeUser("friend")

	perms := must(api.Permissions(ctx))(t)
	if keys := perms.Keys(); !slices.Equal(keys, panel.SubuserPermissionKeys) {
		t.Fatalf("the panel's keys %v,\nSubuserPermissionKeys %v", keys, panel.SubuserPermissionKeys)
	}

	// Unknown keys are dropped and websocket.connect added: compare with the answer.
	su := must(api.CreateSubuser(ctx, s.Identifier, friend.Email, []string{"control.console", "made.up", "control.console"}))(t)
	if strings.Join(su.Permissions, ",") != "control.console,websocket.connect" || su.UUID != friend.UUID || su.Username != "friend" {
		t.Fatalf("subuser %+v", su)
	}
	_, err := api.CreateSubuser(ctx, s.Identifier, strings.ToUpper(friend.Email), []string{"file.read"})
	if !panel.IsSubuserExists(err) {
		t.Errorf("twice: %v", err)
	}
	owner := must(e.c.Users.Get(ctx, s.User))(t)
	if _, err := api.CreateSubuser(ctx, s.Identifier, owner.Email, []string{"file.read"}); !panel.IsSubuserOwner(err) {
		t.Errorf("the owner: %v", err)
	}

	// No permissions at all is sent as websocket.connect, which the panel's "required" accepts.
	upd := must(api.UpdateSubuserPermissions(ctx, s.Identifier, su.UUID, nil))(t)
	if strings.Join(upd.Permissions, ",") != panel.PermissionWebsocketConnect {
		t.Errorf("updated %+v", upd)
	}
	if got := must(api.GetSubuser(ctx, s.Identifier, su.UUID))(t); got.Email != friend.Email {
		t.Errorf("get %+v", got)
	}
	// A new email makes a new user.
	stranger := must(api.CreateSubuser(ctx, s.Identifier, "stranger@example.net", []string{"backup.read"}))(t)
	list := must(api.ListSubusers(ctx, s.Identifier))(t)
	if len(list) != 2 || list[1].UUID != stranger.UUID {
		t.Errorf("list %+v", list)
	}
	noErr(t, api.DeleteSubuser(ctx, s.Identifier, su.UUID))
	if _, err := api.GetSubuser(ctx, s.Identifier, su.UUID); !panel.IsNotFound(err) {
		t.Errorf("deleted subuser: %v", err)
	}
}

func TestPermissionListDecodesThePanelsObjectForm(t *testing.T) {
	var su panel.ClientSubuser
	noErr(t, json.Unmarshal([]byte(`{"uuid":"u","permissions":{"10":"c","0":"a","2":"b"}}`), &su))
	if strings.Join(su.Permissions, ",") != "a,b,c" {
		t.Errorf("object form: %v", su.Permissions)
	}
	noErr(t, json.Unmarshal([]byte(`{"permissions":["x","y"]}`), &su))
	if strings.Join(su.Permissions, ",") != "x,y" {
		t.Errorf("list form: %v", su.Permissions)
	}
}
