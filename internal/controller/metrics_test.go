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

package controller_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/go-logr/logr"
	"github.com/prometheus/client_golang/prometheus"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/metrics"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/connection"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

const (
	dashboardPath = "config/grafana/pterodactyl-operator.json"
	rulesPath     = "config/prometheus/rules.yaml"
)

// registeredMetrics are the names the manager's registry serves: controller-runtime's own,
// registered when its packages load, and the operator's, registered as Setup does.
func registeredMetrics(t *testing.T) map[string]bool {
	t.Helper()
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	kube := fake.NewClientBuilder().WithScheme(scheme).Build()
	m := panel.NewMetrics()
	// Already registered when the test runs again in this process (-count).
	var again prometheus.AlreadyRegisteredError
	if err := controller.RegisterMetrics(metrics.Registry, m, connection.NewRegistry(kube, logr.Discard(), m), kube); err != nil && !errors.As(err, &again) {
		t.Fatal(err)
	}
	descs := make(chan *prometheus.Desc)
	go func() {
		// The registry describes every collector registered with it, vectors without series too.
		metrics.Registry.(prometheus.Collector).Describe(descs)
		close(descs)
	}()
	fqName := regexp.MustCompile(`fqName: "([^"]+)"`)
	names := map[string]bool{}
	for d := range descs {
		if m := fqName.FindStringSubmatch(d.String()); m != nil {
			names[m[1]] = true
		}
	}
	return names
}

// known reports whether a name used in PromQL is served: histograms and summaries are queried
// through their _bucket, _sum and _count series.
func known(registered map[string]bool, name string) bool {
	if registered[name] {
		return true
	}
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		if base, ok := strings.CutSuffix(name, suffix); ok && registered[base] {
			return true
		}
	}
	return false
}

var (
	// Grafana's label_values(metric, label): the label is no metric.
	grafanaLabelValues = regexp.MustCompile(`label_values\(\s*([^,)]+?)\s*,[^)]*\)`)
	promqlStrings      = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)
	promqlVariables    = regexp.MustCompile(`\$\{[^}]*\}|\$\w+`)
	promqlMatchers     = regexp.MustCompile(`\{[^}]*\}|\[[^\]]*\]`)
	promqlGrouping     = regexp.MustCompile(`\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)`)
	promqlName         = regexp.MustCompile(`[a-zA-Z_:][a-zA-Z0-9_:]*`)
	promqlCall         = regexp.MustCompile(`^\s*\(`)
	promqlKeywords     = []string{"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset",
		"and", "or", "unless", "atan2", "inf", "nan", "e"}
)

// metricNames are the metric names a PromQL expression (or Grafana's label_values) selects.
// Not a PromQL parser: enough for the expressions of this repository, and checked on some below.
func metricNames(expr string) []string {
	expr = grafanaLabelValues.ReplaceAllString(expr, "$1")
	expr = promqlStrings.ReplaceAllString(expr, `""`)
	expr = promqlVariables.ReplaceAllString(expr, "")
	expr = promqlMatchers.ReplaceAllString(expr, " ")
	expr = promqlGrouping.ReplaceAllString(expr, " ")
	var names []string
	for _, loc := range promqlName.FindAllStringIndex(expr, -1) {
		name := expr[loc[0]:loc[1]]
		if loc[0] > 0 && (expr[loc[0]-1] >= '0' && expr[loc[0]-1] <= '9' || expr[loc[0]-1] == '.') {
			continue // the exponent or unit of a number: 1e3, 0.5
		}
		if promqlCall.MatchString(expr[loc[1]:]) || slices.Contains(promqlKeywords, strings.ToLower(name)) {
			continue // a function, an aggregation or a keyword
		}
		names = append(names, name)
	}
	return names
}

func TestMetricNamesOfPromQL(t *testing.T) {
	for expr, want := range map[string]string{
		`sum by (panel, route) (rate(pterodactyl_panel_requests_total{panel=~"$panel", code=~"5..|error"}[$__rate_interval])) * 60`: "pterodactyl_panel_requests_total",
		`histogram_quantile(0.99, sum by (le) (rate(a_seconds_bucket{x="y"}[5m]))) > 1e3 unless b == 0`:                             "a_seconds_bucket b",
		`sum(max by (panel, ready) (pterodactyl_gameservers{ready!="True"})) or vector(0)`:                                          "pterodactyl_gameservers",
		`label_values(pterodactyl_panel_requests_total, panel)`:                                                                     "pterodactyl_panel_requests_total",
	} {
		if got := strings.Join(metricNames(expr), " "); got != want {
			t.Errorf("metricNames(%s) = %q, want %q", expr, got, want)
		}
	}
}

// dashboardPanel is the part of a Grafana panel these tests read.
type dashboardPanel struct {
	Type       string `json:"type"`
	Title      string `json:"title"`
	Datasource *struct {
		UID string `json:"uid"`
	} `json:"datasource"`
	GridPos *struct{ H, W, X, Y int } `json:"gridPos"`
	Targets []struct {
		Expr  string `json:"expr"`
		RefID string `json:"refId"`
	} `json:"targets"`
	Panels []dashboardPanel `json:"panels"`
}

