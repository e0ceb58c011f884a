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
	"fmt"

	gojson "github.com/goccy/go-json"
)

// Responses are decoded with github.com/goccy/go-json, a drop-in replacement for encoding/json
// that decodes the same types, tags and UnmarshalJSON methods to the same values (it follows
// encoding/json as of Go 1.27), about five times as fast on a server list page with every include
// (encoding/json's v2 API gets about three times: see hack/bench.sh and issue 11). bytedance/sonic
// and segmentio/encoding were measured on the same page and were slower. The quirk methods call
// unmarshal too, so a page never goes back through encoding/json; the pages a snapshot reads skip
// them altogether (wire.go). Requests are still encoded, and error bodies decoded, with
// encoding/json: neither is on a hot path.
//
// FuzzDecoderMatchesEncodingJSON holds the two decoders to the same results.

// unmarshal decodes panel JSON into v. It is a variable only so that the fuzz test can run the
// same code on encoding/json.
var unmarshal = decodeFast

// decodeFast is go-json's Unmarshal. Its decoder uses unsafe code and has had bugs that panicked
// on malformed input; what a panel or a proxy sends must at worst fail to decode, so a panic
// becomes an error.
func decodeFast(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panel: the JSON decoder failed on this input: %v", r)
		}
	}()
	return gojson.Unmarshal(data, v)
}
