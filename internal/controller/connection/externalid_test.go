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
	"strings"
	"testing"
)

func TestDeriveExternalID(t *testing.T) {
	if got := deriveExternalID("", "games", "survival"); got != "games.survival" {
		t.Errorf("no prefix: %q", got)
	}
	if got := deriveExternalID("eu-1/", "games", "survival"); got != "eu-1/games.survival" {
		t.Errorf("prefix: %q", got)
	}
	long := strings.Repeat("n", 200)
	a, b := deriveExternalID("", "games", long+"a"), deriveExternalID("", "games", long+"b")
	if len(a) != maxExternalIDLength || len(b) != maxExternalIDLength {
		t.Errorf("lengths %d, %d; want %d", len(a), len(b), maxExternalIDLength)
	}
	if a == b {
		t.Errorf("two long names share the external id %q", a)
	}
	if !strings.HasPrefix(a, "games.nnnn") {
		t.Errorf("truncated id lost its start: %q", a)
	}
}
