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

// Package connection turns a Panel object into a panel client shared by every controller, and
// the panel client's errors into the conditions users read.
package connection

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// Secret keys of a Panel's credentials Secret.
const (
	ApplicationKeyField = "applicationKey"
	ClientKeyField      = "clientKey"
	defaultCAKey        = "ca.crt"
)

// Conn is one Panel's connection: the client every controller shares (so they share its rate
// limiter) and the Panel settings the kinds need.
type Conn struct {
	Client *panel.Client
	// PanelName is the Panel object's name.
	PanelName string
	// ExternalIDPrefix is prepended to derived external ids.
	ExternalIDPrefix string
	syncInterval     time.Duration
	requestTimeout   time.Duration

	// eggs caches the panel's nests and eggs for a sync interval (eggs.go).
	eggs eggCatalogue
	// Observed is what observation reads the panel's objects through.
	Observed
}

// minReconcileTimeout leaves a reconcile room for a few requests and the rate limiter's waits
// even when the Panel's requestTimeout is short.
const minReconcileTimeout = time.Minute

// SyncInterval implements managed.Connection.
func (c *Conn) SyncInterval() time.Duration { return c.syncInterval }

// ReconcileTimeout implements managed.Connection: two attempts' worth of requestTimeout, so a hung
// panel costs a worker one timed-out request rather than every retry of it.
func (c *Conn) ReconcileTimeout() time.Duration { return max(2*c.requestTimeout, minReconcileTimeout) }

// Registry builds and caches one Conn per Panel. A Conn is rebuilt when the Panel's spec or one
// of its Secrets changes, which the cache key (generation and resource versions) notices.
type Registry struct {
	kube    client.Reader
	log     logr.Logger
	metrics *panel.Metrics
	// options are added to every client; tests use them to shorten retries.
	options []panel.Option
	// Observation says how connections read the panel; "" is Snapshot.
	Observation Observation

	// base is the lifetime of the connections' listing loops: until Start's context ends.
	base context.Context
	stop context.CancelFunc

	mu    sync.Mutex
	conns map[string]cached
	// drift holds, per collection, the changes its loops found, for the controller of its kind;
	// its own lock, since connections are built under mu.
	driftMu sync.Mutex
	drift   map[string]*driftQueue
}

type cached struct {
	key  string
	conn *Conn
	// stop ends the connection's listing loops when it is replaced or its Panel deleted.
	stop context.CancelFunc
}

// NewRegistry returns a Registry reading Panels and Secrets through kube. metrics may be nil.
func NewRegistry(kube client.Reader, log logr.Logger, metrics *panel.Metrics, opts ...panel.Option) *Registry {
	base, stop := context.WithCancel(context.Background())
	return &Registry{kube: kube, log: log, metrics: metrics, options: opts, base: base, stop: stop,
		conns: map[string]cached{}, drift: map[string]*driftQueue{}}
}

// Start implements manager.Runnable: the connections' listing loops run until ctx ends.
func (r *Registry) Start(ctx context.Context) error {
	<-ctx.Done()
	r.stop()
	return nil
}

// Connect returns the connection of a Ready Panel. Objects of the other kinds call it: while the
// Panel is missing or not Ready they wait with PanelNotReady, and the Panel's watch re-queues them
// when it becomes Ready, so a bad key is reported once on the Panel rather than by every object.
func (r *Registry) Connect(ctx context.Context, panelName string) (*Conn, error) {
	p := &ptero.Panel{}
	if err := r.kube.Get(ctx, types.NamespacedName{Name: panelName}, p); err != nil {
		if apierrors.IsNotFound(err) {
			return nil, managed.NotReady("Panel", panelName, "it does not exist: create it, or set spec.panelRef.name to an existing Panel")
		}
		return nil, err
	}
	if !p.DeletionTimestamp.IsZero() {
		return nil, managed.NotReady("Panel", panelName, "it is being deleted")
	}
	ready := meta.FindStatusCondition(p.Status.Conditions, ptero.ConditionReady)
	if ready == nil || ready.Status != "True" {
		why := "its connection has not been checked yet"
		if ready != nil {
			why = ready.Message
		}
		return nil, managed.NotReady("Panel", panelName, why)
	}
	return r.For(ctx, p)
}

