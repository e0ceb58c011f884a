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

package gameserversets_test

import (
	"context"
	"testing"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

var (
	env *controllertest.Env
	ctx context.Context
	// player reaches the simulator's client API as a panel user would, to stop a server
	// behind the operator's back.
	player *panel.Client
)

// ns holds the suite's sets, their replicas and the owner.
const ns = "fleet"

// timeout covers a handful of replicas created, installed (2s) and Ready.
const timeout = 60 * time.Second

func TestGameServerSets(t *testing.T) {
	RegisterFailHandler(Fail)
	RunSpecs(t, "GameServerSet controller")
}

var _ = BeforeSuite(func() {
	ctx, env = controllertest.StartSuite(controllertest.Options{Sim: panelsim.Options{InstallDelay: 2 * time.Second}, ClientKey: true}, ns)
	var err error
	player, err = panel.NewClient(env.SimURL, controllertest.ApplicationKey, panel.WithClientKey(controllertest.ClientKey))
	Expect(err).NotTo(HaveOccurred())

	location := &ptero.PanelLocation{ObjectMeta: metav1.ObjectMeta{Name: "fleet"}, Spec: ptero.PanelLocationSpec{Short: "fleet"}}
	env.Create(location)
	env.ExpectReady(location, timeout)
	for _, n := range []*ptero.PanelNode{newNode("wings-a", "10.3.0.1", "eu"), newNode("wings-b", "10.3.0.2", "eu"), newNode("wings-us", "10.3.1.1", "us")} {
		env.Create(n)
		env.ExpectReady(n, timeout)
	}
	owner := &ptero.PanelUser{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "alice"},
		Spec: ptero.PanelUserSpec{Username: "alice", Email: "alice@example.com", FirstName: "Alice", LastName: "Fleet"}}
	env.Create(owner)
	env.ExpectReady(owner, timeout)
})

// nodePorts is how many ports each node offers: 26000-26009 on its one IP.
const nodePorts = 10

// newNode is a PanelNode labelled region, with nodePorts ports on ip.
func newNode(name, ip, region string) *ptero.PanelNode {
	return &ptero.PanelNode{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"region": region}},
		Spec: ptero.PanelNodeSpec{
			LocationRef: &ptero.LocalObjectReference{Name: "fleet"},
			FQDN:        name + ".example.com",
			Memory:      65536,
			Disk:        1048576,
			Allocations: []ptero.NodeAllocation{{IP: ip, Ports: []ptero.PortSpec{"26000-26009"}}},
		},
	}
}
