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

package connection

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// The egg catalogue is read-only through the API and changes only when an admin edits eggs, yet
// every server needs it: each server resolving "Minecraft/Paper" on every sync would cost two
// requests per server per interval. One copy per connection, refreshed once per sync interval,
// costs a couple of requests per panel instead. It lives on the connection because the
// connection is what changes with the Panel: a new URL or key builds a new Conn, and so starts
// with an empty catalogue rather than eggs read from another panel.

// eggCatalogue caches one connection's nests, eggs and egg variables. Its zero value is empty.
type eggCatalogue struct {
	mu      sync.Mutex
	fetched time.Time
	nests   []panel.Nest      // each with its eggs (without variables)
	eggs    map[int]cachedEgg // egg id → egg with its variables
	// reading coalesces the reads of one egg: servers created at once wait for one answer.
	reading singleflight.Group
}

type cachedEgg struct {
	egg     *panel.Egg
	fetched time.Time
}

// catalogue returns the connection's egg catalogue.
func (c *Conn) catalogue() *eggCatalogue { return &c.eggs }

// Nests returns every nest with its eggs (without their variables), read from the panel at most
// once per sync interval. Concurrent callers wait for one read rather than each making it.
func (c *Conn) Nests(ctx context.Context) ([]panel.Nest, error) {
	cat := c.catalogue()
	cat.mu.Lock()
	defer cat.mu.Unlock()
	if cat.nests != nil && time.Since(cat.fetched) < c.SyncInterval() {
		return cat.nests, nil
	}
	nests, err := c.Client.Nests.ListAll(ctx, &panel.ListOptions{Include: []string{"eggs"}, PerPage: 100})
	if err != nil {
		return nil, err
	}
	for i := range nests {
		// A panel (or a key) that does not return the include gets the eggs nest by nest.
		if len(nests[i].Relationships.Eggs) > 0 || slices.Contains(nests[i].Relationships.Denied, "eggs") {
			continue
		}
		eggs, err := c.Client.Eggs.List(ctx, nests[i].ID)
		if err != nil {
			return nil, err
		}
		nests[i].Relationships.Eggs = eggs
	}
	cat.nests, cat.fetched = nests, time.Now()
	return nests, nil
}

// Egg returns an egg of a nest with its variables, read from the panel at most once per sync
// interval. The lock is not held over the request, so one slow egg does not hold up lookups of
// the others; servers that want the same egg at once wait for one read of it.
func (c *Conn) Egg(ctx context.Context, nest, id int) (*panel.Egg, error) {
	cat := c.catalogue()
	if egg, ok := cat.fresh(id, c.SyncInterval()); ok {
		return egg, nil
	}
	v, err, _ := cat.reading.Do(strconv.Itoa(id), func() (any, error) {
		if egg, ok := cat.fresh(id, c.SyncInterval()); ok {
			return egg, nil // read by the flight that ended while this one queued
		}
		return c.readEgg(ctx, nest, id)
	})
	if err != nil {
		return nil, err
	}
	return v.(*panel.Egg), nil
}

// fresh returns the egg with id if it was read within maxAge.
func (cat *eggCatalogue) fresh(id int, maxAge time.Duration) (*panel.Egg, bool) {
	cat.mu.Lock()
	defer cat.mu.Unlock()
	ce, ok := cat.eggs[id]
	if !ok || time.Since(ce.fetched) >= maxAge {
		return nil, false
	}
	return ce.egg, true
}

// readEgg reads an egg with its variables and keeps it.
func (c *Conn) readEgg(ctx context.Context, nest, id int) (*panel.Egg, error) {
	cat := c.catalogue()
	egg, err := c.Client.Eggs.Get(ctx, nest, id, "variables")
	if err != nil {
		return nil, err
	}
	cat.mu.Lock()
	if cat.eggs == nil {
		cat.eggs = map[int]cachedEgg{}
	}
	cat.eggs[id] = cachedEgg{egg: egg, fetched: time.Now()}
	cat.mu.Unlock()
	return egg, nil
}
