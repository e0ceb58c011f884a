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

package gameservers

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

func server(name, panelName string, state ptero.GameServerState, power ptero.ServerPower, ready metav1.ConditionStatus) *ptero.GameServer {
	gs := &ptero.GameServer{ObjectMeta: metav1.ObjectMeta{Namespace: "games", Name: name}}
	gs.Spec.PanelRef.Name = panelName
	gs.Status.State, gs.Status.Power = state, power
	if ready != "" {
		gs.Status.Conditions = []metav1.Condition{{Type: ptero.ConditionReady, Status: ready, Reason: "Test", LastTransitionTime: metav1.Now()}}
	}
	return gs
}

func TestServersCollectorCountsByPanelStatePowerAndReady(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	objs := []client.Object{
		server("survival", "", ptero.GameServerStateInstalled, ptero.ServerPowerRunning, metav1.ConditionTrue),
		server("creative", "default", ptero.GameServerStateInstalled, ptero.ServerPowerRunning, metav1.ConditionTrue),
		server("lobby", "default", ptero.GameServerStateInstalling, "", metav1.ConditionFalse),
		server("broken", "eu", ptero.GameServerStateInstallFailed, "", metav1.ConditionFalse),
		server("new", "eu", "", "", ""),
	}
	c := fake.NewClientBuilder().WithScheme(scheme).WithObjects(objs...).Build()

	want := `
# HELP pterodactyl_gameservers GameServers by Panel, status.state, status.power and Ready condition status, from the manager's cache.
# TYPE pterodactyl_gameservers gauge
pterodactyl_gameservers{panel="default",power="Unknown",ready="False",state="Installing"} 1
pterodactyl_gameservers{panel="default",power="running",ready="True",state="Installed"} 2
pterodactyl_gameservers{panel="eu",power="Unknown",ready="False",state="InstallFailed"} 1
pterodactyl_gameservers{panel="eu",power="Unknown",ready="Unknown",state="Unknown"} 1
`
	if err := testutil.CollectAndCompare(ServersCollector(c), strings.NewReader(want)); err != nil {
		t.Fatal(err)
	}
}

func TestServersCollectorExportsNothingWithoutACache(t *testing.T) {
	// A client that knows no GameServer type fails every List, as a cache not started yet does.
	c := fake.NewClientBuilder().WithScheme(runtime.NewScheme()).Build()
	if n := testutil.CollectAndCount(ServersCollector(c)); n != 0 {
		t.Fatalf("%d series from a failing cache, want none", n)
	}
}
