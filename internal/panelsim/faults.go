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

package panelsim

import (
	"errors"
	"net/http"
	"strconv"
	"time"
)

// Fault changes how the simulator answers requests matching Method and Route (a route template
// such as "/api/application/servers/{server}/build"; empty matches any). It fires Times times
// (0: until cleared), or, with Rate in (0,1], on that share of matching requests, drawn from the
// seeded random source so runs repeat.
type Fault struct {
	Method string  `json:"method,omitempty"`
	Route  string  `json:"route,omitempty"`
	Times  int     `json:"times,omitempty"`
	Rate   float64 `json:"rate,omitempty"`
	// Status answers with the panel's error JSON for that code without touching state.
	Status int `json:"status,omitempty"`
	// Latency delays the answer (the request is still served). A request with a body (a create,
	// an update) is served after the delay even when its client gave up meanwhile, as the panel's
	// PHP carries on with a request whose client went away: a slow create still commits. One
	// without a body is dropped when its client gives up (net/http notices only once a body is
	// read).
	Latency time.Duration `json:"latency,omitempty"`
	// DropAfterCommit serves the request, keeps its effect, and closes the connection without
	// answering: a create whose response was lost.
	DropAfterCommit bool `json:"drop_after_commit,omitempty"`

	fired int
}

func (f *Fault) validate() error {
	if f.Status == 0 && f.Latency == 0 && !f.DropAfterCommit {
		return errors.New("a fault needs status, latency or drop_after_commit")
	}
	if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
		return errors.New("status must be an HTTP error code (400-599)")
	}
	if f.Rate < 0 || f.Rate > 1 {
		return errors.New("rate must be between 0 and 1")
	}
	return nil
}

// InjectFault adds a fault; it panics on a fault that would never fire (a test bug).
func (s *Sim) InjectFault(f Fault) {
	if err := f.validate(); err != nil {
		panic("panelsim: " + err.Error())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
}

// ClearFaults removes every fault and brings every node's Wings back.
func (s *Sim) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
	s.wingsDown = map[int]bool{}
}

// SetWingsReachable makes a node's Wings (nodeID 0: every node's) answer or not. While it does
// not, the panel's calls to it fail as a refused connection would: create, suspend, unsuspend and
// reinstall roll back with a 504, delete fails unless forced, build succeeds anyway, and a node
// update is saved but answered with a 400.
func (s *Sim) SetWingsReachable(nodeID int, reachable bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if reachable {
		delete(s.wingsDown, nodeID)
		return
	}
	s.wingsDown[nodeID] = true
}

// wingsReachable is asked before each Wings call the panel would make. Holds s.mu.
func (s *Sim) wingsReachable(nodeID int) bool { return !s.wingsDown[0] && !s.wingsDown[nodeID] }

// takeFault returns the first fault that fires for this request, consuming one of its times.
func (s *Sim) takeFault(method, route string) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if (f.Method != "" && f.Method != method) || (f.Route != "" && f.Route != route) {
			continue
		}
		if f.Rate > 0 && s.rng.Float64() >= f.Rate {
			continue
		}
		f.fired++
		if f.Times > 0 && f.fired >= f.Times {
			s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
		}
		return f
	}
	return nil
}

// injectedError is an injected fault's answer. An injected 429 carries the headers a real one
// does, telling the client to wait a second.
func (s *Sim) injectedError(status int) *apiError {
	e := errInjected(status)
	if status == http.StatusTooManyRequests {
		limit := s.opts.RateLimitPerMinute
		e.header = http.Header{}
		e.header.Set("Retry-After", "1")
		e.header.Set("X-RateLimit-Limit", strconv.Itoa(max(limit, 0)))
		e.header.Set("X-RateLimit-Remaining", "0")
		e.header.Set("X-RateLimit-Reset", strconv.FormatInt(s.now().Unix()+1, 10))
	}
	return e
}
