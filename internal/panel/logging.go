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

package panel

import "time"

// Request logging is at V(1) (debug) and names the route template, never the expanded path: ids
// and external ids stay out of log aggregation keys, and the bearer key is never passed to the
// logger at all. Transport errors are passed through redact because a URL error or a proxy may
// echo what it was sent.

func (c *Client) logResponse(cl *call, status, attempt int, d time.Duration) {
	c.log.V(1).Info("panel request", "method", cl.method, "route", cl.route,
		"status", status, "attempt", attempt, "duration", d)
}

func (c *Client) logFailure(cl *call, attempt int, d time.Duration, err error, key string) {
	c.log.V(1).Info("panel request failed", "method", cl.method, "route", cl.route,
		"attempt", attempt, "duration", d, "error", redact(err.Error(), key))
}

func (c *Client) logRetry(cl *call, reason string, attempt int, delay time.Duration) {
	c.log.V(1).Info("retrying panel request", "method", cl.method, "route", cl.route,
		"reason", reason, "attempt", attempt, "delay", delay)
}
