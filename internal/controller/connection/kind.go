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
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// Kind is the managed.Kind of a kind whose objects live in a Panel: connected through reg to the
// Panel each object names, its panel errors classified by Classify.
func Kind[O managed.Object](reg *Registry, newExternal func(*Conn) managed.External[O]) managed.Kind[O] {
	return managed.Kind[O]{
		Connector: Connector[O]{Registry: reg, NewExternal: newExternal},
		Classify:  Classify,
	}
}
