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

package schedules_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/utils/ptr"
	crclient "sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

const (
	timeout = 20 * time.Second
	// driftTimeout covers one 10s sync interval with its jitter and a reconcile.
	driftTimeout = 30 * time.Second
	// watchTimeout is shorter than the 10s sync interval: only a watch can be that quick.
	watchTimeout = 5 * time.Second
)

// The simulator counts requests as "<method> <route> <status>".
const (
	schedulesRoute = "/api/client/servers/{server}/schedules"
	createCalls    = "POST " + schedulesRoute + " "
)

// nightly is the tasks of the suite's schedules: a warning, a restart a minute later, a backup.
func nightly() []ptero.ScheduleTask {
	return []ptero.ScheduleTask{
		{Action: ptero.ScheduleActionCommand, Payload: "say Restarting in 60 seconds"},
		{Action: ptero.ScheduleActionPower, Payload: "restart", TimeOffset: 60},
		{Action: ptero.ScheduleActionBackup, ContinueOnFailure: true},
	}
}

func newSchedule(name, server string) *ptero.ServerSchedule {
	return &ptero.ServerSchedule{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: ptero.ServerScheduleSpec{
			ServerRef: ptero.LocalObjectReference{Name: server},
			Name:      "nightly-restart",
			Cron:      "0 4 * * *",
			Enabled:   ptr.To(true),
			Tasks:     nightly(),
		},
	}
}

// panelSchedules returns the schedules the panel holds for a server.
func panelSchedules(gs *ptero.GameServer) []panelsim.Schedule {
	return env.Sim.Schedules(int(gs.Status.ID))
}

// inSequence returns a schedule's tasks in the order the panel runs them.
func inSequence(sc panelsim.Schedule) []panelsim.Task {
	tasks := slices.Clone(sc.Tasks)
	slices.SortFunc(tasks, func(a, b panelsim.Task) int { return a.SequenceID - b.SequenceID })
	return tasks
}

// expectInLine expects the server to hold exactly one schedule, the one o's spec describes, with
// its tasks at sequence ids 1, 2, 3…, and returns it.
func expectInLine(g Gomega, gs *ptero.GameServer, o *ptero.ServerSchedule) panelsim.Schedule {
	sc := controllertest.One(g, panelSchedules(gs), "schedules of server "+gs.Name)
	g.Expect(sc).To(And(HaveField("Name", o.Spec.Name), HaveField("IsActive", *o.Spec.Enabled),
		HaveField("OnlyWhenOnline", o.Spec.OnlyWhenOnline)))
	cron := []string{sc.CronMinute, sc.CronHour, sc.CronDayOfMonth, sc.CronMonth, sc.CronDayOfWeek}
	g.Expect(cron).To(Equal(strings.Fields(o.Spec.Cron)))
	tasks := inSequence(sc)
	g.Expect(tasks).To(HaveLen(len(o.Spec.Tasks)))
	for i, want := range o.Spec.Tasks {
		g.Expect(tasks[i]).To(And(HaveField("SequenceID", i+1), HaveField("Action", string(want.Action)),
			HaveField("Payload", want.Payload), HaveField("TimeOffset", int(want.TimeOffset)),
			HaveField("ContinueOnFailure", want.ContinueOnFailure)), "task %d", i)
	}
	return sc
}

// eventuallyInLine waits until the panel holds exactly o's schedule and o is Ready with its id.
func eventuallyInLine(gs *ptero.GameServer, o *ptero.ServerSchedule, within time.Duration) panelsim.Schedule {
	GinkgoHelper()
	var sc panelsim.Schedule
	Eventually(func(g Gomega) {
		sc = expectInLine(g, gs, o)
		env.Get(g, o)
		g.Expect(controllertest.IsReady(o)).To(BeTrue(), "conditions: %+v", o.Status.Conditions)
		g.Expect(o.Status.ID).To(BeEquivalentTo(sc.ID))
	}).WithTimeout(within).Should(Succeed())
	return sc
}

// waitGone waits for o to be deleted from the API server, finalizer and all.
func waitGone(o crclient.Object) {
	GinkgoHelper()
	Eventually(func() bool {
		return apierrors.IsNotFound(env.Client.Get(ctx, crclient.ObjectKeyFromObject(o), o))
	}).WithTimeout(timeout).Should(BeTrue(), "%T %s is still there", o, o.GetName())
}

// update changes o's spec, retrying on conflicts with the controller's writes.
func update(o *ptero.ServerSchedule, change func()) {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		env.Get(g, o)
		change()
		g.Expect(env.Client.Update(ctx, o)).To(Succeed())
	}).WithTimeout(timeout).Should(Succeed())
}

