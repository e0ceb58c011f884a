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

package panels

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

const testKey = "ptla_flavorflavorflavorflavorflavorflavorflavor1"

// withoutDockerImages answers as a 1.0 or 1.1 panel would: 1.x in every way, but with eggs that
// have docker_image only (EggTransformer before v1.2.0).
func withoutDockerImages(sim http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		sim.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(bytes.ReplaceAll(rec.Body.Bytes(), []byte(`"docker_images":`), []byte(`"docker_images_of_1.2":`)))
	})
}

func clientOf(t *testing.T, h http.Handler) *panel.Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := panel.NewClient(srv.URL, testKey, panel.WithRequestsPerMinute(0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A panel of 1.0 or 1.1 sends eggs like 0.7's, and is still driven: it has the client /account.
func TestIdentifyOneDotZeroIsNotTakenFor07(t *testing.T) {
	c := clientOf(t, withoutDockerImages(panelsim.New(panelsim.Options{ApplicationKey: testKey})))
	api, err := identify(context.Background(), c, "https://panel")
	if err != nil || api.unsupported != "" || api.version != ptero.APIVersion1x {
		t.Fatalf("identify = %+v, %v: want 1.x", api, err)
	}
}

// A 0.7 panel without eggs is told by the missing /account alone.
func TestIdentify07WithoutEggs(t *testing.T) {
	seed := panelsim.DefaultSeed()
	seed.Nests = nil
	c := clientOf(t, panelsim.New(panelsim.Options{ApplicationKey: testKey, Flavor: panelsim.FlavorPterodactyl07, Seed: seed}))
	api, err := identify(context.Background(), c, "https://panel")
	if err != nil || api.version != ptero.APIVersion07 || !strings.Contains(api.unsupported, "it has no /api/client/account") ||
		strings.Contains(api.unsupported, "eggs") {
		t.Fatalf("identify = %+v, %v", api, err)
	}
}

// The key check's 404 in each old envelope, and 404s that are neither (a 1.x route 404, a URL that
// is not a panel's root), which stay with the ordinary classification.
func TestOlderThan07(t *testing.T) {
	for _, tc := range []struct {
		body, want string
	}{
		{`{"error":"","http_code":404,"trace":null}`, "0.6's {error, http_code}"},
		{`{"message":"404 Not Found","status_code":404}`, "0.5's {message, status_code}"},
		{`{"errors":[{"code":"NotFoundHttpException","status":"404","detail":"x"}]}`, ""},
		{`<html>not found</html>`, ""},
	} {
		c := clientOf(t, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = w.Write([]byte(tc.body))
		}))
		api, older := olderThan07(checkKeys(context.Background(), c), "https://panel")
		switch {
		case tc.want == "" && older:
			t.Errorf("%s: taken for 0.5/0.6: %+v", tc.body, api)
		case tc.want != "" && (!older || !strings.Contains(api.unsupported, tc.want) || api.version != ptero.APIVersion05To06):
			t.Errorf("%s: %+v, %t", tc.body, api, older)
		}
	}
}
