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

package databases

import (
	"strings"
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func TestPanelName(t *testing.T) {
	if got := panelName(7, "plugins"); got != "s7_plugins" {
		t.Errorf("got %s", got)
	}
	long := strings.Repeat("a", 48)
	if got := panelName(123, long); len(got) != 48 || !strings.HasPrefix(got, "s123_aaa") {
		t.Errorf("the panel cuts names to 48 characters: got %s (%d)", got, len(got))
	}
}

func TestConnectionData(t *testing.T) {
	db := &panel.ServerDatabase{ID: 1, Database: "s7_plugins", Username: "u7_abc",
		Relationships: panel.DatabaseRelationships{
			Password: &panel.DatabasePassword{Password: "p@ss/w:rd"},
			Host:     &panel.DatabaseHost{Host: "db.example.com", Port: 3306},
		}}
	data, ok := connectionData(db)
	if !ok {
		t.Fatal("not ok")
	}
	want := map[string]string{
		KeyHost: "db.example.com", KeyPort: "3306", KeyDatabase: "s7_plugins", KeyUsername: "u7_abc", KeyPassword: "p@ss/w:rd",
		KeyURI: "mysql://u7_abc:p%40ss%2Fw%3Ard@db.example.com:3306/s7_plugins",
	}
	if len(data) != len(want) {
		t.Fatalf("keys %v", data)
	}
	for k, v := range want {
		if string(data[k]) != v {
			t.Errorf("%s = %q, want %q", k, data[k], v)
		}
	}
	db.Relationships.Host = nil
	if _, ok := connectionData(db); ok {
		t.Error("without the host include there is no Secret to write")
	}
}

func TestDefaults(t *testing.T) {
	sdb := &ptero.ServerDatabase{}
	sdb.Name = "survival-plugins"
	if secretName(sdb) != "survival-plugins-db" || remote(sdb) != "%" || hostID(sdb) != 1 {
		t.Errorf("defaults: %s %s %d", secretName(sdb), remote(sdb), hostID(sdb))
	}
	sdb.Spec.ConnectionSecretName = "custom"
	if secretName(sdb) != "custom" {
		t.Error("connectionSecretName ignored")
	}
	sdb.Annotations = map[string]string{ptero.AnnotationRotatePassword: "1"}
	if !rotationRequested(sdb) {
		t.Error("a new token asks for a rotation")
	}
	sdb.Status.LastRotationToken = "1"
	if rotationRequested(sdb) {
		t.Error("a served token does not")
	}
}
