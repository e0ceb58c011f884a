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

package databases_test

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	eventsv1 "k8s.io/api/events/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

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
	databasesRoute = "/api/application/servers/{server}/databases"
	createCalls    = "POST " + databasesRoute + " "
	resetCalls     = "POST " + databasesRoute + "/{database}/reset-password "
)

func newDatabase(name, server, database string) *ptero.ServerDatabase {
	return &ptero.ServerDatabase{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: ptero.ServerDatabaseSpec{
			ServerRef: ptero.LocalObjectReference{Name: server},
			Database:  database,
			Remote:    "%",
			HostID:    1,
		},
	}
}

// waitGone waits for o to be deleted from the API server, finalizer and all.
func waitGone(o client.Object) {
	GinkgoHelper()
	Eventually(func() bool {
		return apierrors.IsNotFound(env.Client.Get(ctx, client.ObjectKeyFromObject(o), o))
	}).WithTimeout(timeout).Should(BeTrue(), "%T %s is still there", o, o.GetName())
}

// setAnnotation sets one annotation on o, retrying on conflicts with the controller's writes.
func setAnnotation(o client.Object, key, value string) {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		env.Get(g, o)
		a := o.GetAnnotations()
		if a == nil {
			a = map[string]string{}
		}
		a[key] = value
		o.SetAnnotations(a)
		g.Expect(env.Client.Update(ctx, o)).To(Succeed())
	}).WithTimeout(timeout).Should(Succeed())
}

// panelDatabases returns the databases the panel holds for a server, with password and host.
func panelDatabases(g Gomega, serverID int64) []panel.ServerDatabase {
	dbs, err := pc.Databases.List(ctx, int(serverID), "password", "host")
	g.Expect(err).NotTo(HaveOccurred())
	return dbs
}

// onlyDatabase expects the server to hold exactly one database and returns it.
func onlyDatabase(g Gomega, serverID int64) panel.ServerDatabase {
	return controllertest.One(g, panelDatabases(g, serverID), fmt.Sprintf("databases of server %d", serverID))
}

// expectConnectionSecret waits until the server holds exactly one database and the Secret name
// holds what connects to it, password included, and returns the database.
func expectConnectionSecret(gs *ptero.GameServer, name string) panel.ServerDatabase {
	GinkgoHelper()
	var db panel.ServerDatabase
	Eventually(func(g Gomega) {
		db = onlyDatabase(g, gs.Status.ID)
		g.Expect(db.Relationships.Password).NotTo(BeNil())
		g.Expect(db.Relationships.Host).NotTo(BeNil())
		host, port := db.Relationships.Host.Host, strconv.Itoa(db.Relationships.Host.Port)
		password := db.Relationships.Password.Password

		s := &corev1.Secret{}
		g.Expect(env.Client.Get(ctx, types.NamespacedName{Namespace: ns, Name: name}, s)).To(Succeed())
		g.Expect(s.Data).To(HaveLen(6), "keys: host, port, database, username, password, uri")
		g.Expect(s.Data).To(And(HaveKeyWithValue("host", []byte(host)), HaveKeyWithValue("port", []byte(port)),
			HaveKeyWithValue("database", []byte(db.Database)), HaveKeyWithValue("username", []byte(db.Username)),
			HaveKeyWithValue("password", []byte(password))))
		uri, err := url.Parse(string(s.Data["uri"]))
		g.Expect(err).NotTo(HaveOccurred())
		uriPassword, _ := uri.User.Password()
		g.Expect(uri.Scheme).To(Equal("mysql"))
		g.Expect(uri.User.Username()).To(Equal(db.Username))
		g.Expect(uriPassword).To(Equal(password))
		g.Expect(uri.Host).To(Equal(net.JoinHostPort(host, port)))
		g.Expect(uri.Path).To(Equal("/" + db.Database))
	}).WithTimeout(timeout).Should(Succeed())
	return db
}

func password(db panel.ServerDatabase) string {
	return db.Relationships.Password.Password
}

func secretExists(name string) bool {
	err := env.Client.Get(ctx, types.NamespacedName{Namespace: ns, Name: name}, &corev1.Secret{})
	Expect(client.IgnoreNotFound(err)).To(Succeed())
	return err == nil
}

