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

import "testing"

func TestThenEndsTheCauseOnce(t *testing.T) {
	for _, tc := range []struct{ cause, want string }{
		{"The panel refused it", "The panel refused it. Fix it."},
		{"The email has already been taken.", "The email has already been taken. Fix it."},
		{"Is it there? ", "Is it there? Fix it."},
	} {
		if got := Then(tc.cause, "Fix it."); got != tc.want {
			t.Errorf("Then(%q) = %q; want %q", tc.cause, got, tc.want)
		}
	}
}
