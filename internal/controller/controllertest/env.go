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

// Package controllertest starts what a controller test needs: a real API server (envtest) with
// the CRDs, the panel simulator on loopback, a manager running every controller, and a Ready
// Panel named "default" pointing at the simulator.
package controllertest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/wait"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/utils/ptr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
	"github.com/gameops-dev/pterodactyl-operator/test/utils"
)

// Names of the objects Start creates.
const (
	PanelName       = "default"
	PanelNamespace  = "pterodactyl-system"
	CredentialsName = "panel-credentials"
	// ApplicationKey is the simulator's application key in these tests.
	ApplicationKey = "ptla_controllertestcontrollertestcontrollertest1"
	// ClientKey is the simulator admin's client key, in the Panel's Secret with Options.ClientKey.
	ClientKey = "ptlc_controllertestcontrollertestcontrollertest1"
)

// Options adjust the environment.
type Options struct {
	// Sim configures the simulator; its ApplicationKey is set to ApplicationKey, and its
	// ClientKey to ClientKey.
	Sim panelsim.Options
	// ClientKey puts ClientKey into the Panel's Secret, for the client API (power, files).
	ClientKey bool
	// SyncInterval of the Panel; default 10s, the shortest the API accepts.
	SyncInterval time.Duration
	// RequestsPerMinute of the Panel; default 6000 so tests are not slowed by the budget.
	RequestsPerMinute int32
	// Observation is how the manager reads the panel; "" takes $OBSERVATION, so a suite can be
	// run in either mode (OBSERVATION=per-object go test ./internal/controller/gameservers/);
	// unset, the manager's default, the snapshot.
	Observation connection.Observation
}

// Env is a running environment.
type Env struct {
	Client  client.Client
	Scheme  *runtime.Scheme
	Sim     *panelsim.Sim
	SimURL  string
	Metrics *panel.Metrics
	// Panel is a client of the simulator with the application key, for tests that read what the
	// panel holds or change it behind the operator's back.
	Panel *panel.Client

	ctx     context.Context
	cfg     *rest.Config
	testEnv *envtest.Environment
	server  *httptest.Server
	cancel  context.CancelFunc
	done    chan error
}

// Start starts the environment; call Stop when done.
func Start(ctx context.Context, o Options) (*Env, error) {
	root, err := utils.ProjectDir()
	if err != nil {
		return nil, err
	}
	scheme := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(scheme); err != nil {
		return nil, err
	}
	if err := ptero.AddToScheme(scheme); err != nil {
		return nil, err
	}
	e := &Env{Scheme: scheme, ctx: ctx, done: make(chan error, 1)}
	e.testEnv = &envtest.Environment{
		CRDDirectoryPaths:     []string{filepath.Join(root, "config", "crd", "bases")},
		ErrorIfCRDPathMissing: true,
		BinaryAssetsDirectory: utils.ControlPlaneAssets(),
	}
	cfg, err := e.testEnv.Start()
	if err != nil {
		return nil, fmt.Errorf("start the control plane (run `make controlplane` once, or set KUBEBUILDER_ASSETS): %w", err)
	}
	if e.Client, err = client.New(cfg, client.Options{Scheme: scheme}); err != nil {
		return nil, errors.Join(err, e.Stop())
	}

	simOpts := o.Sim
	simOpts.ApplicationKey, simOpts.ClientKey = ApplicationKey, ClientKey
	if simOpts.RateLimitPerMinute == 0 {
		// Suites measure behaviour, not the budget (the benchmark sets the panel's 240), but the
		// rate-limit headers stay on: the Panel reports them.
		simOpts.RateLimitPerMinute = 1_000_000
	}
	e.Sim = panelsim.New(simOpts)
	e.server = httptest.NewServer(e.Sim)
	e.SimURL = e.server.URL
	if e.Panel, err = panel.NewClient(e.SimURL, ApplicationKey); err != nil {
		return nil, errors.Join(err, e.Stop())
	}

	e.cfg = cfg
	e.Metrics = panel.NewMetrics()
	if err := e.startManager(cmp.Or(o.Observation, connection.Observation(os.Getenv("OBSERVATION")))); err != nil {
		return nil, errors.Join(err, e.Stop())
	}

	if err := e.createPanel(ctx, o); err != nil {
		return nil, errors.Join(err, e.Stop())
	}
	return e, nil
}