var _ = Describe("ServerDatabase", func() {
	It("creates the database and a connection Secret it owns, and the panel holds exactly it", func() {
		gs := readyGameServer("create", 1)
		o := newDatabase("create", gs.Name, "mydb")
		env.Create(o)
		env.ExpectReady(o, timeout)
		Expect(controllertest.Synced(o)).To(HaveField("Status", metav1.ConditionTrue))
		Expect(o.Status.DatabaseName).To(Equal(fmt.Sprintf("s%d_mydb", gs.Status.ID)))
		Expect(o.Status.Username).NotTo(BeEmpty())

		db := expectConnectionSecret(gs, "create-db")
		Expect(db.ID).To(BeEquivalentTo(o.Status.ID))
		Expect(db).To(And(HaveField("Database", o.Status.DatabaseName), HaveField("Username", o.Status.Username),
			HaveField("Remote", "%"), HaveField("Host", 1)))

		s := &corev1.Secret{}
		Expect(env.Client.Get(ctx, types.NamespacedName{Namespace: ns, Name: "create-db"}, s)).To(Succeed())
		Expect(s.OwnerReferences).To(ConsistOf(And(HaveField("Kind", "ServerDatabase"), HaveField("Name", o.Name),
			HaveField("UID", o.UID), HaveField("Controller", HaveValue(BeTrue())))))
	})

	It("writes the Secret named by connectionSecretName, and moves it when the name changes", func() {
		gs := readyGameServer("custom-secret", 1)
		o := newDatabase("custom-secret", gs.Name, "mydb")
		o.Spec.ConnectionSecretName = "custom-credentials"
		env.Create(o)
		env.ExpectReady(o, timeout)
		first := expectConnectionSecret(gs, "custom-credentials")
		Expect(secretExists("custom-secret-db")).To(BeFalse())

		By("renaming the Secret")
		Eventually(func(g Gomega) {
			env.Get(g, o)
			o.Spec.ConnectionSecretName = "moved-credentials"
			g.Expect(env.Client.Update(ctx, o)).To(Succeed())
		}).WithTimeout(timeout).Should(Succeed())
		env.ExpectReady(o, timeout)
		Expect(expectConnectionSecret(gs, "moved-credentials").ID).To(Equal(first.ID))
		Eventually(func() bool { return secretExists("custom-credentials") }).WithTimeout(timeout).Should(BeFalse())
	})

	It("rotates the password once per token and puts the new one in the Secret", func() {
		gs := readyGameServer("rotate", 1)
		o := newDatabase("rotate", gs.Name, "mydb")
		env.Create(o)
		env.ExpectReady(o, timeout)
		before := expectConnectionSecret(gs, "rotate-db")
		resets := env.Requests(resetCalls)

		rotated := func(token string, times int, from panel.ServerDatabase) panel.ServerDatabase {
			GinkgoHelper()
			setAnnotation(o, ptero.AnnotationRotatePassword, token)
			Eventually(func(g Gomega) {
				g.Expect(env.Requests(resetCalls) - resets).To(Equal(times))
				g.Expect(password(onlyDatabase(g, gs.Status.ID))).NotTo(Equal(password(from)))
			}).WithTimeout(timeout).Should(Succeed())
			after := expectConnectionSecret(gs, "rotate-db")
			Expect(password(after)).NotTo(Equal(password(from)))
			Expect(after.ID).To(Equal(from.ID))
			Consistently(func() int { return env.Requests(resetCalls) - resets }).WithTimeout(2 * time.Second).Should(Equal(times))
			env.ExpectReady(o, timeout)
			return after
		}

		By("a first token")
		after := rotated("2026-01", 1, before)

		By("the same token again, with the object otherwise changed")
		setAnnotation(o, "example.com/touched", "yes")
		Consistently(func(g Gomega) {
			g.Expect(env.Requests(resetCalls) - resets).To(Equal(1))
			g.Expect(password(onlyDatabase(g, gs.Status.ID))).To(Equal(password(after)))
		}).WithTimeout(3 * time.Second).Should(Succeed())
		expectConnectionSecret(gs, "rotate-db")

		By("a new token")
		rotated("2026-02", 2, after)
	})

	It("recreates a database deleted in the panel and updates the Secret", func() {
		gs := readyGameServer("drift", 1)
		o := newDatabase("drift", gs.Name, "mydb")
		env.Create(o)
		env.ExpectReady(o, timeout)
		old := expectConnectionSecret(gs, "drift-db")
		Expect(pc.Databases.Delete(ctx, int(gs.Status.ID), old.ID)).To(Succeed())

		Eventually(func(g Gomega) {
			db := onlyDatabase(g, gs.Status.ID)
			g.Expect(db.ID).NotTo(Equal(old.ID))
			env.Get(g, o)
			g.Expect(o.Status.ID).To(BeEquivalentTo(db.ID))
			g.Expect(controllertest.IsReady(o)).To(BeTrue())
		}).WithTimeout(driftTimeout).Should(Succeed())
		now := expectConnectionSecret(gs, "drift-db")
		Expect(now.Database).To(Equal(old.Database))
		Expect(password(now)).NotTo(Equal(password(old)))
	})

	Context("deletion", func() {
		It("drops the panel database with deletionPolicy Delete", func() {
			gs := readyGameServer("delete", 1)
			o := newDatabase("delete", gs.Name, "mydb")
			env.Create(o)
			env.ExpectReady(o, timeout)
			expectConnectionSecret(gs, "delete-db")

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			waitGone(o)
			Eventually(func(g Gomega) []panel.ServerDatabase {
				return panelDatabases(g, gs.Status.ID)
			}).WithTimeout(timeout).Should(BeEmpty())
		})

		It("leaves the panel database with deletionPolicy Orphan", func() {
			gs := readyGameServer("orphan", 1)
			o := newDatabase("orphan", gs.Name, "mydb")
			o.Spec.DeletionPolicy = ptero.DeletionPolicyOrphan
			env.Create(o)
			env.ExpectReady(o, timeout)
			db := expectConnectionSecret(gs, "orphan-db")

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			waitGone(o)
			Consistently(func(g Gomega) int {
				return onlyDatabase(g, gs.Status.ID).ID
			}).WithTimeout(2 * time.Second).Should(Equal(db.ID))
		})

		It("deletes the database, then its server", func() {
			gs := readyGameServer("teardown", 1)
			o := newDatabase("teardown", gs.Name, "mydb")
			env.Create(o)
			env.ExpectReady(o, timeout)
			expectConnectionSecret(gs, "teardown-db")

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			waitGone(o)
			Expect(panelDatabases(Default, gs.Status.ID)).To(BeEmpty())
			Expect(env.Client.Delete(ctx, gs)).To(Succeed())
			waitGone(gs)
			_, err := pc.Servers.Get(ctx, int(gs.Status.ID))
			Expect(panel.IsNotFound(err)).To(BeTrue(), "server %d: %v", gs.Status.ID, err)
		})

		It("deletes a server first, then its database, which went with the server", func() {
			gs := readyGameServer("server-first", 1)
			o := newDatabase("server-first", gs.Name, "mydb")
			env.Create(o)
			env.ExpectReady(o, timeout)
			expectConnectionSecret(gs, "server-first-db")

			Expect(env.Client.Delete(ctx, gs)).To(Succeed())
			waitGone(gs)
			_, err := pc.Servers.Get(ctx, int(gs.Status.ID))
			Expect(panel.IsNotFound(err)).To(BeTrue(), "server %d: %v", gs.Status.ID, err)
			Eventually(func(g Gomega) *metav1.Condition {
				env.Get(g, o)
				return controllertest.Synced(o)
			}).WithTimeout(timeout).Should(And(controllertest.HaveReason(ptero.ReasonReferenceNotReady), HaveField("Status", metav1.ConditionFalse)))

			Expect(env.Client.Delete(ctx, o)).To(Succeed())
			waitGone(o)
		})
	})

	It("waits for its GameServer, then goes on by itself", func() {
		o := newDatabase("early", "late", "mydb")
		env.Create(o)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(controllertest.HaveReason(ptero.ReasonReferenceNotReady), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring(`GameServer "late"`))))
			g.Expect(controllertest.Condition(o, ptero.ConditionReady)).To(HaveField("Status", metav1.ConditionFalse))
		}).WithTimeout(timeout).Should(Succeed())

		gs := readyGameServer("late", 1)
		env.ExpectReady(o, watchTimeout)
		Expect(o.Status.DatabaseName).To(Equal(fmt.Sprintf("s%d_mydb", gs.Status.ID)))
		expectConnectionSecret(gs, "early-db")
	})

	It("shows the panel's refusal on Synced without retrying, and goes on once the server's limit allows", func() {
		gs := readyGameServer("no-databases", 0)
		creates := env.Requests(createCalls)
		o := newDatabase("refused", gs.Name, "mydb")
		env.Create(o)
		Eventually(func(g Gomega) {
			env.Get(g, o)
			g.Expect(controllertest.Synced(o)).To(And(controllertest.HaveReason(ptero.ReasonPanelRejected), HaveField("Status", metav1.ConditionFalse),
				HaveField("Message", ContainSubstring("database limit has been reached"))))
			g.Expect(controllertest.Condition(o, ptero.ConditionReady)).To(HaveField("Status", metav1.ConditionFalse))
		}).WithTimeout(timeout).Should(Succeed())
		Consistently(func() int {
			return env.Requests(createCalls) - creates
		}).WithTimeout(4 * time.Second).Should(BeNumerically("<=", 3))
		Expect(panelDatabases(Default, gs.Status.ID)).To(BeEmpty())

		By("raising the server's database limit")
		Eventually(func(g Gomega) {
			env.Get(g, gs)
			gs.Spec.FeatureLimits.Databases = 1
			g.Expect(env.Client.Update(ctx, gs)).To(Succeed())
		}).WithTimeout(timeout).Should(Succeed())
		env.ExpectReady(o, timeout)
		expectConnectionSecret(gs, "refused-db")
	})

	Context("panel faults", func() {
		DescribeTable("recovers from a burst of panel errors (5xx, then 429s) on create with exactly one database",
			func(status int) {
				name := fmt.Sprintf("burst-%d", status)
				gs := readyGameServer(name, 1)
				key := createCalls + strconv.Itoa(status)
				before := env.Requests(key)
				env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: databasesRoute, Status: status, Times: 3})
				DeferCleanup(env.Sim.ClearFaults)

				o := newDatabase(name, gs.Name, "mydb")
				env.Create(o)
				env.ExpectReady(o, timeout)
				Expect(env.Requests(key) - before).To(Equal(3))
				Expect(expectConnectionSecret(gs, name+"-db").ID).To(BeEquivalentTo(o.Status.ID))
			},
			Entry("500s", http.StatusInternalServerError),
			Entry("429s", http.StatusTooManyRequests),
		)

		It("adopts the database named by the panel-id annotation instead of creating one", func() {
			gs := readyGameServer("adopt", 2)
			existing, err := pc.Databases.Create(ctx, int(gs.Status.ID), panel.DatabaseCreateRequest{Database: "legacy", Remote: "%", Host: 1})
			Expect(err).NotTo(HaveOccurred())
			created := env.Requests(createCalls + "201")

			o := newDatabase("adopt", gs.Name, "legacy")
			o.Annotations = map[string]string{ptero.AnnotationPanelID: strconv.Itoa(existing.ID)}
			env.Create(o)
			env.ExpectReady(o, timeout)
			Expect(o.Status.ID).To(BeEquivalentTo(existing.ID))
			Expect(env.Requests(createCalls+"201")).To(Equal(created), "no database was created")
			Expect(expectConnectionSecret(gs, "adopt-db").ID).To(BeEquivalentTo(existing.ID))
		})

		It("finds a database whose create response was lost instead of creating it twice", func() {
			gs := readyGameServer("lost", 1)
			lost, refused := env.Requests(createCalls+"0"), env.Requests(createCalls+"400")
			env.Sim.InjectFault(panelsim.Fault{Method: http.MethodPost, Route: databasesRoute, DropAfterCommit: true, Times: 1})
			DeferCleanup(env.Sim.ClearFaults)

			o := newDatabase("lost", gs.Name, "mydb")
			env.Create(o)
			env.ExpectReady(o, timeout)
			Expect(env.Requests(createCalls+"0") - lost).To(Equal(1))
			Expect(expectConnectionSecret(gs, "lost-db").ID).To(BeEquivalentTo(o.Status.ID))
			Consistently(func(g Gomega) []panel.ServerDatabase {
				return panelDatabases(g, gs.Status.ID)
			}).WithTimeout(2 * time.Second).Should(HaveLen(1))
			Expect(env.Requests(createCalls+"400")-refused).To(BeZero(), "a second create was attempted")
		})
	})

	It("keeps passwords out of its status and events", func() {
		gs := readyGameServer("secrecy", 1)
		o := newDatabase("secrecy", gs.Name, "mydb")
		env.Create(o)
		env.ExpectReady(o, timeout)
		first := expectConnectionSecret(gs, "secrecy-db")
		setAnnotation(o, ptero.AnnotationRotatePassword, "once")
		var second panel.ServerDatabase
		Eventually(func(g Gomega) {
			second = onlyDatabase(g, gs.Status.ID)
			g.Expect(password(second)).NotTo(Equal(password(first)))
		}).WithTimeout(timeout).Should(Succeed())
		expectConnectionSecret(gs, "secrecy-db")
		env.ExpectReady(o, timeout)

		// The events about this object exist (so the check below looks at something).
		Eventually(func(g Gomega) []string {
			var reasons []string
			for _, e := range namespaceEvents(g) {
				if e.Regarding.Kind == "ServerDatabase" && e.Regarding.Name == o.Name {
					reasons = append(reasons, e.Reason)
				}
			}
			return reasons
		}).WithTimeout(timeout).Should(ContainElements("Created", "Updated"))

		status, err := json.Marshal(o.Status)
		Expect(err).NotTo(HaveOccurred())
		events, err := json.Marshal(namespaceEvents(Default))
		Expect(err).NotTo(HaveOccurred())
		for _, pw := range []string{password(first), password(second)} {
			Expect(pw).NotTo(BeEmpty())
			Expect(string(status)).NotTo(ContainSubstring(pw))
			Expect(string(events)).NotTo(ContainSubstring(pw))
			Expect(string(events)).NotTo(ContainSubstring(url.QueryEscape(pw)))
		}
	})
})

// namespaceEvents returns every event of the suite's namespace.
func namespaceEvents(g Gomega) []eventsv1.Event {
	list := &eventsv1.EventList{}
	g.Expect(env.Client.List(ctx, list, client.InNamespace(ns))).To(Succeed())
	return list.Items
}
