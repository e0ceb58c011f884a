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

package nodes

import (
	"bytes"
	"strings"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

func node(mutate ...func(*ptero.PanelNode)) *ptero.PanelNode {
	pn := &ptero.PanelNode{
		ObjectMeta: metav1.ObjectMeta{Name: "wings-1"},
		Spec:       ptero.PanelNodeSpec{FQDN: "wings-1.example.com", Memory: 16384, Disk: 102400},
	}
	for _, m := range mutate {
		m(pn)
	}
	return pn
}

// panelNode is what the panel holds after creating desiredNode(node(), 3).
func panelNode() *panel.Node {
	return &panel.Node{ID: 1, Name: "wings-1", Description: "kept", LocationID: 3, FQDN: "wings-1.example.com",
		Scheme: "https", Public: true, Memory: 16384, Disk: 102400, UploadSize: 100, DaemonListen: 8080,
		DaemonSFTP: 2022, DaemonBase: "/var/lib/pterodactyl/volumes"}
}

func TestDesiredNodeAppliesTheAPIDefaults(t *testing.T) {
	want := desiredNode(node(), 3)
	if want.Name != "wings-1" || want.Scheme != "https" || want.Public == nil || !*want.Public ||
		want.UploadSize != 100 || want.DaemonListen != 8080 || want.DaemonSFTP != 2022 ||
		want.DaemonBase != "/var/lib/pterodactyl/volumes" || want.LocationID != 3 {
		t.Fatalf("desiredNode = %+v", want)
	}
	if !nodeUpToDate(want, panelNode()) {
		t.Fatal("a node created from the spec must be up to date")
	}
	named := desiredNode(node(func(pn *ptero.PanelNode) { pn.Spec.Name = "Wings One" }), 3)
	if named.Name != "Wings One" {
		t.Fatalf("spec.name must win over metadata.name, got %q", named.Name)
	}
}

func TestNodeUpToDateSeesEveryField(t *testing.T) {
	for name, drift := range map[string]func(*panel.Node){
		"name":               func(n *panel.Node) { n.Name = "other" },
		"location":           func(n *panel.Node) { n.LocationID = 4 },
		"fqdn":               func(n *panel.Node) { n.FQDN = "other.example.com" },
		"scheme":             func(n *panel.Node) { n.Scheme = "http" },
		"behindProxy":        func(n *panel.Node) { n.BehindProxy = true },
		"maintenanceMode":    func(n *panel.Node) { n.MaintenanceMode = true },
		"public":             func(n *panel.Node) { n.Public = false },
		"memory":             func(n *panel.Node) { n.Memory = 1 },
		"memoryOverallocate": func(n *panel.Node) { n.MemoryOverallocate = -1 },
		"disk":               func(n *panel.Node) { n.Disk = 1 },
		"diskOverallocate":   func(n *panel.Node) { n.DiskOverallocate = 10 },
		"uploadSize":         func(n *panel.Node) { n.UploadSize = 1024 },
		"daemonListen":       func(n *panel.Node) { n.DaemonListen = 8443 },
		"daemonSftp":         func(n *panel.Node) { n.DaemonSFTP = 2222 },
		"daemonBase":         func(n *panel.Node) { n.DaemonBase = "/srv" },
	} {
		n := panelNode()
		drift(n)
		if nodeUpToDate(desiredNode(node(), 3), n) {
			t.Errorf("a drifted %s was not noticed", name)
		}
	}
}

func TestUpdateRequestIsCompleteAndKeepsWhatTheSpecDoesNotOwn(t *testing.T) {
	pn := node(func(pn *ptero.PanelNode) {
		pn.Spec.Public = ptr.To(false)
		pn.Spec.Memory = 2048
		pn.Spec.DaemonBase = "/srv/wings"
	})
	current := panelNode()
	current.DaemonBase = "/var/lib/pterodactyl/volumes"
	req := updateRequest(current, desiredNode(pn, 3))
	if req.Description != "kept" {
		t.Errorf("description = %q; the PATCH must keep it", req.Description)
	}
	if req.Memory != 2048 || req.Public == nil || *req.Public || req.DaemonBase != "/srv/wings" || req.FQDN != pn.Spec.FQDN ||
		req.LocationID != 3 || req.DaemonListen != 8080 || req.UploadSize != 100 {
		t.Errorf("updateRequest = %+v", req)
	}
}

func TestByNameAndFQDNIsExact(t *testing.T) {
	all := []panel.Node{
		{ID: 1, Name: "wings-10", FQDN: "wings-1.example.com"},
		{ID: 2, Name: "wings-1", FQDN: "wings-1.example.com.other"},
		{ID: 3, Name: "wings-1", FQDN: "wings-1.example.com"},
	}
	if got := byNameAndFQDN(all, "wings-1", "wings-1.example.com"); got == nil || got.ID != 3 {
		t.Fatalf("byNameAndFQDN = %+v, want node 3", got)
	}
	if got := byNameAndFQDN(all[:2], "wings-1", "wings-1.example.com"); got != nil {
		t.Fatalf("partial matches must not count, got %+v", got)
	}
}

func TestWingsConfigYAML(t *testing.T) {
	cfg := &panel.NodeConfiguration{UUID: "u-1", TokenID: "tid", Token: "secret-token", Remote: "https://panel.example.com"}
	cfg.API.Port = 8080
	cfg.System.SFTP.BindPort = 2022
	out, err := wingsConfigYAML(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"uuid: u-1", "token_id: tid", "token: secret-token", "remote: https://panel.example.com", "port: 8080", "bind_port: 2022"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("config.yml lacks %q:\n%s", want, out)
		}
	}
	again, _ := wingsConfigYAML(cfg)
	if !bytes.Equal(again, out) {
		t.Error("rendering must be deterministic, or the Secret would be rewritten every sync")
	}
}
