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

package schedules

import (
	"context"
	"errors"
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// A Panel without a clientKey: the schedule waits for a person with ClientKeyRequired, before any
// call to the panel or the API server (the external has neither a Kubernetes client nor a
// reachable panel here).
func TestObserveWithoutClientKey(t *testing.T) {
	c, err := panel.NewClient("http://127.0.0.1:1", "ptla_applicationkeyapplicationkeyapplicationk1")
	if err != nil {
		t.Fatal(err)
	}
	e := &external{conn: &connection.Conn{Client: c}}
	ss := &ptero.ServerSchedule{Spec: ptero.ServerScheduleSpec{ServerRef: ptero.LocalObjectReference{Name: "survival"}, Cron: "0 4 * * *"}}
	_, err = e.Observe(context.Background(), ss)
	var f *managed.FailureError
	if !errors.As(err, &f) || f.Failure.Reason != ptero.ReasonClientKeyRequired || !f.Failure.Stalled {
		t.Fatalf("err = %v", err)
	}
}
