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
// observe. A collection is read by one paginated list at most once per maxAge however many
// objects ask, so observing N objects costs a few list pages per interval instead of N requests.
// An object the copy does not hold (created since the last list) costs one GET, which is then
// kept; an object the operator writes is dropped from the copy and read fresh, because the
// panel's write answers lack the includes Observe compares.
//
// A Collection without List is per-object observation: every Get is a GET.
package snapshot

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// Collection is one panel collection held in memory, keyed by the panel's numeric id.
type Collection[T any] struct {
	// List reads every object of the collection (all pages, with the includes Observe needs);
	// nil reads each object with Get (per-object observation).
	List func(ctx context.Context) ([]T, error)
	// Get reads one object by id, with the same includes as List.
	Get func(ctx context.Context, id int) (*T, error)
	// ID is an object's panel id.
	ID func(*T) int
	// MaxAge is how old the copy may be before a Get refreshes it.
	MaxAge time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	mu        sync.RWMutex
	items     map[int]*T
	refreshed time.Time
	refreshes int
	// written holds when each object was last forgotten: a list that started before then may
	// hold it as it was before the write, and must not bring that back.
	written map[int]time.Time
	flight  singleflight.Group
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

// Forget drops the object with id, after the operator wrote or deleted it: the next Get reads
// it from the panel.
func (c *Collection[T]) Forget(id int) {
	if c.List == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.items, id)
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

// ensureFresh refreshes a copy older than MaxAge. Readers that arrive during a refresh wait for
// it rather than each listing the collection again.
func (c *Collection[T]) ensureFresh(ctx context.Context) error {
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
	c.mu.Lock()
	defer c.mu.Unlock()
	items := make(map[int]*T, len(all))
	for i := range all {
		id := c.ID(&all[i])
		if w, ok := c.written[id]; ok && !w.Before(started) {
			continue // written during the list: read it fresh
		}
		items[id] = &all[i]
	}
	for id, w := range c.written {
		if w.Before(started) {
			delete(c.written, id)
		}
	}
	c.items, c.refreshed = items, started
	c.refreshes++
	return nil
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
