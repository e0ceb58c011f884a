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
