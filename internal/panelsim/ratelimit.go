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
	"math"
	"net/http"
	"strconv"
)

// bucket is Laravel's fixed-window counter: it opens at the first hit and lasts a minute.
type bucket struct {
	hits    int
	resetAt int64 // unix seconds
}

// throttle applies the per-user limit of the route's API. Authenticated requests only, and every
// answer from here on carries X-RateLimit-Limit/Remaining (4xx included), as the panel's do.
func (s *Sim) throttle(c *call) *apiError {
	limit, prefix := s.opts.RateLimitPerMinute, "application:"
	if c.route.api == clientAPI {
		limit, prefix = s.opts.ClientRateLimitPerMinute, "client:"
	}
	if limit < 0 {
		return nil
	}
	now := s.now()
	key := prefix + c.user.UUID
	b := s.limits[key]
	if b == nil || now.Unix() >= b.resetAt {
		b = &bucket{resetAt: now.Unix() + 60}
		s.limits[key] = b
	}
	c.header = http.Header{}
	c.header.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	if b.hits >= limit {
		retry := int(math.Max(1, float64(b.resetAt-now.Unix())))
		c.header.Set("X-RateLimit-Remaining", "0")
		c.header.Set("Retry-After", strconv.Itoa(retry))
		c.header.Set("X-RateLimit-Reset", strconv.FormatInt(b.resetAt, 10))
		e := newError(http.StatusTooManyRequests, "ThrottleRequestsException", msgTooMany)
		e.header = c.header
		return e
	}
	b.hits++
	c.header.Set("X-RateLimit-Remaining", strconv.Itoa(limit-b.hits))
	return nil
}
