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

package backups_test

import (
	"net/http"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

const (
	backupsRoute = "/api/client/servers/{server}/backups"
	restoreKey   = "POST /api/client/servers/{server}/backups/{backup}/restore 204"
)

// newBackup is a ServerBackup of the suite's server.
func newBackup(name string) *ptero.ServerBackup {
	return &ptero.ServerBackup{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec:       ptero.ServerBackupSpec{ServerRef: ptero.LocalObjectReference{Name: server.Name}},
	}
}

// inPanel are the panel's backups of the suite's server named name.
func inPanel(g Gomega, name string) []panel.Backup {
	all, err := player.ClientAPI.ListAllBackups(ctx, server.Status.Identifier)
	g.Expect(err).NotTo(HaveOccurred())
	var named []panel.Backup
	for _, b := range all {
		if b.Name == name {
			named = append(named, b)
		}
	}
	return named
}

// completed waits until the backup is Ready and Completed.
func completed(sb *ptero.ServerBackup) *ptero.ServerBackup {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		env.Get(g, sb)
		g.Expect(sb.Status.State).To(Equal(ptero.BackupCompleted), "conditions: %+v", sb.Status.Conditions)
		g.Expect(controllertest.IsReady(sb)).To(BeTrue(), "conditions: %+v", sb.Status.Conditions)
	}).WithTimeout(timeout).Should(Succeed())
	return sb
}

// readyReason is the reason of the Ready condition.
func readyReason(g Gomega, sb *ptero.ServerBackup) string {
	env.Get(g, sb)
	if c := controllertest.Condition(sb, ptero.ConditionReady); c != nil {
		return c.Reason
	}
	return ""
}

