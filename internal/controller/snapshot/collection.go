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

// Package snapshot holds, per Panel, one in-memory copy of the panel collections the controllers
// observe. A collection is read by one paginated list per interval however many objects ask
// (Run), so observing N objects costs a few list pages per interval instead of N requests. Each
// list is compared with the copy before it, and the objects that changed, appeared or vanished
// are reported (Changed): drift in the panel wakes exactly the objects bound to it, and objects
// in sync cost nothing. An object the copy does not hold (created elsewhere since the last list)
// costs one GET, which is then kept; an object the operator writes is kept as the write's answer
// gave it (Wrote), or dropped and read fresh when the write answers nothing (Forget).
//
// A Collection without List is per-object observation: every Get is a GET.
package snapshot

import (
	"context"
	"reflect"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
	"golang.org/x/time/rate"
)

// Settings say how a Collection is kept fresh; they do not depend on what it holds.
type Settings struct {
	// MaxAge is how old the copy may be before a Read refreshes it.
	MaxAge time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Changed is told, after each list but the first, the ids of the objects that changed,
	// appeared or vanished since the list before; nil tells no one.
	Changed func(ids []int)
	// Background, when set, is the lifetime of a loop that lists the collection every Every
	// (started by the first Read), so drift is found without anyone asking; nil lists only
	// when a Read finds the copy older than MaxAge.
	Background context.Context
	// Every is how often the loop lists.
	Every time.Duration
	// AwaitBudget is what the lists for awaited objects spend, in requests: a token bucket
	// whose rate is a share of the panel's budget, so that waiting costs a bounded part of it
	// while a few awaited objects are served at once. nil spaces them a second apart.
	AwaitBudget *rate.Limiter
	// ListCost is what a list of size objects costs in requests (its pages); nil is one.
	ListCost func(size int) int
}

// Collection is one panel collection held in memory, keyed by the panel's numeric id.
type Collection[T any] struct {
	// List reads every object of the collection (all pages, with the includes Observe needs);
	// nil reads each object with Get (per-object observation).
	List func(ctx context.Context) ([]T, error)
	// Get reads one object by id, with the same includes as List.
	Get func(ctx context.Context, id int) (*T, error)
	// ID is an object's panel id.
	ID func(*T) int
	Settings

	mu        sync.RWMutex
	items     map[int]*T
	refreshed time.Time
	refreshes int
	// written holds when each object was last forgotten: a list that started before then may
	// hold it as it was before the write, and must not bring that back.
	written map[int]time.Time
	flight  singleflight.Group
	// awaited holds the objects a controller waits to see change (an install finishing), with
	// when the wait ends; while it holds any, Run lists sooner (see Await).
	awaited map[int]time.Time
	listed  time.Time // when the last list ended
	loop    sync.Once
	hurry   chan struct{}
}

// Read returns the object with id from the copy, refreshing the copy first when it is older than
// MaxAge. An object the copy does not hold is read with Get and kept; Get's error (a 404 for an
// object deleted in the panel) is returned as it is. The object returned is shared: callers must
// not modify it.
func (c *Collection[T]) Read(ctx context.Context, id int) (*T, error) {
	if c.List == nil {
		return c.Get(ctx, id)
	}
	if err := c.ensureFresh(ctx); err != nil {
		return nil, err
	}
	if item, ok := c.lookup(id); ok {
		return item, nil
	}
	item, err := c.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	c.put(item)
	return item, nil
}