var _ = Describe("ServerSchedule", func() {
	It("creates the schedule with its five cron fields and its tasks in order, and reports its next run", func() {
		gs := readyGameServer("create")
		o := newSchedule("create", gs.Name)
		env.Create(o)
		env.ExpectReady(o, timeout)
		sc := eventuallyInLine(gs, o, timeout)
		Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))
		Expect(sc).To(And(HaveField("CronMinute", "0"), HaveField("CronHour", "4"), HaveField("CronDayOfMonth", "*"),
			HaveField("CronMonth", "*"), HaveField("CronDayOfWeek", "*")))
		Expect(o.Status.NextRunAt).NotTo(BeNil())
		Expect(sc.NextRunAt).NotTo(BeNil())
		Expect(o.Status.NextRunAt.Time).To(BeTemporally("~", *sc.NextRunAt, time.Second))
		Expect(o.Status.NextRunAt.UTC().Hour()).To(Equal(4))
		Expect(o.Status.LastRunAt).To(BeNil())
		Expect(o.Status.Processing).To(BeFalse())

		By("writing nothing more while the panel matches")
		writes := env.Requests("POST "+schedulesRoute) + env.Requests("DELETE "+schedulesRoute)
		Consistently(func() int {
			return env.Requests("POST "+schedulesRoute) + env.Requests("DELETE "+schedulesRoute) - writes
		}).WithTimeout(3 * time.Second).Should(BeZero())
	})

	It("follows changes of the spec: cron, flags and tasks", func() {
		gs := readyGameServer("changes")
		o := newSchedule("changes", gs.Name)
		env.Create(o)
		first := eventuallyInLine(gs, o, timeout)

		update(o, func() {
			o.Spec.Cron = "*/30 2-5 * * 1-5"
			o.Spec.Enabled = ptr.To(false)
			o.Spec.OnlyWhenOnline = true
			o.Spec.Tasks = []ptero.ScheduleTask{
				{Action: ptero.ScheduleActionCommand, Payload: "say Backing up"},
				{Action: ptero.ScheduleActionBackup, Payload: "logs/\ncache/", TimeOffset: 5},
			}
		})
		sc := eventuallyInLine(gs, o, timeout)
		Expect(sc.ID).To(Equal(first.ID), "the schedule was updated, not replaced")
	})

	It("puts back a task edited and one removed in the panel, and a schedule disabled there", func() {
		gs := readyGameServer("drift")
		o := newSchedule("drift", gs.Name)
		env.Create(o)
		sc := eventuallyInLine(gs, o, timeout)
		tasks := inSequence(sc)

		Expect(env.Sim.EditTask(tasks[1].ID, func(t *panelsim.Task) { t.Payload, t.TimeOffset = "stop", 5 })).To(BeTrue())
		Expect(env.Sim.RemoveTask(tasks[0].ID)).To(BeTrue())
		Expect(env.Sim.EditSchedule(sc.ID, func(s *panelsim.Schedule) { s.IsActive = false })).To(BeTrue())
		Expect(inSequence(controllertest.One(Default, panelSchedules(gs), "schedules"))).To(HaveLen(2))

		after := eventuallyInLine(gs, o, driftTimeout)
		Expect(after.ID).To(Equal(sc.ID))
		Expect(after.IsActive).To(BeTrue())
	})

	It("makes a schedule deleted in the panel again", func() {
		gs := readyGameServer("recreate")
		o := newSchedule("recreate", gs.Name)
		env.Create(o)
		old := eventuallyInLine(gs, o, timeout)
		Expect(env.Sim.RemoveSchedule(old.ID)).To(BeTrue())

		now := eventuallyInLine(gs, o, driftTimeout)
		Expect(now.ID).NotTo(Equal(old.ID))
	})

	It("deletes tasks added in the panel", func() {
		gs := readyGameServer("extra")
		o := newSchedule("extra", gs.Name)
		env.Create(o)
		sc := eventuallyInLine(gs, o, timeout)
		_, err := client.ClientAPI.CreateTask(ctx, gs.Status.Identifier, sc.ID,
			panel.TaskRequest{Action: panel.TaskCommand, Payload: "say extra", SequenceID: 1})
		Expect(err).NotTo(HaveOccurred())
		eventuallyInLine(gs, o, driftTimeout)
	})

	Context("deletion", func() {
		It("deletes the panel schedule with deletionPolicy Delete", func() {
			gs := readyGameServer("delete")
			o := newSchedule("delete", gs.Name)
			env.Create(o)
			eventuallyInLine(gs, o, timeout)

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			waitGone(o)
			Eventually(func() []panelsim.Schedule { return panelSchedules(gs) }).WithTimeout(timeout).Should(BeEmpty())
		})

		It("leaves the panel schedule with deletionPolicy Orphan", func() {
			gs := readyGameServer("orphan")
			o := newSchedule("orphan", gs.Name)
			o.Spec.DeletionPolicy = ptero.DeletionPolicyOrphan
			env.Create(o)
			sc := eventuallyInLine(gs, o, timeout)

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			waitGone(o)
			Consistently(func(g Gomega) int {
				return controllertest.One(g, panelSchedules(gs), "schedules").ID
			}).WithTimeout(2 * time.Second).Should(Equal(sc.ID))
		})
	})

	It("deletes a server first, then its schedule, which went with the server", func() {
		gs := readyGameServer("server-first")
		o := newSchedule("server-first", gs.Name)
		env.Create(o)
		eventuallyInLine(gs, o, timeout)

		Expect(env.Client.Delete(ctx, gs)).To(Succeed())
		waitGone(gs)
		Expect(panelSchedules(gs)).To(BeEmpty())
		Eventually(func(g Gomega) *metav1.Condition {
			env.Get(g, o)
			return controllertest.Synced(o)
		}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonReferenceNotReady), HaveField("Status", metav1.ConditionFalse)))

		Expect(env.Client.Delete(ctx, o)).To(Succeed())
		waitGone(o)
	})

	It("adopts the schedule named by the panel-id annotation, and makes it what the spec says", func() {
		gs := readyGameServer("adopt")
		existing, err := client.ClientAPI.CreateSchedule(ctx, gs.Status.Identifier, panel.ScheduleRequest{
			Name: "legacy", Minute: "15", Hour: "3", DayOfMonth: "*", Month: "*", DayOfWeek: "0"})
		Expect(err).NotTo(HaveOccurred())
		_, err = client.ClientAPI.CreateTask(ctx, gs.Status.Identifier, existing.ID,
			panel.TaskRequest{Action: panel.TaskPower, Payload: "stop"})
		Expect(err).NotTo(HaveOccurred())
		created := env.Requests(createCalls + "200")

		o := newSchedule("adopt", gs.Name)
		o.Annotations = map[string]string{ptero.AnnotationPanelID: strconv.Itoa(existing.ID)}
		env.Create(o)
		sc := eventuallyInLine(gs, o, timeout)
		Expect(sc.ID).To(Equal(existing.ID))
		Expect(env.Requests(createCalls+"200")).To(Equal(created), "no schedule was created")
	})

	It("waits for its GameServer, then goes on by itself", func() {
		o := newSchedule("early", "late")
		env.Create(o)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(controllertest.HaveReason(ptero.ReasonReferenceNotReady), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring(`GameServer "late"`))))
			g.Expect(controllertest.Condition(o, ptero.ConditionReady)).To(HaveField("Status", metav1.ConditionFalse))
		}).WithTimeout(timeout).Should(Succeed())

		gs := readyGameServer("late")
		eventuallyInLine(gs, o, watchTimeout)
	})

	It("shows a cron the panel refuses on Synced with the panel's message, without retrying", func() {
		gs := readyGameServer("refused")
		creates := env.Requests(createCalls)
		o := newSchedule("refused", gs.Name)
		// Five fields the API server accepts, and a date that never comes.
		o.Spec.Cron = "0 0 31 2 *"
		env.Create(o)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring("does not evaluate to a valid expression"))))
			g.Expect(controllertest.Condition(o, ptero.ConditionReady)).To(HaveField("Status", metav1.ConditionFalse))
		}).WithTimeout(timeout).Should(Succeed())
		Consistently(func() int {
			return env.Requests(createCalls) - creates
		}).WithTimeout(4 * time.Second).Should(BeNumerically("<=", 2))
		Expect(panelSchedules(gs)).To(BeEmpty())

		By("fixing the cron")
		update(o, func() { o.Spec.Cron = "0 0 28 2 *" })
		eventuallyInLine(gs, o, timeout)
	})

	It("shows a backup task on a server without backups as refused, and goes on once the limit allows", func() {
		gs := readyGameServerAllowing("no-backups", 0)
		o := newSchedule("no-backups", gs.Name)
		env.Create(o)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", And(ContainSubstring("spec.tasks[2]"), ContainSubstring("backup limit")))))
		}).WithTimeout(timeout).Should(Succeed())
		Expect(controllertest.One(Default, panelSchedules(gs), "schedules").Tasks).To(HaveLen(2), "the tasks before the backup")

		By("raising the server's backup limit")
		Eventually(func(g Gomega) {
			env.Get(g, gs)
			gs.Spec.FeatureLimits.Backups = 1
			g.Expect(env.Client.Update(ctx, gs)).To(Succeed())
		}).WithTimeout(timeout).Should(Succeed())
		eventuallyInLine(gs, o, timeout)
	})

	It("finds a schedule whose create answer was lost instead of creating it twice", func() {
		gs := readyGameServer("lost")
		lost := env.Requests(createCalls + "0")
		env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: schedulesRoute, DropAfterCommit: true, Times: 1})
		DeferCleanup(env.Sim.ClearFaults)

		o := newSchedule("lost", gs.Name)
		env.Create(o)
		eventuallyInLine(gs, o, timeout)
		Expect(env.Requests(createCalls+"0") - lost).To(Equal(1))
		Consistently(func() []panelsim.Schedule { return panelSchedules(gs) }).WithTimeout(2 * time.Second).Should(HaveLen(1))
	})
})