var _ = Describe("ServerBackup", func() {
	It("is made once, reports InProgress then Completed with its size and checksum, and keeps its lock", func() {
		sb := newBackup("nightly")
		sb.Spec.Locked = true
		sb.Spec.IgnoredFiles = []string{"logs/", "*.tmp"}
		env.Create(sb)
		Eventually(func(g Gomega) ptero.BackupState {
			env.Get(g, sb)
			return sb.Status.State
		}).WithTimeout(timeout).Should(Or(Equal(ptero.BackupInProgress), Equal(ptero.BackupCompleted)))
		completed(sb)
		Expect(sb.Status.UUID).NotTo(BeEmpty())
		Expect(sb.Status.Bytes).To(BeNumerically(">", 0))
		Expect(sb.Status.Checksum).To(HavePrefix("sha1:"))
		Expect(sb.Status.CompletedAt).NotTo(BeNil())
		b := inPanel(Default, "nightly")
		Expect(b).To(HaveLen(1))
		Expect(b[0]).To(And(HaveField("UUID", sb.Status.UUID), HaveField("IsLocked", true), HaveField("IgnoredFiles", ConsistOf("logs/", "*.tmp"))))

		By("the lock undone in the panel is put back")
		_, err := player.ClientAPI.SetBackupLocked(ctx, server.Status.Identifier, sb.Status.UUID, false)
		Expect(err).NotTo(HaveOccurred())
		Eventually(func(g Gomega) bool { return inPanel(g, "nightly")[0].IsLocked }).WithTimeout(timeout).Should(BeTrue())

		By("unlocked through the spec")
		Eventually(func(g Gomega) {
			env.Get(g, sb)
			sb.Spec.Locked = false
			g.Expect(env.Client.Update(ctx, sb)).To(Succeed())
		}).Should(Succeed())
		Eventually(func(g Gomega) bool { return inPanel(g, "nightly")[0].IsLocked }).WithTimeout(timeout).Should(BeFalse())
		Expect(inPanel(Default, "nightly")).To(HaveLen(1))
	})

	It("deletes the backup with its object, locked or not, and leaves it with Orphan", func() {
		locked := newBackup("doomed")
		locked.Spec.Locked = true
		kept := newBackup("kept")
		kept.Spec.DeletionPolicy = ptero.DeletionPolicyOrphan
		env.Create(locked)
		env.Create(kept)
		completed(locked)
		completed(kept)

		Expect(env.Client.Delete(ctx, locked)).To(Succeed())
		Expect(env.Client.Delete(ctx, kept)).To(Succeed())
		Eventually(func(g Gomega) {
			g.Expect(inPanel(g, "doomed")).To(BeEmpty())
			for _, o := range []client.Object{locked, kept} {
				err := env.Client.Get(ctx, client.ObjectKeyFromObject(o), o)
				g.Expect(client.IgnoreNotFound(err)).To(Succeed())
				g.Expect(err).To(HaveOccurred(), "%s still exists", o.GetName())
			}
		}).WithTimeout(timeout).Should(Succeed())
		Expect(inPanel(Default, "kept")).To(HaveLen(1))
	})

	It("restores the backup once per restore token", func() {
		sb := completed(withCreate(newBackup("restorable")))
		restores := env.Requests(restoreKey)
		Eventually(func(g Gomega) {
			env.Get(g, sb)
			sb.Annotations = map[string]string{ptero.AnnotationRestore: "first", ptero.AnnotationRestoreTruncate: "true"}
			g.Expect(env.Client.Update(ctx, sb)).To(Succeed())
		}).Should(Succeed())
		Eventually(func(g Gomega) string {
			env.Get(g, sb)
			return sb.Status.LastRestoreToken
		}).WithTimeout(timeout).Should(Equal("first"))
		Expect(env.Requests(restoreKey) - restores).To(Equal(1))
		// The server is restoring, then back: the next reconciles see the token served.
		Consistently(func() int { return env.Requests(restoreKey) - restores }).WithTimeout(3 * time.Second).Should(Equal(1))
	})

	It("reports a backup Wings failed, and does not make it again", func() {
		env.Sim.FailNextBackup(int(server.Status.ID))
		sb := withCreate(newBackup("broken"))
		Eventually(func(g Gomega) {
			env.Get(g, sb)
			g.Expect(sb.Status.State).To(Equal(ptero.BackupFailed))
			g.Expect(controllertest.Condition(sb, ptero.ConditionReady)).To(And(HaveField("Status", metav1.ConditionFalse),
				controllertest.HaveReason(ptero.ReasonBackupFailed)))
			g.Expect(controllertest.Condition(sb, ptero.ConditionStalled)).To(HaveField("Status", metav1.ConditionTrue))
		}).WithTimeout(timeout).Should(Succeed())
		Consistently(func(g Gomega) []panel.Backup { return inPanel(g, "broken") }).WithTimeout(3 * time.Second).Should(HaveLen(1))
	})

	It("reports a backup gone from the panel, and does not make it again", func() {
		sb := completed(withCreate(newBackup("rotated")))
		Expect(env.Sim.RemoveBackup(sb.Status.UUID)).To(BeTrue())
		Eventually(func(g Gomega) string { return readyReason(g, sb) }).WithTimeout(timeout).Should(Equal(ptero.ReasonBackupRotated))
		Expect(controllertest.Synced(sb)).To(HaveField("Status", metav1.ConditionFalse))
		Consistently(func(g Gomega) []panel.Backup { return inPanel(g, "rotated") }).WithTimeout(3 * time.Second).Should(BeEmpty())
	})

	It("adopts a backup by its panel id, the backup's UUID", func() {
		made, err := player.ClientAPI.CreateBackup(ctx, server.Status.Identifier, panel.BackupCreateRequest{Name: "by-hand"})
		Expect(err).NotTo(HaveOccurred())
		sb := newBackup("adopted")
		sb.Spec.Name = "by-hand"
		sb.Annotations = map[string]string{ptero.AnnotationPanelID: made.UUID}
		env.Create(sb)
		completed(sb)
		Expect(sb.Status.UUID).To(Equal(made.UUID))
		Expect(inPanel(Default, "by-hand")).To(HaveLen(1))
	})

	It("makes exactly one backup when the panel's answer to the create is lost", func() {
		env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: backupsRoute, DropAfterCommit: true, Times: 1})
		DeferCleanup(env.Sim.ClearFaults)
		sb := completed(withCreate(newBackup("lost-answer")))
		Expect(inPanel(Default, "lost-answer")).To(HaveLen(1))
		Expect(inPanel(Default, "lost-answer")[0].UUID).To(Equal(sb.Status.UUID))
	})

	It("refuses a second ServerBackup of the same name on one server", func() {
		first := completed(withCreate(newBackup("twin-a")))
		second := newBackup("twin-b")
		second.Spec.Name = first.Name
		env.Create(second)
		Eventually(func(g Gomega) *metav1.Condition {
			env.Get(g, second)
			return controllertest.Synced(second)
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonInvalidSpec), HaveField("Message", ContainSubstring("spec.name"))))
		Expect(inPanel(Default, "twin-a")).To(HaveLen(1))
	})

	It("waits for its GameServer, and is made once the server is installed", func() {
		sb := &ptero.ServerBackup{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "early"},
			Spec: ptero.ServerBackupSpec{ServerRef: ptero.LocalObjectReference{Name: "late"}}}
		env.Create(sb)
		Eventually(func(g Gomega) *metav1.Condition {
			env.Get(g, sb)
			return controllertest.Synced(sb)
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonReferenceNotReady), HaveField("Message", ContainSubstring(`GameServer "late"`))))
		env.Create(newGameServer("late", 27001, 1))
		completed(sb)
	})

	It("says so when the server's backup limit is reached", func() {
		full := newGameServer("full", 27002, 1)
		env.Create(full)
		env.ExpectReady(full, timeout)
		first := &ptero.ServerBackup{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "full-1"},
			Spec: ptero.ServerBackupSpec{ServerRef: ptero.LocalObjectReference{Name: "full"}}}
		completed(withCreate(first))
		second := first.DeepCopy()
		second.ObjectMeta = metav1.ObjectMeta{Namespace: ns, Name: "full-2"}
		env.Create(second)
		Eventually(func(g Gomega) *metav1.Condition {
			env.Get(g, second)
			return controllertest.Synced(second)
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Message", ContainSubstring("featureLimits.backups"))))
	})
})

// withCreate creates sb and returns it.
func withCreate(sb *ptero.ServerBackup) *ptero.ServerBackup {
	GinkgoHelper()
	env.Create(sb)
	return sb
}
