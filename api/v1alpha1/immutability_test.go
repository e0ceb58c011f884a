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

package v1alpha1_test

import (
	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"

	v1 "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// The panel has no way to move a server to another node through the build or
// details calls, nor to redo a deploy, nor to change a database: those fields are
// refused once the object exists in the panel.
var _ = Describe("immutable fields", func() {
	var ns string
	BeforeEach(func() { ns = createNamespace() })

	newServer := func(placement func(*v1.GameServerSpec)) *v1.GameServer {
		s := &v1.GameServer{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "immutable-", Namespace: ns},
			Spec: v1.GameServerSpec{
				GameServerTemplateSpec: v1.GameServerTemplateSpec{
					Owner:  v1.ServerOwner{UserRef: &v1.LocalObjectReference{Name: "alice"}},
					Egg:    v1.EggSelector{ID: ptr.To[int64](5)},
					Limits: v1.ServerLimits{Memory: 1024, Disk: 4096},
				},
			},
		}
		placement(&s.Spec)
		Expect(k8sClient.Create(ctx, s)).To(Succeed())
		return s
	}
	onNode := func(node string) func(*v1.GameServerSpec) {
		return func(spec *v1.GameServerSpec) {
			spec.Allocation = &v1.ServerAllocation{NodeRef: &v1.LocalObjectReference{Name: node}, Port: 25565}
		}
	}
	deployed := func(spec *v1.GameServerSpec) {
		spec.Deploy = &v1.ServerDeploy{LocationIDs: []int64{1}, PortRange: []v1.PortSpec{"25565-25600"}}
	}
	// markCreated records a panel id in status, as the controller does after creating the server.
	markCreated := func(s *v1.GameServer) {
		s.Status.ID = 7
		Expect(k8sClient.Status().Update(ctx, s)).To(Succeed())
	}

	It("lets the node of a server change while the server is not yet in the panel", func() {
		s := newServer(onNode("wings-1"))
		s.Spec.Allocation.NodeRef.Name = "wings-2"
		Expect(k8sClient.Update(ctx, s)).To(Succeed())
	})

	It("refuses to change the node of a created server, by name or by id", func() {
		s := newServer(onNode("wings-1"))
		markCreated(s)

		s.Spec.Allocation.NodeRef.Name = "wings-2"
		expectInvalid(k8sClient.Update(ctx, s), "spec.allocation", "the node of a server cannot change")

		s.Spec.Allocation.NodeRef = nil
		s.Spec.Allocation.NodeID = ptr.To[int64](2)
		expectInvalid(k8sClient.Update(ctx, s), "spec.allocation", "the node of a server cannot change")
	})

	It("still lets a created server change its port and additional ports", func() {
		s := newServer(onNode("wings-1"))
		markCreated(s)
		s.Spec.Allocation.Port = 25570
		s.Spec.Allocation.AdditionalPorts = []int32{25571}
		Expect(k8sClient.Update(ctx, s)).To(Succeed())
	})

	It("refuses to change deploy, or switch placement mode, once the server exists", func() {
		s := newServer(deployed)
		markCreated(s)

		s.Spec.Deploy.PortRange = []v1.PortSpec{"27015"}
		expectInvalid(k8sClient.Update(ctx, s), "spec.deploy", "deploy cannot change")

		s.Spec.Deploy = nil
		onNode("wings-1")(&s.Spec)
		expectInvalid(k8sClient.Update(ctx, s), "spec.deploy", "deploy cannot change")
	})

	It("refuses any change to a ServerDatabase's identity", func() {
		d := &v1.ServerDatabase{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "immutable-", Namespace: ns},
			Spec:       v1.ServerDatabaseSpec{ServerRef: v1.LocalObjectReference{Name: "survival"}, Database: "stats"},
		}
		Expect(k8sClient.Create(ctx, d)).To(Succeed())

		for field, change := range map[string]func(*v1.ServerDatabaseSpec){
			"spec.database":  func(s *v1.ServerDatabaseSpec) { s.Database = "other" },
			"spec.serverRef": func(s *v1.ServerDatabaseSpec) { s.ServerRef.Name = "creative" },
			"spec.remote":    func(s *v1.ServerDatabaseSpec) { s.Remote = "10.0.0.%" },
			"spec.hostId":    func(s *v1.ServerDatabaseSpec) { s.HostID = 2 },
		} {
			changed := d.DeepCopy()
			change(&changed.Spec)
			expectInvalid(k8sClient.Update(ctx, changed), field, "immutable")
		}
	})
})
