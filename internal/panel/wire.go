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
	"context"
	"net/url"
)

// A wire shape is a model's form for decoding the pages a snapshot reads: the same fields, with
// the parts the model reads through its own UnmarshalJSON (includes, the container) held in types
// that have none. go-json hands a value with an UnmarshalJSON method a copy of its bytes, which
// the method parses again: an include is then read three times, and that was over half of a
// server page's decode time (issue 11). A wire shape is read once and turned into the model.
//
// The model's methods stay the decoder of single answers and of the rare page a wire shape cannot
// hold (PHP's [] for an empty map, where the shape has an object): such a page is decoded again
// through them. Both ways give the same values (FuzzWireShapesMatchModels).
type wire[T any] interface {
	model() T
}

// getWireList is getList for a model T with the wire shape W.
func getWireList[W wire[T], T any](ctx context.Context, c *Client, cl *call) ([]T, *Pagination, error) {
	page := &wirePage[W, T]{query: cl.query}
	cl.list = true
	if err := c.do(ctx, cl, page); err != nil {
		return nil, nil, err
	}
	return page.items, page.pagination, nil
}

// wirePage receives a page decoded through its wire shape, or through the model's if need be.
type wirePage[W wire[T], T any] struct {
	query      url.Values
	items      []T
	pagination *Pagination
}

func (p *wirePage[W, T]) decodeBody(data []byte) error {
	fast := newList[W](p.query)
	if unmarshal(data, fast) == nil {
		p.items = make([]T, len(fast.Data))
		for i := range fast.Data {
			p.items[i] = fast.Data[i].Attributes.model()
		}
		p.pagination = fast.Meta.Pagination
		return nil
	}
	tolerant := newList[T](p.query)
	if err := unmarshal(data, tolerant); err != nil {
		return err
	}
	p.items, p.pagination = tolerant.items(), tolerant.Meta.Pagination
	return nil
}
