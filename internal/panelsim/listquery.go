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

package panelsim

import (
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// filter is one allowed ?filter[name]=; match decides a row for one comma-separated value.
type filter[T any] struct {
	name  string
	match func(row *T, value string) bool
}

// like is the panel's default filter: a case-insensitive LIKE %value%.
func like[T any](name string, get func(*T) string) filter[T] {
	return filter[T]{name: name, match: func(row *T, v string) bool {
		return strings.Contains(strings.ToLower(get(row)), strings.ToLower(v))
	}}
}

// exact is a filter marked exact.
func exact[T any](name string, get func(*T) string) filter[T] {
	return filter[T]{name: name, match: func(row *T, v string) bool { return get(row) == v }}
}

// sorter is one allowed ?sort= key.
type sorter[T any] struct {
	name string
	key  func(*T) string // compared as numbers when both parse as integers
}

// query applies spatie/laravel-query-builder's filter and sort to rows; unknown names are 400s.
func query[T any](c *call, rows []*T, filters []filter[T], sorts []sorter[T]) ([]*T, *apiError) {
	var unknown []string
	active := map[string]string{}
	for k, vals := range c.query {
		name, ok := strings.CutPrefix(k, "filter[")
		if !ok {
			continue
		}
		name = strings.TrimSuffix(name, "]")
		found := false
		for _, f := range filters {
			if f.name == name {
				found = true
			}
		}
		if !found {
			unknown = append(unknown, name)
			continue
		}
		if len(vals) > 0 && vals[0] != "" {
			active[name] = vals[0]
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		allowed := make([]string, len(filters))
		for i, f := range filters {
			allowed[i] = f.name
		}
		return nil, errDisplay("InvalidFilterQuery", "Requested filter(s) `"+strings.Join(unknown, ", ")+
			"` are not allowed. Allowed filter(s) are `"+strings.Join(allowed, ", ")+"`.")
	}
	var out []*T
	for _, row := range rows {
		if matchesAll(row, filters, active) {
			out = append(out, row)
		}
	}
	if raw := c.query.Get("sort"); raw != "" && len(sorts) > 0 {
		if err := sortRows(out, raw, sorts); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func matchesAll[T any](row *T, filters []filter[T], active map[string]string) bool {
	for _, f := range filters {
		v, ok := active[f.name]
		if !ok {
			continue
		}
		matched := false
		for _, part := range strings.Split(v, ",") {
			if f.match(row, part) {
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

func sortRows[T any](rows []*T, raw string, sorts []sorter[T]) *apiError {
	type key struct {
		s    sorter[T]
		desc bool
	}
	var keys []key
	for _, name := range strings.Split(raw, ",") {
		desc := strings.HasPrefix(name, "-")
		name = strings.TrimPrefix(name, "-")
		var found *sorter[T]
		for i := range sorts {
			if sorts[i].name == name {
				found = &sorts[i]
			}
		}
		if found == nil {
			allowed := make([]string, len(sorts))
			for i, s := range sorts {
				allowed[i] = s.name
			}
			return errDisplay("InvalidSortQuery", "Requested sort(s) `"+name+"` is not allowed. Allowed sort(s) are `"+
				strings.Join(allowed, ", ")+"`.")
		}
		keys = append(keys, key{*found, desc})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		for _, k := range keys {
			a, b := k.s.key(rows[i]), k.s.key(rows[j])
			if a == b {
				continue
			}
			less := a < b
			if ai, err1 := strconv.Atoi(a); err1 == nil {
				if bi, err2 := strconv.Atoi(b); err2 == nil {
					less = ai < bi
				}
			}
			return less != k.desc
		}
		return false
	})
	return nil
}

// paginate cuts one page and returns the panel's list envelope with meta.pagination. per_page
// is neither validated nor capped by the panel; a value that is not a positive number breaks the
// query builder, which the panel answers with a 500.
func paginate(c *call, object string, attrs []obj) (obj, *apiError) {
	return paginateRows(c, object, attrs, func(a *obj) obj { return *a })
}

// paginateRows is paginate over rows that are not transformed yet: only the page's rows are, so
// a list of thousands costs what its page costs (the panel's SQL LIMIT does the same).
func paginateRows[T any](c *call, object string, rows []T, transform func(*T) obj) (obj, *apiError) {
	perPage, page := 50, 1
	if raw := c.query.Get("per_page"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n <= 0 {
			return nil, newError(http.StatusInternalServerError, "QueryException", msgUnexpected)
		}
		perPage = n
	}
	if raw := c.query.Get("page"); raw != "" {
		if n, err := strconv.Atoi(raw); err == nil && n > 0 {
			page = n
		}
	}
	total := len(rows)
	totalPages := int(math.Max(1, math.Ceil(float64(total)/float64(perPage))))
	start := min((page-1)*perPage, total)
	end := min(start+perPage, total)
	attrs := make([]obj, 0, end-start)
	for i := start; i < end; i++ {
		attrs = append(attrs, transform(&rows[i]))
	}
	list := plainList(object, attrs)
	links := obj{}
	if page > 1 {
		links["previous"] = pageURL(c, page-1)
	}
	if page < totalPages {
		links["next"] = pageURL(c, page+1)
	}
	list["meta"] = obj{"pagination": obj{
		"total": total, "count": end - start, "per_page": perPage, "current_page": page,
		"total_pages": totalPages, "links": links,
	}}
	return list, nil
}

func pageURL(c *call, page int) string {
	return c.baseURL + c.r.URL.Path + "?" + url.Values{"page": {strconv.Itoa(page)}}.Encode()
}
