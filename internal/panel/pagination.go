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
	"context"
	"encoding/json"
	"iter"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// ListOptions are the query parameters of the panel's paginated lists.
type ListOptions struct {
	// Page starts at 1; 0 leaves it to the panel (page 1).
	Page int
	// PerPage defaults to 50 on the panel, which neither validates nor caps it.
	PerPage int
	// Filters become filter[key]=value. The panel matches most filters partially and
	// case-insensitively (LIKE %value%), so check the results when an exact match matters; an
	// unknown filter gives a 400.
	Filters map[string]string
	// Include names relationships ("allocations", "user", "variables", "allocations.node").
	Include []string
	// Sort is a field, "-field" for descending.
	Sort string
	// Extra is merged into the query as is.
	Extra url.Values
}

func (o *ListOptions) values() url.Values {
	v := url.Values{}
	if o == nil {
		return v
	}
	if o.Page > 0 {
		v.Set("page", strconv.Itoa(o.Page))
	}
	if o.PerPage > 0 {
		v.Set("per_page", strconv.Itoa(o.PerPage))
	}
	for k, val := range o.Filters {
		v.Set("filter["+k+"]", val)
	}
	if len(o.Include) > 0 {
		v.Set("include", strings.Join(o.Include, ","))
	}
	if o.Sort != "" {
		v.Set("sort", o.Sort)
	}
	for k, vals := range o.Extra {
		for _, val := range vals {
			v.Add(k, val)
		}
	}
	return v
}

func includeQuery(include []string) url.Values {
	if len(include) == 0 {
		return nil
	}
	return url.Values{"include": {strings.Join(include, ",")}}
}

// Pagination is meta.pagination of a list.
type Pagination struct {
	Total       int   `json:"total"`
	Count       int   `json:"count"`
	PerPage     int   `json:"per_page"`
	CurrentPage int   `json:"current_page"`
	TotalPages  int   `json:"total_pages"`
	Links       Links `json:"links"`
}

// HasNext reports whether a page follows this one.
func (p *Pagination) HasNext() bool { return p != nil && p.CurrentPage < p.TotalPages }

// Links holds the absolute URLs of the neighbouring pages, when there are any.
type Links struct {
	Previous string `json:"previous,omitempty"`
	Next     string `json:"next,omitempty"`
}

// UnmarshalJSON accepts an object, or the empty array PHP emits for an empty map.
func (l *Links) UnmarshalJSON(data []byte) error {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '[' {
		*l = Links{}
		var arr []json.RawMessage
		return unmarshal(data, &arr)
	}
	type plain Links
	var p plain
	if err := unmarshal(data, &p); err != nil {
		return err
	}
	*l = Links(p)
	return nil
}

// item is the panel's {"object","attributes"} envelope.
type item[T any] struct {
	Object     string `json:"object"`
	Attributes T      `json:"attributes"`
}

// list is {"object":"list","data":[items],"meta":{"pagination":...}}; meta is missing for the
// unpaginated lists (eggs, server databases, deployable nodes without page).
type list[T any] struct {
	Object string    `json:"object"`
	Data   []item[T] `json:"data"`
	Meta   struct {
		Pagination *Pagination `json:"pagination"`
	} `json:"meta"`
}

func (l *list[T]) items() []T {
	out := make([]T, len(l.Data))
	for i := range l.Data {
		out[i] = l.Data[i].Attributes
	}
	return out
}

func getList[T any](ctx context.Context, c *Client, cl *call) ([]T, *Pagination, error) {
	l := newList[T](cl.query)
	cl.list = true
	if err := c.do(ctx, cl, l); err != nil {
		return nil, nil, err
	}
	return l.items(), l.Meta.Pagination, nil
}

// maxPresized bounds the room newList makes for a page's items.
const maxPresized = 1000

// newList makes room for the page size asked for, if one was: the decoder then fills the slice of
// items instead of growing it (and copying every item so far) as it goes.
func newList[T any](query url.Values) *list[T] {
	var l list[T]
	if n, err := strconv.Atoi(query.Get("per_page")); err == nil && n > 0 {
		l.Data = make([]item[T], 0, min(n, maxPresized))
	}
	return &l
}

func getItem[T any](ctx context.Context, c *Client, cl *call) (*T, error) {
	var it item[T]
	if err := c.do(ctx, cl, &it); err != nil {
		return nil, err
	}
	return &it.Attributes, nil
}

// pageFunc fetches one page.
type pageFunc[T any] func(ctx context.Context, opts *ListOptions) ([]T, *Pagination, error)

// maxPages guards against a panel (or proxy) that ignores the page parameter.
const maxPages = 10000

// all iterates over every page starting at opts.Page (or 1), yielding each item; the first error
// ends the sequence.
func all[T any](ctx context.Context, opts *ListOptions, fetch pageFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		o := ListOptions{}
		if opts != nil {
			o = *opts
		}
		if o.Page < 1 {
			o.Page = 1
		}
		for range maxPages {
			items, p, err := fetch(ctx, &o)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !p.HasNext() || len(items) == 0 || p.CurrentPage < o.Page {
				return
			}
			o.Page = p.CurrentPage + 1
		}
	}
}

func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return slices.Clip(out), nil
}
