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

package managed

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TokenPending reports whether an action annotation (reinstall, rotate-password, restart,
// restore) asks for its action: it holds a token, and not the one status records as last
// served. The action runs once per token; setting a new value asks again.
func TokenPending(o metav1.Object, annotation, served string) bool {
	token := o.GetAnnotations()[annotation]
	return token != "" && token != served
}
