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

package users

import (
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func user() *ptero.PanelUser {
	return &ptero.PanelUser{
		ObjectMeta: metav1.ObjectMeta{Namespace: "games", Name: "alice", UID: "uid-1"},
		Spec:       ptero.PanelUserSpec{Username: "alice", Email: "alice@example.com", FirstName: "Alice", LastName: "Liddell"},
	}
}

func panelUser() *panel.User {
	return &panel.User{ID: 4, UUID: "u-4", Username: "alice", Email: "alice@example.com", FirstName: "Alice",
		LastName: "Liddell", Language: "en", ExternalID: "games.alice"}
}

func TestDesiredAppliesDefaults(t *testing.T) {
	w := desired(user(), "games.alice")
	if w.Language != "en" || w.ExternalID != "games.alice" || w.RootAdmin {
		t.Fatalf("desired = %+v", w)
	}
	if !userUpToDate(w, panelUser()) {
		t.Fatal("a user created from the spec must be up to date")
	}
	req := createRequest(w)
	if req.Password != "" || req.ExternalID != "games.alice" || req.Language != "en" || req.Username != "alice" {
		t.Fatalf("createRequest = %+v", req)
	}
}

func TestUserUpToDateSeesEveryField(t *testing.T) {
	for name, drift := range map[string]func(*panel.User){
		"username":   func(u *panel.User) { u.Username = "bob" },
		"email":      func(u *panel.User) { u.Email = "bob@example.com" },
		"firstName":  func(u *panel.User) { u.FirstName = "Bob" },
		"lastName":   func(u *panel.User) { u.LastName = "Builder" },
		"language":   func(u *panel.User) { u.Language = "de" },
		"rootAdmin":  func(u *panel.User) { u.RootAdmin = true },
		"externalId": func(u *panel.User) { u.ExternalID = "" },
	} {
		u := panelUser()
		drift(u)
		if userUpToDate(desired(user(), "games.alice"), u) {
			t.Errorf("a drifted %s was not noticed", name)
		}
	}
}

func TestUpdateRequestIsCompleteAndKeepsThePassword(t *testing.T) {
	pu := user()
	pu.Spec.Email = "new@example.com"
	pu.Spec.RootAdmin = true
	current := panelUser()
	current.FirstName = "Drifted"
	req := updateRequest(current, desired(pu, "games.alice"))
	if req.Email != "new@example.com" || req.Username != "alice" || req.FirstName != "Alice" || req.LastName != "Liddell" {
		t.Errorf("required fields: %+v", req)
	}
	if req.RootAdmin == nil || !*req.RootAdmin || req.ExternalID == nil || *req.ExternalID != "games.alice" || req.Language != "en" {
		t.Errorf("spec fields: %+v", req)
	}
	if req.Password != nil {
		t.Error("the password must stay unchanged unless the Secret changed")
	}
}

func TestPasswordHash(t *testing.T) {
	h := passwordHash("uid-1", "hunter2")
	if !strings.HasPrefix(h, "pbkdf2-sha256:20000:") || strings.Contains(h, "hunter2") {
		t.Fatalf("passwordHash = %q", h)
	}
	if passwordHash("uid-1", "hunter2") != h {
		t.Fatal("the hash must be stable, or the password would be pushed every sync")
	}
	if passwordHash("uid-2", "hunter2") == h {
		t.Fatal("the hash must be salted with the object's uid")
	}
	if passwordHash("uid-1", "hunter3") == h {
		t.Fatal("a changed password must change the hash")
	}
}

func TestPasswordChanged(t *testing.T) {
	pu := user()
	pw := &secretPassword{value: "hunter2", hash: passwordHash(string(pu.UID), "hunter2")}
	if passwordChanged(pu, nil) {
		t.Error("no passwordSecretRef: nothing to push")
	}
	if !passwordChanged(pu, pw) {
		t.Error("never pushed: must push")
	}
	pu.Status.PasswordHash = pw.hash
	if passwordChanged(pu, pw) {
		t.Error("already pushed: must not push again")
	}
}
