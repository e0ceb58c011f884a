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

package controller

import "sigs.k8s.io/controller-runtime/pkg/cache"

// CacheOptions is how the manager caches what it watches: without metadata.managedFields, which
// nothing here reads. Every GameServer carries at least two entries (whoever applied it, and the
// manager's status writes), kept for each of the thousands a panel has. Writes are unaffected:
// an update that sends no managedFields leaves the object's own as they are.
func CacheOptions() cache.Options {
	return cache.Options{DefaultTransform: cache.TransformStripManagedFields()}
}
