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

package gameservers

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// The egg catalogue is read-only through the API and changes only when an admin edits eggs, yet
// every server needs it: each server resolving "Minecraft/Paper" on every sync would cost two
// requests per server per interval. One copy per panel client, refreshed once per sync
// interval, costs a couple of requests per panel instead.

// catalogue caches one panel's nests, eggs and egg variables.
type catalogue struct {
	mu      sync.Mutex
	fetched time.Time
	nests   []panel.Nest      // each with its eggs (without variables)
	eggs    map[int]cachedEgg // egg id → egg with its variables
}

type cachedEgg struct {
	egg     *panel.Egg
	fetched time.Time
}

var catalogues = struct {
	mu sync.Mutex
	// byClient holds one catalogue per panel client. A Panel whose spec or Secret changes gets
	// a new client and so a fresh catalogue; keying by panel name drops the old one.
	byPanel map[string]clientCatalogue
}{byPanel: map[string]clientCatalogue{}}

type clientCatalogue struct {
	client *panel.Client
	cat    *catalogue
}

// catalogueFor returns the catalogue of a panel connection.
func catalogueFor(panelName string, c *panel.Client) *catalogue {
	catalogues.mu.Lock()
	defer catalogues.mu.Unlock()
	if cc, ok := catalogues.byPanel[panelName]; ok && cc.client == c {
		return cc.cat
	}
	cat := &catalogue{eggs: map[int]cachedEgg{}}
	catalogues.byPanel[panelName] = clientCatalogue{client: c, cat: cat}
	return cat
}

// loadNests returns every nest with its eggs, from the cache when younger than ttl.
func (cat *catalogue) loadNests(ctx context.Context, c *panel.Client, ttl time.Duration) ([]panel.Nest, error) {
	cat.mu.Lock()
	defer cat.mu.Unlock()
	if cat.nests != nil && time.Since(cat.fetched) < ttl {
		return cat.nests, nil
	}
	nests, err := c.Nests.ListAll(ctx, &panel.ListOptions{Include: []string{"eggs"}, PerPage: 100})
	if err != nil {
		return nil, err
	}
	for i := range nests {
		// A panel (or a key) that does not return the include gets the eggs nest by nest.
		if len(nests[i].Relationships.Eggs) > 0 || slices.Contains(nests[i].Relationships.Denied, "eggs") {
			continue
		}
		eggs, err := c.Eggs.List(ctx, nests[i].ID)
		if err != nil {
			return nil, err
		}
		nests[i].Relationships.Eggs = eggs
	}
	cat.nests, cat.fetched = nests, time.Now()
	return nests, nil
}

// egg returns an egg with its variables, from the cache when younger than ttl.
func (cat *catalogue) egg(ctx context.Context, c *panel.Client, nest, id int, ttl time.Duration) (*panel.Egg, error) {
	cat.mu.Lock()
	if ce, ok := cat.eggs[id]; ok && time.Since(ce.fetched) < ttl {
		cat.mu.Unlock()
		return ce.egg, nil
	}
	cat.mu.Unlock()
	egg, err := c.Eggs.Get(ctx, nest, id, "variables")
	if err != nil {
		return nil, err
	}
	cat.mu.Lock()
	cat.eggs[id] = cachedEgg{egg: egg, fetched: time.Now()}
	cat.mu.Unlock()
	return egg, nil
}

// eggRef is an egg located in the catalogue.
type eggRef struct {
	ID, Nest int
}

// findEgg locates the egg a selector names: by id, or by nest name and egg name. Names match
// exactly first; a case-insensitive match is accepted when it is the only one, because panel
// admins rename "paper" to "Paper" and users should not have to chase that.
func findEgg(nests []panel.Nest, id int, nestName, eggName string) (eggRef, error) {
	if id != 0 {
		for _, n := range nests {
			for _, e := range n.Relationships.Eggs {
				if e.ID == id {
					return eggRef{ID: e.ID, Nest: n.ID}, nil
				}
			}
		}
		return eggRef{}, managed.InvalidSpec("egg.id", "the panel has no egg %d", id)
	}
	nest, err := byName(nests, nestName, func(n panel.Nest) string { return n.Name })
	if err != nil {
		return eggRef{}, managed.InvalidSpec("egg.nest", "%s", err.describe("nest", nestName, ""))
	}
	egg, err := byName(nest.Relationships.Eggs, eggName, func(e panel.Egg) string { return e.Name })
	if err != nil {
		return eggRef{}, managed.InvalidSpec("egg.name", "%s", err.describe("egg", eggName, nest.Name))
	}
	return eggRef{ID: egg.ID, Nest: nest.ID}, nil
}

// nameError says why a name did not resolve, listing what exists.
type nameError struct {
	ambiguous bool
	names     []string
}

func (e *nameError) describe(what, name, in string) string {
	where := "the panel"
	if in != "" {
		where = "nest " + quote(in)
	}
	if e.ambiguous {
		return what + " " + quote(name) + " matches several names in " + where + " that differ only in case: " + strings.Join(e.names, ", ")
	}
	return where + " has no " + what + " named " + quote(name) + "; it has: " + strings.Join(e.names, ", ")
}

func quote(s string) string { return `"` + s + `"` }

func byName[T any](items []T, name string, nameOf func(T) string) (T, *nameError) {
	var zero T
	var folded []T
	names := make([]string, 0, len(items))
	for _, it := range items {
		n := nameOf(it)
		if n == name {
			return it, nil
		}
		if strings.EqualFold(n, name) {
			folded = append(folded, it)
		}
		names = append(names, quote(n))
	}
	switch len(folded) {
	case 1:
		return folded[0], nil
	case 0:
		return zero, &nameError{names: names}
	}
	amb := make([]string, 0, len(folded))
	for _, it := range folded {
		amb = append(amb, quote(nameOf(it)))
	}
	return zero, &nameError{ambiguous: true, names: amb}
}

// defaultImage is the egg's default Docker image: the one the panel itself lists first
// (docker_image), else the first by label so the choice is at least stable.
func defaultImage(e *panel.Egg) string {
	if e.DockerImage != "" {
		return e.DockerImage
	}
	labels := make([]string, 0, len(e.DockerImages))
	for l := range e.DockerImages {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	if len(labels) == 0 {
		return ""
	}
	return e.DockerImages[labels[0]]
}