// Find returns an object of the copy that match accepts, or nil when none does, refreshing the
// copy first when it is older than MaxAge. searched is false for per-object observation, which
// has no copy to search.
func (c *Collection[T]) Find(ctx context.Context, match func(*T) bool) (found *T, searched bool, err error) {
	if c.List == nil {
		return nil, false, nil
	}
	if err := c.ensureFresh(ctx); err != nil {
		return nil, true, err
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	for _, item := range c.items {
		if match(item) {
			return item, true, nil
		}
	}
	return nil, true, nil
}

// Wrote keeps an object as the panel answered a write of it (an answer with the includes List
// reads), so the next Read needs no request. A list that began before the write does not bring
// back what it replaced.
func (c *Collection[T]) Wrote(item *T) {
	if c.List == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.markWritten(c.ID(item))
	if c.items == nil {
		c.items = map[int]*T{}
	}
	c.items[c.ID(item)] = item
}

// Answered records the outcome of a write of the object with id that answers with the object:
// the answer is kept (Wrote); a write that failed may still have landed, so the object is then
// read again (Forget).
func (c *Collection[T]) Answered(id int, answer *T, err error) {
	if err != nil {
		c.Forget(id)
		return
	}
	c.Wrote(answer)
}

// Forget drops the object with id, after the operator wrote it without an answer to keep (an
// action, a delete): the next Read reads it from the panel.
func (c *Collection[T]) Forget(id int) {
	if c.List == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, id)
	c.markWritten(id)
}

// markWritten records a write of id. Holds c.mu.
func (c *Collection[T]) markWritten(id int) {
	if c.written == nil {
		c.written = map[int]time.Time{}
	}
	c.written[id] = c.now()
}

// Stats says how old the copy is, how many objects it holds and how many lists filled it.
func (c *Collection[T]) Stats() (age time.Duration, size, refreshes int) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.refreshed.IsZero() {
		return 0, len(c.items), c.refreshes
	}
	return c.now().Sub(c.refreshed), len(c.items), c.refreshes
}

// RefreshedAt is when the list that filled the copy began; zero before the first.
func (c *Collection[T]) RefreshedAt() time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.refreshed
}

// ensureFresh refreshes a copy older than MaxAge, after starting the listing loop on first use.
// Readers that arrive during a refresh wait for it rather than each listing the collection again.
func (c *Collection[T]) ensureFresh(ctx context.Context) error {
	c.startLoop()
	if c.fresh() {
		return nil
	}
	_, err, _ := c.flight.Do("refresh", func() (any, error) {
		if c.fresh() {
			return nil, nil // refreshed by the flight that ended while this one queued
		}
		return nil, c.refresh(ctx)
	})
	return err
}

func (c *Collection[T]) fresh() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return !c.refreshed.IsZero() && c.now().Sub(c.refreshed) < c.MaxAge
}

// refresh replaces the copy with a new list. The time taken is the time the list started: an
// object changed while the pages were read is seen at the next refresh, never missed.
func (c *Collection[T]) refresh(ctx context.Context) error {
	started := c.now()
	all, err := c.List(ctx)
	if err != nil {
		return err
	}
	changed := c.replace(all, started, c.now())
	if c.Changed != nil && len(changed) > 0 {
		c.Changed(changed)
	}
	return nil
}

// replace makes all the copy, keeping what was written since started as the write left it, and
// returns the ids that differ from the copy before (none on the first list: nothing was
// compared yet).
func (c *Collection[T]) replace(all []T, started, ended time.Time) []int {
	c.mu.Lock()
	defer c.mu.Unlock()
	first := c.refreshed.IsZero()
	items := make(map[int]*T, len(all))
	for i := range all {
		items[c.ID(&all[i])] = &all[i]
	}
	for id, w := range c.written {
		if w.Before(started) {
			delete(c.written, id)
			continue
		}
		// Written during the list: the list may hold it as it was before the write.
		if kept, ok := c.items[id]; ok {
			items[id] = kept
		} else {
			delete(items, id)
		}
	}
	var changed []int
	if !first {
		for id, item := range items {
			if old, ok := c.items[id]; !ok || !reflect.DeepEqual(old, item) {
				changed = append(changed, id)
			}
		}
		for id := range c.items {
			if _, ok := items[id]; !ok {
				changed = append(changed, id)
			}
		}
	}
	for _, id := range changed {
		delete(c.awaited, id)
	}
	c.items, c.refreshed, c.listed = items, started, ended
	c.refreshes++
	return changed
}

func (c *Collection[T]) lookup(id int) (*T, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	item, ok := c.items[id]
	return item, ok
}

func (c *Collection[T]) put(item *T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items == nil {
		c.items = map[int]*T{}
	}
	c.items[c.ID(item)] = item
}

func (c *Collection[T]) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}