// For returns the connection of p without looking at its conditions; the Panel controller uses it
// to check the keys.
func (r *Registry) For(ctx context.Context, p *ptero.Panel) (*Conn, error) {
	creds, err := r.secret(ctx, p.Spec.CredentialsSecretRef, "with the panel's applicationKey (and, for power and files, clientKey)")
	if err != nil {
		return nil, err
	}
	key := fmt.Sprintf("%s/%d/%s", p.UID, p.Generation, creds.ResourceVersion)
	var caPEM []byte
	if ref := p.Spec.CASecretRef; ref != nil {
		ca, err := r.secret(ctx, ref.SecretReference, "with the panel's PEM CA certificates, or remove caSecretRef")
		if err != nil {
			return nil, err
		}
		field := ref.Key
		if field == "" {
			field = defaultCAKey
		}
		if caPEM = ca.Data[field]; len(caPEM) == 0 {
			return nil, managed.InvalidSpec("caSecretRef.key", "Secret %s/%s has no key %q: add the PEM CA certificates under it, or set caSecretRef.key",
				ref.Namespace, ref.Name, field)
		}
		key += "/" + ca.ResourceVersion
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	old, ok := r.conns[p.Name]
	if ok && old.key == key {
		return old.conn, nil
	}
	background, stop := context.WithCancel(r.base)
	conn, err := r.build(background, p, creds, caPEM)
	if err != nil {
		stop()
		return nil, err
	}
	if ok {
		old.stop()
	}
	r.conns[p.Name] = cached{key: key, conn: conn, stop: stop}
	return conn, nil
}

// Forget drops a deleted Panel's connection.
func (r *Registry) Forget(panelName string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.conns[panelName]; ok {
		c.stop()
	}
	delete(r.conns, panelName)
}

// secret reads a Secret the Panel names; holding says, for a missing one, what to create it with.
func (r *Registry) secret(ctx context.Context, ref ptero.SecretReference, holding string) (*corev1.Secret, error) {
	s := &corev1.Secret{}
	if err := r.kube.Get(ctx, types.NamespacedName{Namespace: ref.Namespace, Name: ref.Name}, s); err != nil {
		if apierrors.IsNotFound(err) {
			return nil, managed.NotReady("Secret", ref.Namespace+"/"+ref.Name, "it does not exist: create it "+holding)
		}
		return nil, err
	}
	return s, nil
}

func (r *Registry) build(background context.Context, p *ptero.Panel, creds *corev1.Secret, caPEM []byte) (*Conn, error) {
	appKey := strings.TrimSpace(string(creds.Data[ApplicationKeyField]))
	if appKey == "" {
		return nil, managed.InvalidSpec("credentialsSecretRef", "Secret %s/%s has no %q key: add the panel's application API key (ptla_…) under it",
			creds.Namespace, creds.Name, ApplicationKeyField)
	}
	// A Panel built without the API server's defaulting (tests) leaves the client's defaults.
	timeout := durationOr(p.Spec.RequestTimeout, panel.DefaultRequestTimeout)
	opts := []panel.Option{
		panel.WithName(p.Name),
		panel.WithTimeout(timeout),
		panel.WithLogger(r.log),
		panel.WithTLS(panel.TLSConfig{CABundlePEM: caPEM, InsecureSkipVerify: p.Spec.InsecureSkipTLSVerify}),
	}
	rpm := cmp.Or(int(p.Spec.RequestsPerMinute), panel.DefaultRequestsPerMinute)
	opts = append(opts, panel.WithRequestsPerMinute(rpm),
		panel.WithClientRequestsPerMinute(cmp.Or(int(p.Spec.ClientRequestsPerMinute), panel.DefaultClientRequestsPerMinute)))
	if r.metrics != nil {
		opts = append(opts, panel.WithMetrics(r.metrics))
	}
	if ck := strings.TrimSpace(string(creds.Data[ClientKeyField])); ck != "" {
		opts = append(opts, panel.WithClientKey(ck))
	}
	c, err := panel.NewClient(p.Spec.URL, appKey, append(opts, r.options...)...)
	if err != nil {
		// The error names the URL or the option, never the key.
		return nil, managed.InvalidSpec("url", "%v", err)
	}
	conn := &Conn{Client: c, PanelName: p.Name, ExternalIDPrefix: p.Spec.ExternalIDPrefix, syncInterval: SyncIntervalOf(p),
		requestTimeout: timeout}
	conn.Observed = newObserved(c, observing{
		mode: r.Observation, syncInterval: conn.syncInterval, requestsPerMinute: rpm,
		pageSize:   cmp.Or(int(p.Spec.ListPageSize), ptero.DefaultListPageSize),
		background: background, changed: r.changed(p.Name),
	})
	return conn, nil
}

// SyncIntervalOf is p's syncInterval, or the default for a Panel created without the API
// server's defaulting.
func SyncIntervalOf(p *ptero.Panel) time.Duration {
	return durationOr(p.Spec.SyncInterval, ptero.DefaultSyncInterval)
}

// durationOr is a Panel's duration field, or def when it is unset (a Panel created without the
// API server's defaulting, as in tests).
func durationOr(d *metav1.Duration, def time.Duration) time.Duration {
	if d != nil && d.Duration > 0 {
		return d.Duration
	}
	return def
}
