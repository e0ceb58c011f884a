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

package main

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
)

// write puts files into chartDir and deletes the generated files that render no longer produces (a
// CRD or role removed from config/), so the chart never installs what kustomize no longer does.
// Hand-written templates are never touched: they lack generatedMarker.
func write(chartDir string, files map[string][]byte) error {
	stale, err := generatedFiles(chartDir)
	if err != nil {
		return err
	}
	for name, content := range files {
		delete(stale, name)
		dst := filepath.Join(chartDir, filepath.FromSlash(name))
		if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, content) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, content, 0o644); err != nil {
			return err
		}
	}
	for name := range stale {
		if err := os.Remove(filepath.Join(chartDir, filepath.FromSlash(name))); err != nil {
			return err
		}
	}
	return nil
}

// generatedFiles lists the files of chartDir's generated directories that carry generatedMarker, keyed
// like render's result.
func generatedFiles(chartDir string) (map[string]bool, error) {
	found := map[string]bool{}
	for _, dir := range []string{crdDir, rbacDir} {
		entries, err := os.ReadDir(filepath.Join(chartDir, filepath.FromSlash(dir)))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			name := path.Join(dir, e.Name())
			content, err := os.ReadFile(filepath.Join(chartDir, filepath.FromSlash(name)))
			if err != nil {
				return nil, err
			}
			if bytes.HasPrefix(content, []byte(generatedMarker)) {
				found[name] = true
			}
		}
	}
	return found, nil
}