// startManager starts a manager with every controller, reading the panel in the given mode.
func (e *Env) startManager(mode connection.Observation) error {
	mgr, err := ctrl.NewManager(e.cfg, ctrl.Options{
		Scheme:                 e.Scheme,
		Cache:                  controller.CacheOptions(),
		Metrics:                metricsserver.Options{BindAddress: "0"},
		HealthProbeBindAddress: "0",
		// Several suites in one process register controllers with the same names.
		Controller: config.Controller{SkipNameValidation: ptr.To(true), MaxConcurrentReconciles: controller.DefaultMaxConcurrentReconciles},
	})
	if err != nil {
		return err
	}
	_, err = controller.Setup(e.ctx, mgr, controller.Options{
		Metrics:     e.Metrics,
		Observation: mode,
		// Fast retries keep fault tests short; the policy is otherwise the default.
		PanelOptions: []panel.Option{panel.WithRetry(panel.RetryPolicy{BaseDelay: 20 * time.Millisecond, MaxDelay: 2 * time.Second})},
	})
	if err != nil {
		return err
	}
	mgrCtx, cancel := context.WithCancel(e.ctx)
	e.cancel = cancel
	go func() { e.done <- mgr.Start(mgrCtx) }()
	return nil
}

// RestartManager stops the manager and starts a new one over the same control plane and
// simulator, reading the panel in mode: what a rollout of the operator with another
// --observation does.
func (e *Env) RestartManager(mode connection.Observation) error {
	e.cancel()
	e.cancel = nil
	if err := <-e.done; err != nil {
		return err
	}
	return e.startManager(mode)
}

func (e *Env) createPanel(ctx context.Context, o Options) error {
	interval := o.SyncInterval
	if interval == 0 {
		interval = 10 * time.Second
	}
	rpm := o.RequestsPerMinute
	if rpm == 0 {
		rpm = 6000
	}
	objs := []client.Object{
		&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: PanelNamespace}},
		&corev1.Secret{
			ObjectMeta: metav1.ObjectMeta{Namespace: PanelNamespace, Name: CredentialsName},
			StringData: credentials(o.ClientKey),
		},
		&ptero.Panel{
			ObjectMeta: metav1.ObjectMeta{Name: PanelName},
			Spec: ptero.PanelSpec{
				URL:                  e.SimURL,
				CredentialsSecretRef: ptero.SecretReference{Namespace: PanelNamespace, Name: CredentialsName},
				RequestsPerMinute:    rpm,
				// Like RequestsPerMinute: suites measure behaviour, not the budget.
				ClientRequestsPerMinute: 6000,
				SyncInterval:            &metav1.Duration{Duration: interval},
			},
		},
	}
	for _, obj := range objs {
		if err := e.Client.Create(ctx, obj); err != nil {
			return err
		}
	}
	return e.WaitReady(ctx, &ptero.Panel{ObjectMeta: metav1.ObjectMeta{Name: PanelName}}, 30*time.Second)
}

// credentials is the Panel's Secret data: the application key, and the client key when asked.
func credentials(withClientKey bool) map[string]string {
	data := map[string]string{connection.ApplicationKeyField: ApplicationKey}
	if withClientKey {
		data[connection.ClientKeyField] = ClientKey
	}
	return data
}

// WaitReady polls obj until its Ready condition is True, for at most timeout. Suites use Gomega's
// Eventually; this is for setup code outside a spec.
func (e *Env) WaitReady(ctx context.Context, obj client.Object, timeout time.Duration) error {
	err := wait.PollUntilContextTimeout(ctx, 100*time.Millisecond, timeout, true, func(ctx context.Context) (bool, error) {
		if err := e.Client.Get(ctx, client.ObjectKeyFromObject(obj), obj); err != nil {
			return false, client.IgnoreNotFound(err)
		}
		return IsReady(obj), nil
	})
	if err != nil {
		return fmt.Errorf("%T %s not Ready: %w (conditions: %+v)", obj, obj.GetName(), err, Conditions(obj))
	}
	return nil
}

// Conditions returns the conditions of any kind of the API.
func Conditions(obj client.Object) []metav1.Condition {
	switch o := obj.(type) {
	case *ptero.Panel:
		return o.Status.Conditions
	case *ptero.GameServerSet:
		return o.Status.Conditions
	case ptero.ManagedObject:
		return o.GetManagedStatus().Conditions
	}
	return nil
}

// Condition returns one condition of obj, or nil.
func Condition(obj client.Object, conditionType string) *metav1.Condition {
	return meta.FindStatusCondition(Conditions(obj), conditionType)
}

// IsReady reports whether obj's Ready condition is True for its current generation.
func IsReady(obj client.Object) bool {
	c := Condition(obj, ptero.ConditionReady)
	return c != nil && c.Status == metav1.ConditionTrue && c.ObservedGeneration == obj.GetGeneration()
}

// Stop stops the manager, the simulator and the control plane.
func (e *Env) Stop() error {
	var errs []error
	if e.cancel != nil {
		e.cancel()
		if err := <-e.done; err != nil {
			errs = append(errs, err)
		}
	}
	if e.server != nil {
		e.server.Close()
	}
	if e.Sim != nil {
		e.Sim.Close()
	}
	if e.testEnv != nil {
		errs = append(errs, e.testEnv.Stop())
	}
	return errors.Join(errs...)
}
