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

// Package utils runs the commands the e2e suite drives, the way a user would type them.
package utils

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	. "github.com/onsi/ginkgo/v2"
)

// ProjectDir returns the repository root, found by walking up to go.mod.
func ProjectDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// Run runs cmd from the project root with extra environment entries, echoes it to
// the Ginkgo log and returns its combined output; a failure carries the output too.
func Run(cmd *exec.Cmd, env ...string) (string, error) {
	dir, err := ProjectDir()
	if err != nil {
		return "", err
	}
	if cmd.Dir == "" {
		cmd.Dir = dir
	}
	cmd.Env = append(append(os.Environ(), "GO111MODULE=on"), env...)
	_, _ = fmt.Fprintf(GinkgoWriter, "running: %s\n", strings.Join(cmd.Args, " "))
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("%s failed: %w\n%s", strings.Join(cmd.Args, " "), err, out.String())
	}
	return out.String(), nil
}

// ControlPlaneAssets returns the directory holding etcd and kube-apiserver for envtest:
// KUBEBUILDER_ASSETS when set, else the cache hack/controlplane.sh builds into, so that a plain
// `go test ./...` works once `make controlplane` has run.
func ControlPlaneAssets() string {
	if dir := os.Getenv("KUBEBUILDER_ASSETS"); dir != "" {
		return dir
	}
	root, err := ProjectDir()
	if err != nil {
		return ""
	}
	out, err := exec.Command(filepath.Join(root, "hack", "controlplane.sh"), "path").Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}
