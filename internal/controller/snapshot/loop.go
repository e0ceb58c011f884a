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

package snapshot

import (
	"context"
	"time"
)

// Await asks for the object with id to be listed again sooner than Every, until a list sees it
// change or until the deadline: the panel changes an installing server's status when Wings
// reports back, with nothing a watch could see, and one list serves every object waiting.
// It reports whether a loop will look: without one (no Background) it does nothing, and the
// caller's own poll must read.
func (c *Collection[T]) Await(id int, until time.Time) bool {
	if c.List == nil || c.Background == nil {
		return false
	}
	c.startLoop()
	c.mu.Lock()
	if c.awaited == nil {
		c.awaited = map[int]time.Time{}
	}
	c.awaited[id] = until
	c.mu.Unlock()
	select {
	case c.hurry <- struct{}{}:
	default: // the loop is already told
	}
	return true
}

// startLoop starts the listing loop once, when the collection is first used.
func (c *Collection[T]) startLoop() {
	if c.Background == nil || c.List == nil {
		return
	}
	c.loop.Do(func() {
		c.hurry = make(chan struct{}, 1)
		go c.run(c.Background)
	})
}

// run lists the collection every Every, and sooner while objects are awaited (as AwaitBudget
// allows), until ctx ends. A failed list is tried again with a doubling wait from a second, at
// most Every, so a panel that is down is not listed harder than one that is up.
func (c *Collection[T]) run(ctx context.Context) {
	failures := 0
	for {
		wait, awaitCost := c.untilNextList(failures)
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-c.hurry:
				t.Stop()
				continue // something is awaited now: work out the wait again
			case <-t.C:
			}
		}
		if ctx.Err() != nil {
			return
		}
		if awaitCost > 0 && c.AwaitBudget != nil {
			c.AwaitBudget.AllowN(time.Now(), awaitCost)
		}
		_, err, _ := c.flight.Do("refresh", func() (any, error) { return nil, c.refresh(ctx) })
		if err != nil {
			failures++
			c.mu.Lock()
			c.listed = c.now() // a failed list counts for the spacing too
			c.mu.Unlock()
		} else {
			failures = 0
		}
	}
}

// untilNextList is how long the loop waits before its next list, and, when that list is for
// awaited objects, what it costs the await budget (0 otherwise): until the copy is Every old,
// or, while an object is awaited, until the await budget holds a list's cost; after failures,
// a second doubled for each, at most Every.
func (c *Collection[T]) untilNextList(failures int) (time.Duration, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if failures > 0 {
		backoff := time.Second << min(failures, 16)
		return min(backoff, c.Every) - now.Sub(c.listed), 0
	}
	if c.refreshed.IsZero() {
		return 0, 0
	}
	untilEvery := c.refreshed.Add(c.Every).Sub(now)
	for id, until := range c.awaited {
		if !now.Before(until) {
			delete(c.awaited, id)
		}
	}
	if len(c.awaited) == 0 {
		return untilEvery, 0
	}
	cost := 1
	if c.ListCost != nil {
		cost = c.ListCost(len(c.items))
	}
	if soon := c.untilAwaitBudget(now, cost); soon < untilEvery {
		return soon, cost
	}
	return untilEvery, 0
}

// untilAwaitBudget is how long until the await budget holds cost. Holds c.mu.
func (c *Collection[T]) untilAwaitBudget(now time.Time, cost int) time.Duration {
	if c.AwaitBudget == nil {
		return c.listed.Add(time.Second).Sub(now)
	}
	if c.AwaitBudget.Burst() < cost {
		c.AwaitBudget.SetBurst(cost) // a list larger than the burst must still be possible
	}
	missing := float64(cost) - c.AwaitBudget.TokensAt(time.Now())
	if missing <= 0 {
		return 0
	}
	return time.Duration(missing / float64(c.AwaitBudget.Limit()) * float64(time.Second))
}
