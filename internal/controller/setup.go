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

package controller

import (
	"context"

	"github.com/go-logr/logr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/index"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/panels"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// DefaultMaxConcurrentReconciles is how many objects of one kind are reconciled at once. Above 1
// so that one slow panel request does not hold up every object of its kind; the Panel's shared
// rate limiter, not the worker count, bounds the request rate.
const DefaultMaxConcurrentReconciles = 4

// Options tune the controllers; the zero value is what the manager runs with.
type Options struct {
	// PanelOptions are added to every panel client (tests shorten retries with them).
	PanelOptions []panel.Option
	// Metrics collects the panel clients' request metrics; nil registers a new set with
	// controller-runtime's registry, served on the manager's metrics endpoint.
	Metrics *panel.Metrics
	// Observation says how the panel is read; "" is the shared snapshot.
	Observation connection.Observation
}

// Setup registers the field indexes and the controller of every kind in Kinds with mgr, sharing
// one panel connection registry so that all controllers of a Panel share its rate limiter.
func Setup(ctx context.Context, mgr ctrl.Manager, o Options) (*connection.Registry, error) {
	dependents := inPanel()
	if err := index.Setup(ctx, mgr, dependents); err != nil {
		return nil, err
	}
	m := o.Metrics
	if m == nil {
		m = panel.NewMetrics()
	}
	reg := connection.NewRegistry(mgr.GetClient(), panelLogger(mgr), m, o.PanelOptions...)
	reg.Observation = o.Observation
	if o.Metrics == nil {
		// Once per process, with the manager's registry; tests that run several managers in
		// one process bring their own Metrics and register nothing.
		if err := RegisterMetrics(metrics.Registry, m, reg, mgr.GetClient()); err != nil {
			return nil, err
		}
	}
	// The connections' listing loops stop with the manager.
	if err := mgr.Add(reg); err != nil {
		return nil, err
	}

	if err := panels.Setup(mgr, reg, dependents); err != nil {
		return nil, err
	}
	for _, k := range Kinds {
		if k.Setup == nil {
			continue
		}
		if err := k.Setup(mgr, reg); err != nil {
			return nil, err
		}
	}
	return reg, nil
}

// panelLogger is the parent of the clients' loggers; they log each request at V(1), seen with
// --zap-log-level=debug, and never log a key.
func panelLogger(mgr ctrl.Manager) logr.Logger { return mgr.GetLogger() }
