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
	"slices"
	"strings"

	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// eggRef is an egg located in the connection's nests.
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
