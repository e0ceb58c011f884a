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

package gameservers

import (
	"maps"
	"slices"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// checkEnvironment refuses keys the egg has no variable for: the panel would silently ignore
// them, and the user would wonder why the setting never applies.
func checkEnvironment(vars []panel.EggVariable, env map[string]string) error {
	keys := slices.Sorted(maps.Keys(env))
	for _, k := range keys {
		if !slices.ContainsFunc(vars, func(v panel.EggVariable) bool { return v.EnvVariable == k }) {
			names := make([]string, 0, len(vars))
			for _, v := range vars {
				names = append(names, v.EnvVariable)
			}
			slices.Sort(names)
			return managed.InvalidSpec("environment."+k, "the egg has no variable %s (it has: %v): remove it from spec.environment, or use one of those", k, names)
		}
	}
	return nil
}
