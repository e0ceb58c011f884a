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
	"reflect"
	"testing"
)

func TestBuildRequestFromKeepsEverything(t *testing.T) {
	var s Server
	decodeInto(t, serverJSON(42), &s)
	req := BuildRequestFrom(&s)
	want := ServerBuildRequest{
		Allocation: 11, OOMDisabled: ptr(true), Threads: ptr("0-3"),
		Limits:        BuildLimits{Memory: 4096, Disk: 20480, IO: 500, CPU: 200},
		FeatureLimits: FeatureLimits{Databases: ptr(2), Allocations: ptr(3)},
	}
	if !reflect.DeepEqual(req, want) {
		t.Fatalf("got %+v\nwant %+v", req, want)
	}
	// The request owns its pointers: changing it leaves the server alone.
	*req.FeatureLimits.Databases = 9
	if *s.FeatureLimits.Databases != 2 {
		t.Fatal("request aliases the server's feature limits")
	}
	s.Limits.Threads = nil
	if BuildRequestFrom(&s).Threads != nil {
		t.Fatal("null threads should stay unsent (unchanged)")
	}
}

func TestStartupRequestFromSendsTheWholeEnvironment(t *testing.T) {
	var s Server
	decodeInto(t, serverJSON(42), &s)
	// From the server's variables include: server values win, null falls back to the container
	// environment (which holds the default).
	req := StartupRequestFrom(&s, nil)
	want := map[string]string{"SERVER_JARFILE": "paper.jar", "BUILD_NUMBER": "latest"}
	if !reflect.DeepEqual(req.Environment, want) || req.Egg != 5 || req.Image != s.Container.Image || req.Startup != s.Container.StartupCommand {
		t.Fatalf("got %+v", req)
	}
	// With the egg's variables: a variable the server lacks gets its default.
	vars := []EggVariable{{EnvVariable: "SERVER_JARFILE", DefaultValue: "server.jar"}, {EnvVariable: "NEW_VAR", DefaultValue: "dflt"}}
	req = StartupRequestFrom(&s, vars)
	if !reflect.DeepEqual(req.Environment, map[string]string{"SERVER_JARFILE": "paper.jar", "NEW_VAR": "dflt"}) {
		t.Fatalf("with egg variables: %v", req.Environment)
	}
	// Without any variables: the container environment minus what the panel adds.
	s.Relationships.Variables = nil
	req = StartupRequestFrom(&s, nil)
	if !reflect.DeepEqual(req.Environment, want) {
		t.Fatalf("from the container: %v", req.Environment)
	}
}

func TestDetailsNodeUserLocationFrom(t *testing.T) {
	var s Server
	decodeInto(t, serverJSON(42), &s)
	if got := DetailsRequestFrom(&s); got != (ServerDetailsRequest{Name: "Survival 42", User: 7, ExternalID: "game-42", Description: "Main world"}) {
		t.Fatalf("details %+v", got)
	}
	var u User
	decodeInto(t, userJSON, &u)
	ur := UserUpdateRequestFrom(&u)
	if ur.Email != u.Email || ur.Username != "alice" || ur.FirstName != "Alice" || ur.LastName != "Liddell" || *ur.ExternalID != "team-a" || *ur.RootAdmin || ur.Password != nil || ur.Language != "en" {
		t.Fatalf("user %+v", ur)
	}
	var l Location
	decodeInto(t, locationJSON, &l)
	if LocationRequestFrom(&l) != (LocationRequest{Short: "eu-west", Long: "Amsterdam"}) {
		t.Fatal("location")
	}
	var n Node
	decodeInto(t, nodeJSON, &n)
	nr := NodeRequestFrom(&n)
	if nr.DaemonBase != "/srv/volumes" || nr.UploadSize != 100 || !*nr.Public || nr.DiskOverallocate != -1 || nr.DaemonSFTP != 2022 || nr.ResetSecret {
		t.Fatalf("node %+v", nr)
	}
}

func TestCreateEnvironment(t *testing.T) {
	vars := []EggVariable{{EnvVariable: "A", DefaultValue: "1"}, {EnvVariable: "B", DefaultValue: "2"}}
	got := CreateEnvironment(vars, map[string]string{"B": "x", "C": "y"})
	if !reflect.DeepEqual(got, map[string]string{"A": "1", "B": "x", "C": "y"}) {
		t.Fatalf("got %v", got)
	}
}
