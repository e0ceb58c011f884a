//go:build chaos

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

package chaos

import (
	"io"
	"net"
	"sync"

	. "github.com/onsi/gomega"
)

// gate stands between the operator and the panel on a port of its own: open, it passes every
// connection through; shut, nothing listens on its port, so the operator's connections are
// refused, as those to a panel whose host is down.
type gate struct {
	addr, target string

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]bool
}

// newGate opens a gate to target (host:port) on a free loopback port.
func newGate(target string) *gate {
	g := &gate{addr: freeAddress(), target: target, conns: map[net.Conn]bool{}}
	g.open()
	return g
}

// open listens on the gate's port again and passes connections through.
func (g *gate) open() {
	ln, err := net.Listen("tcp", g.addr)
	Expect(err).NotTo(HaveOccurred())
	g.mu.Lock()
	g.ln = ln
	g.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return // shut
			}
			go g.pass(c)
		}
	}()
}

// shut stops listening and cuts every open connection.
func (g *gate) shut() {
	g.mu.Lock()
	defer g.mu.Unlock()
	_ = g.ln.Close()
	for c := range g.conns {
		_ = c.Close()
	}
	g.conns = map[net.Conn]bool{}
}

func (g *gate) pass(c net.Conn) {
	up, err := net.Dial("tcp", g.target)
	if err != nil {
		_ = c.Close()
		return
	}
	g.mu.Lock()
	g.conns[c], g.conns[up] = true, true
	g.mu.Unlock()
	done := make(chan struct{}, 2)
	for _, pipe := range [][2]net.Conn{{c, up}, {up, c}} {
		go func(dst, src net.Conn) {
			_, _ = io.Copy(dst, src)
			done <- struct{}{}
		}(pipe[0], pipe[1])
	}
	<-done
	_ = c.Close()
	_ = up.Close()
	g.mu.Lock()
	delete(g.conns, c)
	delete(g.conns, up)
	g.mu.Unlock()
}
