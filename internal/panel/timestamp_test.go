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

package panel

import (
	"testing"
	"time"
)

func TestTimestampReadsThePanelsFormats(t *testing.T) {
	want := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, text := range []Timestamp{"2024-01-02T03:04:05+00:00", "2024-01-02T03:04:05.000000Z", "2024-01-02T04:04:05+01:00"} {
		if got := text.Time(); !got.Equal(want) {
			t.Errorf("%q reads as %v, want %v", text, got, want)
		}
	}
	for _, text := range []Timestamp{"", "yesterday", "2024-01-02 03:04:05"} {
		if got := text.Time(); !got.IsZero() {
			t.Errorf("%q reads as %v, want the zero time", text, got)
		}
	}
	if got := TimestampOf(want); got != "2024-01-02T03:04:05Z" || !got.Time().Equal(want) {
		t.Errorf("TimestampOf = %q", got)
	}
}

func TestTimestampsDecodeFromAServer(t *testing.T) {
	var s Server
	decodeInto(t, `{"object":"server","attributes":{"created_at":"2024-01-02T03:04:05+00:00","updated_at":null}}`, &s)
	if s.CreatedAt.Time().Year() != 2024 || s.UpdatedAt != "" {
		t.Fatalf("created_at %q, updated_at %q", s.CreatedAt, s.UpdatedAt)
	}
}
