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

package utils

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

// Process is a binary of bin/ a suite runs in the background, its output in a log file.
type Process struct {
	name    string
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{}
}

// StartProcess starts bin/<name> of the project with args and extra environment entries; stop it
// with Stop (or Kill).
func StartProcess(name, logPath string, env []string, args ...string) *Process {
	GinkgoHelper()
	dir, err := ProjectDir()
	Expect(err).NotTo(HaveOccurred())
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	Expect(err).NotTo(HaveOccurred())
	cmd := exec.Command(filepath.Join(dir, "bin", name), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	_, _ = fmt.Fprintf(GinkgoWriter, "starting: bin/%s %s (log %s)\n", name, strings.Join(args, " "), logPath)
	Expect(cmd.Start()).To(Succeed())
	p := &Process{name: name, cmd: cmd, logPath: logPath, exited: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		_ = logFile.Close()
		close(p.exited)
	}()
	return p
}

// Stop sends SIGTERM (an orderly shutdown) and waits for the process to exit.
func (p *Process) Stop() {
	if p == nil || p.done() {
		return
	}
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
	}
}

// Kill sends SIGKILL, as the kernel's OOM killer or a node failure would: no shutdown at all.
func (p *Process) Kill() {
	if p == nil || p.done() {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

func (p *Process) done() bool {
	select {
	case <-p.exited:
		return true
	default:
		return false
	}
}

// LogValue waits for a "key=value" line in the process's log and returns the value.
func (p *Process) LogValue(key string) string {
	GinkgoHelper()
	var value string
	Eventually(func() bool {
		f, err := os.Open(p.logPath)
		if err != nil {
			return false
		}
		defer func() { _ = f.Close() }()
		s := bufio.NewScanner(f)
		for s.Scan() {
			if v, ok := strings.CutPrefix(s.Text(), key+"="); ok {
				value = v
				return true
			}
		}
		return false
	}).WithTimeout(30*time.Second).Should(BeTrue(), "bin/%s never printed %s= (log %s)", p.name, key, p.logPath)
	return value
}

// LogContents returns the whole log.
func (p *Process) LogContents() string {
	GinkgoHelper()
	b, err := os.ReadFile(p.logPath)
	Expect(err).NotTo(HaveOccurred())
	return string(b)
}
