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
	"fmt"
	"strconv"
)

// IntBool is a boolean the panel writes as 0/1 (container.installed in 1.x) and wrote as true/false
// in 0.7. It accepts both, and numeric strings.
type IntBool bool

// UnmarshalJSON implements json.Unmarshaler.
func (b *IntBool) UnmarshalJSON(data []byte) error {
	s := string(bytes.TrimSpace(data))
	switch s {
	case "null":
		return nil
	case "true", `"true"`:
		*b = true
		return nil
	case "false", `"false"`, `""`:
		*b = false
		return nil
	}
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("panel: cannot read %s as a boolean", data)
	}
	*b = n != 0
	return nil
}

// MarshalJSON writes 0/1 like the panel.
func (b IntBool) MarshalJSON() ([]byte, error) {
	if b {
		return []byte("1"), nil
	}
	return []byte("0"), nil
}

// Includes sit in attributes.relationships. Each value is a list ({"object":"list","data":[...]}),
// an item ({"object":"<type>","attributes":{...}}), or {"object":"null_resource","attributes":null}
// when the key may not read the included resource. relList and relItem decode all three forms in
// the same pass as their parent (no custom unmarshalers, so a page is scanned once); relMany and
// relOne then record null_resource names in denied, so callers can tell "not included" from "not
// allowed".

const nullResource = "null_resource"

type relList[T any] struct {
	Object string    `json:"object"`
	Data   []item[T] `json:"data"`
}

type relItem[T any] struct {
	Object     string `json:"object"`
	Attributes *T     `json:"attributes"`
}

func relMany[T any](denied *[]string, name string, l *relList[T]) []T {
	if l.Object == nullResource {
		*denied = append(*denied, name)
		return nil
	}
	if l.Data == nil {
		return nil
	}
	out := make([]T, len(l.Data))
	for i := range l.Data {
		out[i] = l.Data[i].Attributes
	}
	return out
}

func relOne[T any](denied *[]string, name string, it *relItem[T]) *T {
	if it.Object == nullResource {
		*denied = append(*denied, name)
		return nil
	}
	return it.Attributes
}

func derefRaw(p *json.RawMessage) json.RawMessage {
	if p == nil || isJSONNull(*p) {
		return nil
	}
	return *p
}

// noRelationships reports null or an array: PHP encodes an empty map as [].
func noRelationships(data []byte) bool {
	data = bytes.TrimSpace(data)
	return len(data) == 0 || data[0] != '{'
}

func isJSONNull(raw json.RawMessage) bool {
	return string(bytes.TrimSpace(raw)) == "null"
}

func ptr[T any](v T) *T { return &v }
