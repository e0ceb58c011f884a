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

package controllertest

import (
	"context"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/controller-runtime/pkg/client"
	logf "sigs.k8s.io/controller-runtime/pkg/log"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// StartSuite is the body of a controller suite's BeforeSuite: it logs to the GinkgoWriter,
// starts the environment (stopped when the suite ends) and creates the given namespaces. It
// returns the suite's context, cancelled when the suite ends.
func StartSuite(o Options, namespaces ...string) (context.Context, *Env) {
	GinkgoHelper()
	logf.SetLogger(zap.New(zap.WriteTo(GinkgoWriter), zap.UseDevMode(true)))
	ctx, cancel := context.WithCancel(context.Background())
	DeferCleanup(cancel)
	env, err := Start(ctx, o)
	Expect(err).NotTo(HaveOccurred())
	DeferCleanup(env.Stop)
	for _, ns := range namespaces {
		env.Create(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}})
	}
	return ctx, env
}

// Create creates o in the API server.
func (e *Env) Create(o client.Object) {
	GinkgoHelper()
	Expect(e.Client.Create(e.ctx, o)).To(Succeed())
}

// Get re-reads o.
func (e *Env) Get(g Gomega, o client.Object) {
	g.Expect(e.Client.Get(e.ctx, client.ObjectKeyFromObject(o), o)).To(Succeed())
}

// ExpectReady waits, for at most within, until o is Ready for its current generation and has a
// panel id, re-reading it.
func (e *Env) ExpectReady(o client.Object, within time.Duration) {
	GinkgoHelper()
	Eventually(func(g Gomega) {
		e.Get(g, o)
		g.Expect(IsReady(o)).To(BeTrue(), "conditions: %+v", Conditions(o))
		g.Expect(o.(ptero.ManagedObject).GetPanelIdentity().IsZero()).To(BeFalse(), "the object has no panel identity yet")
	}).WithTimeout(within).Should(Succeed())
}

// Requests sums the simulator's request counts whose "METHOD /route/{template} STATUS" key
// starts with prefix: a whole key ("POST /api/application/users 429"), or a route and method
// followed by a space for every status.
func (e *Env) Requests(prefix string) int {
	n := 0
	for k, v := range e.Sim.Counts() {
		if strings.HasPrefix(k, prefix) {
			n += v
		}
	}
	return n
}

// Synced returns o's Synced condition, or nil.
func Synced(o client.Object) *metav1.Condition { return Condition(o, ptero.ConditionSynced) }

// HaveReason matches a condition that exists and has this reason.
func HaveReason(reason string) OmegaMatcher {
	return And(Not(BeNil()), HaveField("Reason", reason))
}

// Exact keeps the items of a filtered panel list that match exactly: the panel's filters are a
// partial, case-insensitive LIKE, so a list by name also returns longer names.
func Exact[T any](g Gomega, all []T, err error, match func(T) bool) []T {
	g.Expect(err).NotTo(HaveOccurred())
	var exact []T
	for _, item := range all {
		if match(item) {
			exact = append(exact, item)
		}
	}
	return exact
}

// One expects exactly one item and returns it; what describes the items for the failure message.
func One[T any](g Gomega, items []T, what string) T {
	g.Expect(items).To(HaveLen(1), what)
	return items[0]
}
