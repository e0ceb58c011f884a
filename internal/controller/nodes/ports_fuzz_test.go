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

package nodes

import (
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// FuzzExpandPorts: any port spec either fails or gives at most 1000 consecutive ports, all within
// 1025-65535, the first being the spec's low end. make chaos runs it; a crasher becomes a seed in
// testdata/fuzz.
func FuzzExpandPorts(f *testing.F) {
	for _, seed := range []string{"25565", "25570-25580", "1024", "65535-65536", "30000-30999", "30000-31000", "-1", "1-", "99999999999999999999", "25565-25565"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		ports, err := expandPorts(ptero.PortSpec(spec))
		if err != nil {
			return
		}
		if len(ports) == 0 || len(ports) > 1000 {
			t.Fatalf("%q: %d ports", spec, len(ports))
		}
		for i, p := range ports {
			if p < 1025 || p > 65535 || (i > 0 && p != ports[i-1]+1) {
				t.Fatalf("%q: port %d at %d of %v", spec, p, i, ports[:min(len(ports), 5)])
			}
		}
	})
}
