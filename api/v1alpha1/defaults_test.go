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
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// A user who writes only the required fields gets the documented defaults, filled
// in by the API server so that `kubectl get -o yaml` shows what the operator will do.
var _ = Describe("defaults", func() {
	var ns string
	BeforeEach(func() { ns = createNamespace() })

	It("fill a minimal Panel", func() {
		p := &v1.Panel{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "defaults-"},
			Spec: v1.PanelSpec{
				URL:                  "https://panel.example.com",
				CredentialsSecretRef: v1.SecretReference{Namespace: "pterodactyl-system", Name: "panel-credentials"},
			},
		}
		Expect(k8sClient.Create(ctx, p)).To(Succeed())
		Expect(p.Spec.RequestsPerMinute).To(BeEquivalentTo(200))
		Expect(p.Spec.SyncInterval.Duration.String()).To(Equal("5m0s"))
		// The CRD's defaults and the Go defaults used for Panels built without the API server agree.
		Expect(p.Spec.SyncInterval.Duration).To(Equal(v1.DefaultSyncInterval))
		Expect(int(p.Spec.RequestsPerMinute)).To(Equal(panel.DefaultRequestsPerMinute))
		Expect(p.Spec.RequestTimeout.Duration).To(Equal(panel.DefaultRequestTimeout))
		Expect(p.Spec.ListPageSize).To(BeEquivalentTo(v1.DefaultListPageSize))
		Expect(p.Spec.InsecureSkipTLSVerify).To(BeFalse())
	})

	It("fill a minimal PanelLocation with the shared panelRef and deletionPolicy", func() {
		l := &v1.PanelLocation{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "defaults-"},
			Spec:       v1.PanelLocationSpec{Short: "eu-west"},
		}
		Expect(k8sClient.Create(ctx, l)).To(Succeed())
		Expect(l.Spec.PanelRef.Name).To(Equal("default"))
		Expect(l.Spec.DeletionPolicy).To(Equal(v1.DeletionPolicyDelete))
	})

	It("fill a minimal PanelNode the way the panel would", func() {
		n := &v1.PanelNode{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "defaults-"},
			Spec: v1.PanelNodeSpec{
				LocationID: ptr.To[int64](1),
				FQDN:       "wings.example.com",
				Memory:     1024,
				Disk:       2048,
			},
		}
		Expect(k8sClient.Create(ctx, n)).To(Succeed())
		Expect(n.Spec.Scheme).To(Equal("https"))
		Expect(n.Spec.Public).To(Equal(ptr.To(true)))
		Expect(n.Spec.BehindProxy).To(BeFalse())
		Expect(n.Spec.MaintenanceMode).To(BeFalse())
		Expect(n.Spec.UploadSize).To(BeEquivalentTo(100))
		Expect(n.Spec.DaemonListen).To(BeEquivalentTo(8080))
		Expect(n.Spec.DaemonSFTP).To(BeEquivalentTo(2022))
		Expect(n.Spec.DaemonBase).To(Equal("/var/lib/pterodactyl/volumes"))
		Expect(n.Spec.MemoryOverallocate).To(BeZero())
		Expect(n.Spec.PruneAllocations).To(BeFalse())
		Expect(n.Spec.DeletionPolicy).To(Equal(v1.DeletionPolicyDelete))
	})

	It("fill a minimal PanelUser", func() {
		u := &v1.PanelUser{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "defaults-", Namespace: ns},
			Spec: v1.PanelUserSpec{
				Username: "bob", Email: "bob@example.com", FirstName: "Bob", LastName: "Builder",
				PasswordSecretRef: &v1.LocalSecretKeyReference{Name: "bob-password"},
			},
		}
		Expect(k8sClient.Create(ctx, u)).To(Succeed())
		Expect(u.Spec.Language).To(Equal("en"))
		Expect(u.Spec.RootAdmin).To(BeFalse())
		Expect(u.Spec.PasswordSecretRef.Key).To(Equal("password"))
		Expect(u.Spec.PanelRef.Name).To(Equal("default"))
	})

	It("fill a minimal GameServer with the panel's create defaults", func() {
		s := &v1.GameServer{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "defaults-", Namespace: ns},
			Spec: v1.GameServerSpec{
				GameServerTemplateSpec: v1.GameServerTemplateSpec{
					Owner:  v1.ServerOwner{ID: ptr.To[int64](1)},
					Egg:    v1.EggSelector{Nest: "Minecraft", Name: "Vanilla Minecraft"},
					Limits: v1.ServerLimits{Memory: 1024, Disk: 4096},
				},
				Allocation: &v1.ServerAllocation{NodeID: ptr.To[int64](1), Port: 25565},
			},
		}
		Expect(k8sClient.Create(ctx, s)).To(Succeed())
		Expect(s.Spec.Limits.IO).To(BeEquivalentTo(500))
		Expect(s.Spec.Limits.Swap).To(BeZero())
		Expect(s.Spec.Limits.CPU).To(BeZero())
		Expect(s.Spec.Limits.OOMDisabled).To(Equal(ptr.To(true)), "the panel's oom_disabled defaults to true")
		Expect(s.Spec.FeatureLimits).To(Equal(v1.FeatureLimits{}))
		Expect(s.Spec.StartOnCompletion).To(Equal(ptr.To(true)))
		Expect(s.Spec.SkipScripts).To(BeFalse())
		Expect(s.Spec.Suspended).To(BeFalse())
		Expect(s.Spec.ForceDelete).To(BeFalse())
		Expect(s.Spec.DeletionPolicy).To(Equal(v1.DeletionPolicyDelete))
	})

	It("fill a minimal ServerDatabase", func() {
		d := &v1.ServerDatabase{
			ObjectMeta: metav1.ObjectMeta{GenerateName: "defaults-", Namespace: ns},
			Spec: v1.ServerDatabaseSpec{
				ServerRef: v1.LocalObjectReference{Name: "survival"},
				Database:  "stats",
			},
		}
		Expect(k8sClient.Create(ctx, d)).To(Succeed())
		Expect(d.Spec.Remote).To(Equal("%"))
		Expect(d.Spec.HostID).To(BeEquivalentTo(1))
	})
})
