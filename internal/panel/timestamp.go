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

import "time"

// Timestamp is a time the Application API reports (created_at, updated_at), kept as the text the
// panel sent and parsed when asked for. A snapshot decodes these by the tens of thousands per
// refresh and the operator reads almost none of them: as time.Time each would cost the decoder an
// UnmarshalJSON call with its own copy of the value, about a fifth of a server page's decode time
// (issue 11). The client API's models, read one server at a time, keep time.Time.
type Timestamp string

// Time is the timestamp as a time; the zero time when the panel sent null or something that is not
// RFC 3339 (the panel writes "2024-01-02T03:04:05+00:00", and "2024-01-02T03:04:05.000000Z" for
// egg variables).
func (t Timestamp) Time() time.Time {
	parsed, err := time.Parse(time.RFC3339, string(t))
	if err != nil {
		return time.Time{}
	}
	return parsed
}

// TimestampOf formats t as the panel does.
func TimestampOf(t time.Time) Timestamp { return Timestamp(t.Format(time.RFC3339)) }
