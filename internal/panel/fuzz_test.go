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
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The decoders face whatever a panel, a proxy or a man in the middle sends; they may fail but
// must never panic.

func FuzzDecodeServer(f *testing.F) {
	f.Add([]byte(serverJSON(1)))
	f.Add([]byte(serverBare))
	f.Add([]byte(`{"object":"server","attributes":{"relationships":{"user":{"object":"null_resource","attributes":null}}}}`))
	f.Add([]byte(`{"object":"server","attributes":{"relationships":[]}}`))
	f.Add([]byte(`{"object":"server","attributes":{"container":{"installed":"1","environment":{"A":1,"B":null,"C":true}}}}`))
	f.Add([]byte(`{"object":"server","attributes":{"relationships":{"egg":{"object":"egg","attributes":{"docker_images":["a"]}}}}}`))
	f.Add([]byte(`{"object":"server","attributes":{"relationships":{"allocations":{"object":"list","data":[{"object":"allocation","attributes":null}]}}}}`))
	f.Add([]byte(`<html>502</html>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var it item[Server]
		if json.Unmarshal(data, &it) != nil {
			return
		}
		s := it.Attributes
		_ = s.IsSuspended() || s.IsInstalling() || s.InstallFailed()
		_ = BuildRequestFrom(&s)
		_ = DetailsRequestFrom(&s)
		_ = StartupRequestFrom(&s, nil)
		if _, err := json.Marshal(BuildRequestFrom(&s)); err != nil {
			t.Fatalf("a decoded server gives an unencodable build request: %v", err)
		}
	})
}

func FuzzDecodeError(f *testing.F) {
	f.Add(422, []byte(`{"errors":[{"code":"ValidationException","status":"422","detail":"The limits.memory field is required.","meta":{"source_field":"limits.memory","rule":"required"}}]}`))
	f.Add(429, []byte(throttled))
	f.Add(404, []byte(`{"errors":[{"code":"NotFoundHttpException","status":404,"detail":"x"}]}`))
	f.Add(502, []byte(`<html><body>Bad Gateway</body></html>`))
	f.Add(500, []byte(`{"errors":null}`))
	f.Add(400, []byte(`{"errors":[{"meta":null,"status":{"x":1}}]}`))
	f.Add(0, []byte(strings.Repeat("é", 300)))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		e := newAPIError(status, body, testAppKey)
		msg := e.Error()
		_ = FieldErrors(e)
		_ = e.Detail()
		if e.StatusCode != status {
			t.Fatal("status lost")
		}
		if strings.Contains(msg, testAppKey) {
			t.Fatalf("the key leaked into %q", msg)
		}
	})
}

func FuzzDecodeList(f *testing.F) {
	f.Add([]byte(listJSON("server", []string{serverAttrs(1), serverAttrs(2)}, 1, 2, 5)))
	f.Add([]byte(bareListJSON("egg", eggAttrs)))
	f.Add([]byte(`{"object":"list","data":[],"meta":{"pagination":{"total":0,"count":0,"per_page":50,"current_page":1,"total_pages":1,"links":[]}}}`))
	f.Add([]byte(`{"object":"list","data":[{"object":"user","attributes":` + userAttrs + `}],"meta":{"pagination":{"links":{"next":"x"}}}}`))
	f.Add([]byte(`{"object":"list","data":null,"meta":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var servers list[Server]
		if json.Unmarshal(data, &servers) == nil {
			_ = servers.items()
			_ = servers.Meta.Pagination.HasNext()
		}
		var eggs list[Egg]
		_ = json.Unmarshal(data, &eggs)
		var users list[User]
		_ = json.Unmarshal(data, &users)
		var nodes list[Node]
		_ = json.Unmarshal(data, &nodes)
	})
}

// FuzzDecoderMatchesEncodingJSON holds the client's decoder (go-json, see decode.go) to
// encoding/json: every input decodes to the same values with both, or fails with both. It swaps
// the package's unmarshal, so it must not run in parallel with other tests.
func FuzzDecoderMatchesEncodingJSON(f *testing.F) {
	for _, seed := range []string{
		serverJSON(1),
		serverBare,
		listJSON("server", []string{serverAttrs(1), serverAttrs(2)}, 1, 2, 5),
		listJSON("node", []string{nodeAttrs}, 1, 1, 1),
		listJSON("user", []string{userAttrs}, 2, 1, 2),
		bareListJSON("egg", eggAttrs),
		bareListJSON("server_database", databaseAttrs),
		`{"object":"server","attributes":{"relationships":[]}}`,
		`{"object":"server","attributes":{"relationships":{"user":{"object":"null_resource","attributes":null}}}}`,
		`{"object":"server","attributes":{"container":{"installed":"1","environment":{"A":1,"B":null,"C":true,"D":{"x": [1, 2]},"E":"\u00e9\n","F":" x "}}}}`,
		`{"object":"server","attributes":{"relationships":{"egg":{"object":"egg","attributes":{"docker_images":["a"]}}}}}`,
		`{"object":"server","attributes":{"relationships":{"allocations":{"object":"list","data":[{"object":"allocation","attributes":null}]}}}}`,
		`{"object":"server","attributes":{"ID":3,"Name":"x","name":"y","limits":{"threads":null},"feature_limits":{"backups":"1"}}}`,
		`{"object":"list","data":[],"meta":{"pagination":{"total":0,"count":0,"per_page":50,"current_page":1,"total_pages":1,"links":[]}}}`,
		`{"object":"list","data":null,"meta":[]}`,
		`{"object":"list","data":[null,{"attributes":null}],"meta":{"pagination":null}}`,
		`{"object":"server","attributes":{"created_at":"2024-01-02T03:04:05.000000Z","updated_at":null,"container":{"environment":null,"installed":null}}}`,
		"<html>502</html>",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, fastErrs := decodeEveryWay(data)
		unmarshal = json.Unmarshal
		defer func() { unmarshal = decodeFast }()
		std, stdErrs := decodeEveryWay(data)
		for i := range fast {
			if fastErrs[i] != stdErrs[i] {
				t.Fatalf("%T: go-json failed %v, encoding/json failed %v", fast[i], fastErrs[i], stdErrs[i])
			}
			if !fastErrs[i] && !reflect.DeepEqual(fast[i], std[i]) {
				t.Fatalf("%T differs:\ngo-json       %+v\nencoding/json %+v", fast[i], fast[i], std[i])
			}
		}
	})
}

