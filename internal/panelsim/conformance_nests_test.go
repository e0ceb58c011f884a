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

package panelsim_test

import (
	"net/http"
	"strings"
	"testing"
)

// panel-api.md §4 Nests and eggs.

func TestNestsList(t *testing.T) {
	e := newEnv(t)
	r := e.get("/nests")
	wantStatus(t, r, http.StatusOK)
	if num(r.at("meta.pagination.total")) != 4 || r.at("data.0.object") != "nest" || r.at("data.0.attributes.name") != "Minecraft" {
		t.Errorf("nests: %s", r.raw[:min(len(r.raw), 300)])
	}
	for _, k := range []string{"id", "uuid", "author", "name", "description", "created_at", "updated_at"} {
		if !has(r.at("data.0"), "attributes."+k) {
			t.Errorf("nest attribute %s missing", k)
		}
	}
	r = e.get("/nests/1?include=eggs")
	eggs, _ := r.at("attributes.relationships.eggs.data").([]any)
	if len(eggs) != 5 || at(eggs[4], "attributes.name") != "Paper" || at(eggs[4], "object") != "egg" {
		t.Errorf("nest 1 eggs include: %d eggs", len(eggs))
	}
	wantStatus(t, e.get("/nests/9"), http.StatusNotFound)
}

func TestNestsEggs(t *testing.T) {
	e := newEnv(t)
	r := e.get("/nests/1/eggs")
	wantStatus(t, r, http.StatusOK)
	if l, _ := r.at("data").([]any); len(l) != 5 || has(r.body, "meta") {
		t.Errorf("eggs of nest 1: %d, meta %v", len(l), has(r.body, "meta"))
	}

	r = e.get("/nests/1/eggs/5?include=variables,nest,config,script")
	wantStatus(t, r, http.StatusOK)
	a := r.at("attributes")
	if at(a, "name") != "Paper" || at(a, "nest") != float64(minecraftNest) || at(a, "docker_image") != paperImage {
		t.Errorf("Paper: %v", a)
	}
	images, ok := at(a, "docker_images").(map[string]any)
	if !ok || images["Java 21"] != paperImage || images["Java 17"] != "ghcr.io/pterodactyl/yolks:java_17" {
		t.Errorf("docker_images %#v, want an object label → image", at(a, "docker_images"))
	}
	if raw := string(r.raw); !strings.Contains(raw, `"docker_images":{"Java 21":`) {
		t.Error("docker_images does not keep the egg's order")
	}
	if _, ok := at(a, "config.files").(map[string]any); !ok || at(a, "config.extends") != nil || at(a, "config.stop") != "stop" {
		t.Errorf("config %v", at(a, "config"))
	}
	if l, ok := at(a, "config.file_denylist").([]any); !ok || len(l) != 0 {
		t.Errorf("file_denylist %v, want []", at(a, "config.file_denylist"))
	}
	if at(a, "script.entry") != "ash" || !has(a, "script.privileged") || !has(a, "script.extends") {
		t.Errorf("script %v", at(a, "script"))
	}
	vars, _ := at(a, "relationships.variables.data").([]any)
	if len(vars) != 4 {
		t.Fatalf("variables include: %v", at(a, "relationships.variables"))
	}
	jar := vars[1]
	if at(jar, "object") != "egg_variable" || at(jar, "attributes.env_variable") != "SERVER_JARFILE" ||
		at(jar, "attributes.rules") != `required|regex:/^([\w\d._-]+)(\.jar)$/` || at(jar, "attributes.default_value") != "server.jar" ||
		at(jar, "attributes.egg_id") != float64(paperEggID) {
		t.Errorf("SERVER_JARFILE variable %v", jar)
	}
	if at(a, "relationships.nest.attributes.name") != "Minecraft" {
		t.Errorf("nest include %v", at(a, "relationships.nest"))
	}
	for _, name := range []string{"config", "script"} {
		if at(a, "relationships."+name+".object") != "null_resource" {
			t.Errorf("%s include of an egg that extends none: %v", name, at(a, "relationships."+name))
		}
	}

	// An egg of another nest is not found through this one.
	wantError(t, e.get("/nests/2/eggs/5"), http.StatusNotFound, "NotFoundHttpException",
		"The requested resource could not be found on the server.")
}

// EggTransformer serves config.logs as json_decode($logs, true): the seeded "{}" becomes an
// empty PHP array, which the panel writes as [] (only config.files is forced to an object).
func TestNestsEggConfigLogs(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/nests/1/eggs", "/nests/1/eggs/5", "/nests/1?include=eggs"} {
		r := e.get(path)
		wantStatus(t, r, http.StatusOK)
		if raw := string(r.raw); !strings.Contains(raw, `"logs":[]`) || strings.Contains(raw, `"logs":{}`) {
			t.Errorf("%s: config.logs is not [] in %s", path, r.raw[:min(len(r.raw), 300)])
		}
		if strings.Contains(string(r.raw), `"files":[]`) {
			t.Errorf("%s: config.files of an egg with none is {} on the panel, not []", path)
		}
	}
	// A non-empty logs block keeps its keys (Teamspeak, egg 12 of nest 3).
	r := e.get("/nests/3/eggs/12")
	wantStatus(t, r, http.StatusOK)
	if !strings.Contains(string(r.raw), `"logs":{"custom":true,"location":"logs/ts3.log"}`) {
		t.Errorf("Teamspeak config.logs %v, want its object", r.at("attributes.config.logs"))
	}
}
