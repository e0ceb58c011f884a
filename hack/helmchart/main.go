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

// Command helmchart regenerates the parts of the Helm chart in dist/chart that are copies of config/:
// the CRDs (config/crd) and the rules of every Role and ClusterRole (config/rbac). They are generated
// rather than written by hand because `make manifests` rewrites their sources from the code markers;
// the rest of the chart (Deployment, Services, bindings) is written by hand and checked against
// `kustomize build config/default` by the e2e suite. Run it through hack/helm-chart.sh.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	configDir := flag.String("config", "config", "the kustomize tree to read")
	chartDir := flag.String("chart", "dist/chart", "the chart to write into")
	flag.Parse()

	files, err := render(*configDir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "helmchart: %v\n", err)
		os.Exit(1)
	}
	if err := write(*chartDir, files); err != nil {
		fmt.Fprintf(os.Stderr, "helmchart: %v\n", err)
		os.Exit(1)
	}
}
