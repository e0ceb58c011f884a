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
	"bufio"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rateWatch samples the manager's count of panel requests (pterodactyl_panel_requests_total,
// refused connections and timeouts included) every few seconds, for the most sent in any minute.
type rateWatch struct {
	stop chan struct{}
	done sync.WaitGroup

	mu      sync.Mutex
	samples []rateSample
}

type rateSample struct {
	at    time.Time
	total float64
}

func watchRate(every time.Duration) *rateWatch {
	w := &rateWatch{stop: make(chan struct{})}
	w.done.Add(1)
	go func() {
		defer w.done.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			if total, ok := panelRequests(); ok {
				w.mu.Lock()
				w.samples = append(w.samples, rateSample{at: time.Now(), total: total})
				w.mu.Unlock()
			}
			select {
			case <-w.stop:
				return
			case <-t.C:
			}
		}
	}()
	return w
}

// maxPerMinute stops the watch and returns the most requests sent within any minute of it.
func (w *rateWatch) maxPerMinute() int {
	close(w.stop)
	w.done.Wait()
	most := 0.0
	for i, from := range w.samples {
		for _, to := range w.samples[i+1:] {
			if to.at.Sub(from.at) > time.Minute {
				break
			}
			most = max(most, to.total-from.total)
		}
	}
	return int(most)
}

// panelRequests is the manager's pterodactyl_panel_requests_total, summed over its labels.
func panelRequests() (float64, bool) {
	resp, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		return 0, false
	}
	defer func() { _ = resp.Body.Close() }()
	total := 0.0
	s := bufio.NewScanner(resp.Body)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	for s.Scan() {
		line := s.Text()
		if !strings.HasPrefix(line, "pterodactyl_panel_requests_total{") {
			continue
		}
		if v, err := strconv.ParseFloat(line[strings.LastIndex(line, " ")+1:], 64); err == nil {
			total += v
		}
	}
	return total, s.Err() == nil
}
