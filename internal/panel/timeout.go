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

import (
	"context"
	"fmt"
	"time"
)

// DefaultRequestTimeout bounds each attempt when no WithTimeout is given. A panel whose PHP
// workers are saturated accepts connections and never answers; without a bound, a caller's
// goroutine (a controller's worker) waits on it for as long as the TCP connection lives.
const DefaultRequestTimeout = 30 * time.Second

// TimeoutError is an attempt that got no complete answer within the per-attempt timeout. It
// wraps the transport's error, so errors.Is(err, context.DeadlineExceeded) holds.
type TimeoutError struct {
	Method, Route string
	After         time.Duration
	Err           error
}

func (e *TimeoutError) Error() string {
	return fmt.Sprintf("panel: %s %s: no answer within %s", e.Method, e.Route, e.After)
}

func (e *TimeoutError) Unwrap() error { return e.Err }

// roomForAnotherAttempt is false when the caller's deadline would cut a new attempt short of the
// per-attempt timeout: after a timeout, that attempt would most likely time out as well, and the
// caller is better served by the error now than by the same error at its deadline.
func (c *Client) roomForAnotherAttempt(ctx context.Context, delay time.Duration) bool {
	return !exceedsDeadline(ctx, c.clock.Now(), delay+c.timeout)
}
