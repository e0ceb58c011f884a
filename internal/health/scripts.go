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

package health

import (
	"fmt"
	"os"
	"path/filepath"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// SharedScriptPath is the health check every kind shares, below the repository root.
const SharedScriptPath = "config/argocd/health.lua"

// ScriptPath is where the health check of kind lives in Argo CD's resource_customizations layout
// (<group>/<Kind>/health.lua), below the repository root.
func ScriptPath(kind string) string {
	return filepath.Join("config", "argocd", "health", ptero.GroupVersion.Group, kind, "health.lua")
}

// ConfigMapKey is the argocd-cm key that holds the health check of kind.
func ConfigMapKey(kind string) string {
	return "resource.customizations.health." + ptero.GroupVersion.Group + "_" + kind
}

// LoadScript reads the health check of kind from the repository at root.
func LoadScript(root, kind string) (string, error) {
	b, err := os.ReadFile(filepath.Join(root, ScriptPath(kind)))
	if err != nil {
		return "", fmt.Errorf("%s has no Argo CD health check: %w", kind, err)
	}
	return string(b), nil
}