// dashboardExprs reads the dashboard and returns its queries by where they are.
func dashboardExprs(t *testing.T) map[string]string {
	t.Helper()
	var d struct {
		Title, UID    string
		SchemaVersion int `json:"schemaVersion"`
		Templating    struct {
			List []struct {
				Name, Type string
				Query      json.RawMessage `json:"query"`
			} `json:"list"`
		} `json:"templating"`
		Panels []dashboardPanel `json:"panels"`
	}
	if err := json.Unmarshal([]byte(readText(t, dashboardPath)), &d); err != nil {
		t.Fatalf("%s: %v", dashboardPath, err)
	}
	if d.Title == "" || d.UID == "" || d.SchemaVersion == 0 || len(d.Panels) == 0 {
		t.Fatalf("%s needs a title, a uid, a schemaVersion and panels", dashboardPath)
	}
	exprs := map[string]string{}
	for _, v := range d.Templating.List {
		if v.Type != "query" {
			continue
		}
		var q struct{ Query string }
		if err := json.Unmarshal(v.Query, &q); err != nil {
			t.Fatalf("variable %s: %v", v.Name, err)
		}
		exprs["variable "+v.Name] = q.Query
	}
	var walk func([]dashboardPanel)
	walk = func(panels []dashboardPanel) {
		for _, p := range panels {
			walk(p.Panels)
			if p.Type == "row" {
				continue
			}
			if p.GridPos == nil || p.GridPos.W == 0 || p.GridPos.H == 0 {
				t.Errorf("panel %q has no gridPos", p.Title)
			}
			if p.Datasource == nil || p.Datasource.UID != "${datasource}" {
				t.Errorf("panel %q must query the ${datasource} variable, so the dashboard imports into any Grafana", p.Title)
			}
			if len(p.Targets) == 0 {
				t.Errorf("panel %q has no query", p.Title)
			}
			for _, target := range p.Targets {
				exprs[fmt.Sprintf("panel %q %s", p.Title, target.RefID)] = target.Expr
			}
		}
	}
	walk(d.Panels)
	return exprs
}

// ruleExprs reads the PrometheusRule and returns its expressions by alert.
func ruleExprs(t *testing.T) map[string]string {
	t.Helper()
	var rule struct {
		APIVersion string `json:"apiVersion"`
		Kind       string `json:"kind"`
		Spec       struct {
			Groups []struct {
				Name  string `json:"name"`
				Rules []struct {
					Alert       string            `json:"alert"`
					Expr        string            `json:"expr"`
					For         string            `json:"for"`
					Labels      map[string]string `json:"labels"`
					Annotations map[string]string `json:"annotations"`
				} `json:"rules"`
			} `json:"groups"`
		} `json:"spec"`
	}
	read(t, rulesPath, &rule)
	if rule.APIVersion != "monitoring.coreos.com/v1" || rule.Kind != "PrometheusRule" {
		t.Fatalf("%s is %s %s, not a PrometheusRule", rulesPath, rule.APIVersion, rule.Kind)
	}
	exprs := map[string]string{}
	for _, g := range rule.Spec.Groups {
		for _, r := range g.Rules {
			if r.Alert == "" || strings.TrimSpace(r.Expr) == "" || r.Labels["severity"] == "" || r.Annotations["summary"] == "" {
				t.Errorf("%s: rule %+v needs alert, expr, a severity label and a summary", rulesPath, r)
			}
			exprs["alert "+r.Alert] = r.Expr
		}
	}
	if !strings.Contains(readText(t, "config/prometheus/kustomization.yaml"), "rules.yaml") {
		t.Errorf("config/prometheus/kustomization.yaml does not list rules.yaml")
	}
	return exprs
}

// TestDashboardAndAlertsUseOnlyServedMetrics fails when the Grafana dashboard or the alerts name
// a metric the manager does not serve: a renamed metric would leave an empty panel or an alert
// that never fires.
func TestDashboardAndAlertsUseOnlyServedMetrics(t *testing.T) {
	registered := registeredMetrics(t)
	for _, want := range []string{"pterodactyl_panel_requests_total", "pterodactyl_gameservers", "controller_runtime_reconcile_errors_total", "workqueue_depth"} {
		if !registered[want] {
			t.Fatalf("the registry does not describe %s; the test gathers the wrong registry", want)
		}
	}
	exprs := dashboardExprs(t)
	alerts := ruleExprs(t)
	for _, alert := range []string{"PterodactylPanelUnreachable", "PterodactylPanelBudgetExhausted", "PterodactylGameServersNotReady"} {
		if _, ok := alerts["alert "+alert]; !ok {
			t.Errorf("%s has no alert %s", rulesPath, alert)
		}
	}
	for where, expr := range alerts {
		exprs[where] = expr
	}

	used := map[string]bool{}
	for where, expr := range exprs {
		names := metricNames(expr)
		if len(names) == 0 {
			t.Errorf("%s: no metric in %q", where, expr)
		}
		for _, name := range names {
			used[name] = true
			if !known(registered, name) {
				t.Errorf("%s uses %s, which the manager does not serve (docs/metrics.md lists what it does)", where, name)
			}
		}
	}
	var names []string
	for name := range used {
		names = append(names, name)
	}
	sort.Strings(names)
	t.Logf("metrics used: %s", strings.Join(names, ", "))
}

// TestDashboardAndAlertsCoverEveryKind: the controller filters in the dashboard and the alerts
// name each kind's controller, so a kind added to controller.Kinds shows up there too.
func TestDashboardAndAlertsCoverEveryKind(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	filter := regexp.MustCompile(`(?:controller|name)=~"([^"]+)"`)
	exprs := dashboardExprs(t)
	for where, expr := range ruleExprs(t) {
		exprs[where] = expr
	}
	for where, expr := range exprs {
		for _, m := range filter.FindAllStringSubmatch(expr, -1) {
			controllers := strings.Split(m[1], "|")
			for _, k := range controller.Kinds {
				gvk, err := apiutil.GVKForObject(k.Object, scheme)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Contains(controllers, strings.ToLower(gvk.Kind)) {
					t.Errorf("%s: its controller filter %q leaves out %s", where, m[1], strings.ToLower(gvk.Kind))
				}
			}
		}
	}
}
