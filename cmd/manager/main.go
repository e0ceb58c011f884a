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

// Command manager runs the pterodactyl-operator controllers.
package main

import (
	"crypto/tls"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	// Import all Kubernetes client auth plugins (e.g. OIDC, exec) so the manager can
	// run outside a cluster against any kubeconfig.
	_ "k8s.io/client-go/plugin/pkg/client/auth"

	"k8s.io/apimachinery/pkg/runtime"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/certwatcher"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/healthz"
	"sigs.k8s.io/controller-runtime/pkg/log/zap"
	"sigs.k8s.io/controller-runtime/pkg/metrics/filters"
	metricsserver "sigs.k8s.io/controller-runtime/pkg/metrics/server"
	"sigs.k8s.io/controller-runtime/pkg/webhook"

	pterodactylv1alpha1 "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
)

var (
	scheme   = runtime.NewScheme()
	setupLog = ctrl.Log.WithName("setup")
)

func init() {
	utilruntime.Must(clientgoscheme.AddToScheme(scheme))
	utilruntime.Must(pterodactylv1alpha1.AddToScheme(scheme))
}

// options are the manager's command-line flags.
type options struct {
	metricsAddr          string
	metricsCertPath      string
	metricsCertName      string
	metricsCertKey       string
	probeAddr            string
	secureMetrics        bool
	enableHTTP2          bool
	enableLeaderElection bool
	leaderElectionNS     string
	maxConcurrent        int
	observation          string
	zap                  zap.Options
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.metricsAddr, "metrics-bind-address", "0",
		"The address the metrics endpoint binds to. Use :8443 for HTTPS or :8080 for HTTP, or 0 to disable it.")
	flag.StringVar(&o.probeAddr, "health-probe-bind-address", ":8081", "The address the probe endpoint binds to.")
	flag.BoolVar(&o.enableLeaderElection, "leader-elect", false,
		"Enable leader election, so that only one manager is active at a time.")
	flag.StringVar(&o.leaderElectionNS, "leader-election-namespace", "",
		"Namespace of the leader election lease; defaults to the manager's own namespace in a cluster.")
	flag.BoolVar(&o.secureMetrics, "metrics-secure", true,
		"Serve metrics over HTTPS with authentication and authorization. Use --metrics-secure=false for plain HTTP.")
	flag.StringVar(&o.metricsCertPath, "metrics-cert-path", "",
		"Directory with the metrics server's certificate; a self-signed one is generated when empty.")
	flag.StringVar(&o.metricsCertName, "metrics-cert-name", "tls.crt", "The metrics server certificate file name.")
	flag.StringVar(&o.metricsCertKey, "metrics-cert-key", "tls.key", "The metrics server key file name.")
	flag.BoolVar(&o.enableHTTP2, "enable-http2", false,
		"Enable HTTP/2 for the metrics server. Off by default because of the HTTP/2 Stream Cancellation and Rapid Reset CVEs.")
	flag.IntVar(&o.maxConcurrent, "max-concurrent-reconciles", controller.DefaultMaxConcurrentReconciles,
		"Objects of one kind reconciled at once. The Panel's requestsPerMinute, not this, bounds the request rate; "+
			"more workers keep one slow panel request from holding up the rest of its kind.")
	flag.StringVar(&o.observation, "observation", string(connection.Snapshot),
		"How servers, nodes, users and locations are observed: snapshot (one shared, paginated list per collection "+
			"and Panel, refreshed at most twice per sync interval) or per-object (a GET per object per sync interval).")
	o.zap = zap.Options{Development: false}
	o.zap.BindFlags(flag.CommandLine)
	flag.Parse()
	return o
}

func main() {
	o := parseFlags()
	ctrl.SetLogger(zap.New(zap.UseFlagOptions(&o.zap)))

	if err := run(o); err != nil {
		setupLog.Error(err, "manager exited with an error")
		os.Exit(1)
	}
}

func run(o options) error {
	if o.maxConcurrent < 1 {
		return fmt.Errorf("--max-concurrent-reconciles must be at least 1, got %d", o.maxConcurrent)
	}
	var tlsOpts []func(*tls.Config)
	if !o.enableHTTP2 {
		tlsOpts = append(tlsOpts, func(c *tls.Config) { c.NextProtos = []string{"http/1.1"} })
	}

	metricsOpts := metricsserver.Options{
		BindAddress:   o.metricsAddr,
		SecureServing: o.secureMetrics,
		TLSOpts:       tlsOpts,
	}
	if o.secureMetrics {
		// Only callers whose token may "get /metrics" (see config/rbac/metrics_reader_role.yaml) get an answer.
		metricsOpts.FilterProvider = filters.WithAuthenticationAndAuthorization
	}
	var certWatcher *certwatcher.CertWatcher
	if o.metricsCertPath != "" {
		var err error
		certWatcher, err = certwatcher.New(
			filepath.Join(o.metricsCertPath, o.metricsCertName),
			filepath.Join(o.metricsCertPath, o.metricsCertKey),
		)
		if err != nil {
			return err
		}
		metricsOpts.TLSOpts = append(metricsOpts.TLSOpts, func(c *tls.Config) { c.GetCertificate = certWatcher.GetCertificate })
	}

	mgr, err := ctrl.NewManager(ctrl.GetConfigOrDie(), ctrl.Options{
		Scheme:                  scheme,
		Cache:                   controller.CacheOptions(),
		Metrics:                 metricsOpts,
		WebhookServer:           webhook.NewServer(webhook.Options{TLSOpts: tlsOpts}),
		HealthProbeBindAddress:  o.probeAddr,
		LeaderElection:          o.enableLeaderElection,
		LeaderElectionID:        "pterodactyl-operator.gameops.dev",
		LeaderElectionNamespace: o.leaderElectionNS,
		// The manager exits right after stopping, so stepping down at once lets a
		// new leader take over without waiting for the lease to expire.
		LeaderElectionReleaseOnCancel: true,
		Controller:                    config.Controller{MaxConcurrentReconciles: o.maxConcurrent},
	})
	if err != nil {
		return err
	}

	if certWatcher != nil {
		if err := mgr.Add(certWatcher); err != nil {
			return err
		}
	}
	if err := mgr.AddHealthzCheck("healthz", healthz.Ping); err != nil {
		return err
	}
	if err := mgr.AddReadyzCheck("readyz", healthz.Ping); err != nil {
		return err
	}

	ctx := ctrl.SetupSignalHandler()
	observation, err := connection.ParseObservation(o.observation)
	if err != nil {
		setupLog.Error(err, "invalid flag")
		os.Exit(1)
	}
	if _, err := controller.Setup(ctx, mgr, controller.Options{Observation: observation}); err != nil {
		return err
	}

	setupLog.Info("starting manager")
	return mgr.Start(ctx)
}