// decodeEveryWay decodes data as each kind of answer the client reads, with unmarshal; failed says
// which failed (only whether: the two decoders word their errors differently).
func decodeEveryWay(data []byte) (out []any, failed []bool) {
	var (
		server  item[Server]
		servers list[Server]
		wired   = &wirePage[serverWire, Server]{query: (&ListOptions{PerPage: 2}).values()}
		nodes   list[Node]
		wiredN  = &wirePage[nodeWire, Node]{query: (&ListOptions{PerPage: 2}).values()}
		eggs    list[Egg]
		users   list[User]
		dbs     list[ServerDatabase]
	)
	out = []any{&server, &servers, wired, &nodes, wiredN, &eggs, &users, &dbs}
	failed = make([]bool, len(out))
	for i, v := range out {
		failed[i] = decodeBody(data, v) != nil
	}
	return out, failed
}

// FuzzWireShapesMatchModels holds a page decoded through its wire shape (wire.go) to the same page
// decoded through the model's own methods: the same servers (and nodes) and pagination, or an error both
// ways. Inputs with a key twice in one object (also when they differ only in case, as the decoders
// match names) are left out: PHP never writes one, and there the wire shape merges both values
// where a model's UnmarshalJSON keeps the last.
func FuzzWireShapesMatchModels(f *testing.F) {
	for _, seed := range []string{
		listJSON("server", []string{serverAttrs(1), serverAttrs(2)}, 1, 2, 5),
		listJSON("server", []string{`{"id":1,"relationships":[]}`, `{"id":2,"relationships":"x"}`}, 1, 2, 2),
		listJSON("server", []string{`{"container":{"installed":"1","environment":{"A":1,"B":null,"C":{"x":[1]}}}}`}, 1, 1, 1),
		listJSON("server", []string{`{"relationships":{"user":{"object":"null_resource","attributes":null},"allocations":{"object":"null_resource"}}}`}, 1, 1, 1),
		listJSON("server", []string{`{"relationships":{"egg":{"object":"egg","attributes":{"docker_images":{"A":"a"}}}}}`}, 1, 1, 1),
		listJSON("node", []string{nodeAttrs, `{"id":2,"relationships":{"allocations":{"object":"list","data":[{"attributes":{"id":1,"port":25565}}]},"location":{"object":"null_resource"}}}`}, 1, 2, 2),
		`{"object":"list","data":[null,{"attributes":null}],"meta":{"pagination":null}}`,
		`{"object":"list","data":[{"attributes":{"container":[]}}]}`,
		"<html>502</html>",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if hasRepeatedKey(data) {
			return
		}
		decodesAlikeBothWays[serverWire](t, data)
		decodesAlikeBothWays[nodeWire](t, data)
	})
}

func decodesAlikeBothWays[W wire[T], T any](t *testing.T, data []byte) {
	query := (&ListOptions{PerPage: 2}).values()
	wired := &wirePage[W, T]{query: query}
	wiredErr := decodeBody(data, wired)
	model := newList[T](query)
	modelErr := unmarshal(data, model)
	if (wiredErr == nil) != (modelErr == nil) {
		t.Fatalf("%T: wire shape failed %v, model failed %v", wired, wiredErr, modelErr)
	}
	if wiredErr != nil {
		return
	}
	if items := model.items(); !reflect.DeepEqual(wired.items, items) {
		t.Fatalf("items differ:\nwire  %+v\nmodel %+v", wired.items, items)
	}
	if !reflect.DeepEqual(wired.pagination, model.Meta.Pagination) {
		t.Fatalf("pagination differs: wire %+v, model %+v", wired.pagination, model.Meta.Pagination)
	}
}

// hasRepeatedKey reports an object in data with two keys equal under case folding; false for
// anything that is not valid JSON (the decoders then fail both ways).
func hasRepeatedKey(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(data))
	type object struct {
		keys      []string
		expectKey bool
	}
	var stack []*object // nil entries are arrays
	for {
		tok, err := dec.Token()
		if err != nil {
			return false
		}
		var top *object
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if key, ok := tok.(string); ok && top != nil && top.expectKey {
			for _, seen := range top.keys {
				if strings.EqualFold(seen, key) {
					return true
				}
			}
			top.keys, top.expectKey = append(top.keys, key), false
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &object{expectKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, nil)
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && stack[len(stack)-1] != nil {
			stack[len(stack)-1].expectKey = true // a value ended: a key comes next
		}
	}
}
