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
	"encoding/json"
	"reflect"
	"testing"
)

func TestNullResourceIncludesAreReportedAsDenied(t *testing.T) {
	doc := `{"object":"server","attributes":{"id":1,"container":{"installed":true,"environment":{}},"relationships":{
		"allocations":{"object":"null_resource","attributes":null},
		"user":{"object":"null_resource","attributes":null},
		"node":{"object":"node","attributes":` + nodeAttrs + `}}}}`
	var s Server
	decodeInto(t, doc, &s)
	r := s.Relationships
	if r.Allocations != nil || r.User != nil || r.Node == nil {
		t.Fatalf("relationships = %+v", r)
	}
	if !reflect.DeepEqual(r.Denied, []string{"allocations", "user"}) {
		t.Fatalf("denied = %v", r.Denied)
	}
	if !bool(s.Container.Installed) {
		t.Fatal("installed=true (0.7 form) not decoded")
	}
}

func TestEmptyRelationshipsAsArray(t *testing.T) {
	var s Server
	decodeInto(t, `{"object":"server","attributes":{"id":1,"relationships":[]}}`, &s)
	if s.ID != 1 {
		t.Fatal("not decoded")
	}
}

func TestDockerImagesMapOrList(t *testing.T) {
	var m DockerImages
	if err := json.Unmarshal([]byte(`{"Java 17":"img17","Java 8":"img8"}`), &m); err != nil || m["Java 8"] != "img8" {
		t.Fatalf("map form: %v %v", m, err)
	}
	if err := json.Unmarshal([]byte(`["a","b"]`), &m); err != nil || !reflect.DeepEqual(m, DockerImages{"a": "a", "b": "b"}) {
		t.Fatalf("list form: %v %v", m, err)
	}
	if err := json.Unmarshal([]byte(`[]`), &m); err != nil || len(m) != 0 {
		t.Fatalf("empty list: %v %v", m, err)
	}
	if err := json.Unmarshal([]byte(`3`), &m); err == nil {
		t.Fatal("a number was accepted")
	}
}

func TestIntBool(t *testing.T) {
	for in, want := range map[string]bool{`0`: false, `1`: true, `true`: true, `false`: false, `"1"`: true, `"0"`: false, `null`: false} {
		var b IntBool
		if err := json.Unmarshal([]byte(in), &b); err != nil || bool(b) != want {
			t.Errorf("%s: got %v, %v", in, b, err)
		}
	}
	var b IntBool
	if err := json.Unmarshal([]byte(`"yes"`), &b); err == nil {
		t.Error(`"yes" accepted`)
	}
	if out, _ := json.Marshal(IntBool(true)); string(out) != "1" {
		t.Errorf("marshal = %s", out)
	}
}

func TestServerStatusHelpers(t *testing.T) {
	s := Server{Status: ptr(StatusReinstallFailed)}
	if !s.InstallFailed() || s.IsInstalling() || s.IsSuspended() || s.StatusString() != "reinstall_failed" {
		t.Fatalf("helpers wrong for %v", s.StatusString())
	}
	s = Server{Suspended: true}
	if !s.IsSuspended() || s.StatusString() != "" {
		t.Fatal("deprecated suspended flag ignored")
	}
}

func TestBuildRequestSendsThreadsTopLevel(t *testing.T) {
	out, err := json.Marshal(ServerBuildRequest{Allocation: 1, Limits: CreateLimits{Threads: ptr("0")}.BuildLimits, Threads: ptr("1-2")})
	if err != nil {
		t.Fatal(err)
	}
	jsonEqual(t, out, `{"allocation":1,"threads":"1-2","limits":{"memory":0,"swap":0,"disk":0,"io":0,"cpu":0},"feature_limits":{"databases":null,"allocations":null,"backups":null}}`)
}
