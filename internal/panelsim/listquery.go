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
	"errors"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// filter is one allowed ?filter[name]=; match decides a row for one comma-separated value.
// partial is spatie's FiltersPartial, which drops empty values from a comma list ("a," is "a").
// get, when set, is the column the filter compares (lowercased when partial), so that a
// cached copy of it can be scanned instead of the rows (tableColumn).
type filter[T any] struct {
	name    string
	match   func(row *T, value string) bool
	partial bool
	get     func(*T) string
}

// like is the panel's default filter: a case-insensitive LIKE %value%.
func like[T any](name string, get func(*T) string) filter[T] {
	return filter[T]{name: name, partial: true, get: get, match: func(row *T, v string) bool {
		return strings.Contains(strings.ToLower(get(row)), v)
	}}
}

// exact is a filter marked exact: SQL equality, which the panel's utf8mb4_unicode_ci collation
// (config/database.php) makes case-insensitive, as it does every string comparison.
func exact[T any](name string, get func(*T) string) filter[T] {
	return filter[T]{name: name, get: get, match: func(row *T, v string) bool { return sqlEqual(get(row), v) }}
}

// sqlEqual is MySQL's = on the panel's string columns: case-insensitive under its
// utf8mb4_unicode_ci collation, so "Team.A" finds the row holding "team.a".
func sqlEqual(column, value string) bool { return strings.EqualFold(column, value) }

// sorter is one allowed ?sort= key.
type sorter[T any] struct {
	name string
	key  func(*T) string // compared as numbers when both parse as integers
}

// activeFilter is a requested filter with its comma-separated values, ready to match; column,
// when not nil, is the filter's column for each row, in the rows' order.
type activeFilter[T any] struct {
	f      *filter[T]
	values []string
	column []string
}

// query applies spatie/laravel-query-builder's filter and sort to rows; unknown names are 400s.
// rows is left as it is (it may be an index's list): what is filtered or sorted is a copy.
func query[T any](c *call, rows []*T, filters []filter[T], sorts []sorter[T]) ([]*T, *apiError) {
	return queryColumns(c, rows, nil, filters, sorts)
}

// queryTable is query over every row of a table, in id order. While a read is served, the
// filtered columns are scanned from copies kept in the relations index: at 10,000 servers,
// reading each row's fields is most of what a filter costs.
func queryTable[T any](c *call, t *table[T], name string, filters []filter[T], sorts []sorter[T]) ([]*T, *apiError) {
	return queryColumns(c, t.all(), func(f *filter[T]) []string { return tableColumn(c.st, t, name, f) }, filters, sorts)
}

func queryColumns[T any](c *call, rows []*T, columns func(*filter[T]) []string, filters []filter[T], sorts []sorter[T]) ([]*T, *apiError) {
	var unknown []string
	requested := map[string]string{}
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
		// PHP keeps the last of repeated keys; "" is null after ConvertEmptyStringsToNull.
		if len(vals) > 0 && vals[len(vals)-1] != "" {
			requested[name] = vals[len(vals)-1]
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
	var active []activeFilter[T]
	for i := range filters {
		f := &filters[i]
		v, ok := requested[f.name]
		if !ok {
			continue
		}
		var values []string
		for _, part := range strings.Split(v, ",") {
			if f.partial {
				if part == "" {
					continue
				}
				part = strings.ToLower(part)
			}
			values = append(values, part)
		}
		if len(values) > 0 {
			a := activeFilter[T]{f: f, values: values}
			if columns != nil {
				if col := columns(f); len(col) == len(rows) {
					a.column = col
				}
			}
			active = append(active, a)
		}
	}
	out := rows
	if len(active) > 0 {
		out = make([]*T, 0, min(len(rows), 64))
		for i, row := range rows {
			if matchesAll(i, row, active) {
				out = append(out, row)
			}
		}
	}
	if raw := c.query.Get("sort"); raw != "" && len(sorts) > 0 {
		if len(active) == 0 {
			out = slices.Clone(rows)
		}
		if err := sortRows(out, raw, sorts); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// matchesAll tells whether row, the i-th, passes every active filter.
func matchesAll[T any](i int, row *T, active []activeFilter[T]) bool {
	for _, a := range active {
		matched := false
		for _, v := range a.values {
			switch {
			case a.column == nil:
				matched = a.f.match(row, v)
			case a.f.partial:
				matched = strings.Contains(a.column[i], v)
			default:
				matched = sqlEqual(a.column[i], v)
			}
			if matched {
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

// tableColumn returns f's column (lowercased for a partial filter) for every row of t in id
// order, kept in the relations index under name while reads last; nil when there is no index.
// The values are cut from one string, so a scan reads them from contiguous memory.
func tableColumn[T any](s *state, t *table[T], name string, f *filter[T]) []string {
	r := s.index()
	if r == nil || f.get == nil {
		return nil
	}
	key := name + "." + f.name
	if col, ok := r.columns[key]; ok {
		return col
	}
	var b strings.Builder
	ends := make([]int, len(t.ordered))
	for i, row := range t.ordered {
		v := f.get(row)
		if f.partial {
			v = strings.ToLower(v)
		}
		b.WriteString(v)
		ends[i] = b.Len()
	}
	all := b.String()
	col := make([]string, len(ends))
	start := 0
	for i, end := range ends {
		col[i] = all[start:end]
		start = end
	}
	r.columns[key] = col
	return col
}

// sortKey is one row's value for one sort key, read once rather than at every comparison.
type sortKey struct {
	s     string
	n     int
	isInt bool
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
	type keyed struct {
		row  *T
		keys []sortKey
	}
	list := make([]keyed, len(rows))
	for i, row := range rows {
		ks := make([]sortKey, len(keys))
		for j, k := range keys {
			v := k.s.key(row)
			n, err := strconv.Atoi(v)
			ks[j] = sortKey{s: v, n: n, isInt: err == nil}
		}
		list[i] = keyed{row, ks}
	}
	sort.SliceStable(list, func(i, j int) bool {
		for k, key := range keys {
			a, b := list[i].keys[k], list[j].keys[k]
			if a.s == b.s {
				continue
			}
			less := a.s < b.s
			if a.isInt && b.isInt {
				less = a.n < b.n
			}
			return less != key.desc
		}
		return false
	})
	for i := range list {
		rows[i] = list[i].row
	}
	return nil
}

// pager is how an endpoint hands per_page and page to Laravel's paginator. The zero value is
// ->paginate($request->query('per_page') ?? 50) on a query builder (servers, nodes, users,
// locations, allocations): the string itself reaches the paginator, which reads ?page itself.
type pager struct {
	// intPerPage: per_page is first passed to an int parameter (NestController through
	// EloquentRepository::paginated(int $perPage), FindViableNodesService::handle(?int ...)).
	intPerPage bool
	// page, when not 0, is the page passed to paginate() (FindViableNodesService's ?int $page).
	page int
}

// defaultPerPage is the controllers' `?? 50`; modelPerPage is Eloquent's Model::$perPage,
// which the paginator falls back to when per_page is falsy ("0"). No panel model overrides it.
const (
	defaultPerPage = 50
	modelPerPage   = 15
)

// window is the slice of a list one page shows, and the numbers meta.pagination reports.
type window struct {
	page, perPage, lastPage int
	offset                  int
	limit                   int // -1: no LIMIT
}

// pageWindow is Eloquent's Builder::paginate (Laravel 11) over total rows. per_page is neither
// validated nor capped; the paginator computes with its value v as PHP does: LIMIT (int)v when
// v ≥ 0 (Query\Builder::limit ignores a negative one), OFFSET max(0, (int)((page-1)·v)),
// meta per_page (int)v and total_pages max(ceil(total/v), 1). So a negative per_page returns
// every row on one page, "0.5" returns none, and see perPage for the rest.
func (c *call) pageWindow(total int, pg pager) (window, *apiError) {
	w := window{page: pg.page}
	if w.page == 0 {
		w.page = c.currentPage()
	}
	v, perPage, err := c.perPage(pg.intPerPage)
	if err != nil {
		return w, err
	}
	w.perPage = perPage
	w.lastPage = max(int(math.Ceil(float64(total)/v)), 1)
	w.limit = -1
	if v >= 0 {
		w.limit = perPage
	}
	w.offset = int(math.Min(math.Max(0, float64(w.page-1)*v), float64(total)))
	return w, nil
}

// perPage returns the per_page value the paginator computes with, and (int) of it:
//
//   - absent or empty: 50, the controllers' default;
//   - "0" is falsy in PHP, so Model::$perPage (15) is used; an int parameter's 0 likewise;
//   - another numeric string is used as a number, so "00", "-0" or "0.0" divide by zero (500
//     DivisionByZeroError);
//   - anything else breaks PHP's arithmetic: a leading-numeric string ("5abc") warns, which
//     Laravel turns into a 500 ErrorException; a non-numeric one, or an array (per_page[]=5), is
//     a 500 TypeError.
func (c *call) perPage(intParam bool) (float64, int, *apiError) {
	raw, set, array := c.phpQuery("per_page")
	if array {
		return 0, 0, errPHP("TypeError")
	}
	if !set {
		return defaultPerPage, defaultPerPage, nil
	}
	f, kind := phpNumeric(raw)
	switch kind {
	case phpNonNumeric:
		return 0, 0, errPHP("TypeError")
	case phpLeadingNumeric:
		return 0, 0, errPHP("ErrorException")
	}
	if intParam {
		// Coerced on the way in (a fractional part is only deprecated); then the paginator has an int.
		if n := phpInt(raw, f); n != 0 {
			return float64(n), n, nil
		}
		return modelPerPage, modelPerPage, nil
	}
	if raw == "0" {
		return modelPerPage, modelPerPage, nil
	}
	if f == 0 {
		return 0, 0, errPHP("DivisionByZeroError")
	}
	return f, phpInt(raw, f), nil
}

// currentPage is Laravel's resolveCurrentPage: ?page as FILTER_VALIDATE_INT reads it, if ≥ 1.
func (c *call) currentPage() int {
	raw, set, array := c.phpQuery("page")
	if !set || array || !phpIntPattern.MatchString(raw) {
		return 1
	}
	n, err := strconv.ParseInt(raw, 10, 64) // past PHP_INT_MAX, FILTER_VALIDATE_INT fails too
	if err != nil || n < 1 {
		return 1
	}
	return int(n)
}

// phpIntPattern is what FILTER_VALIDATE_INT takes: an optional sign and no leading zeros.
var phpIntPattern = regexp.MustCompile(`^[+-]?(0|[1-9]\d*)$`)

// phpQuery reads a query parameter as the panel sees it: PHP keeps the last of repeated keys and
// makes "key[]=" or "key[x]=" an array; TrimStrings trims it and ConvertEmptyStringsToNull turns
// "" into null, reported as not set.
func (c *call) phpQuery(key string) (value string, set, array bool) {
	for k := range c.query {
		if strings.HasPrefix(k, key+"[") {
			return "", true, true
		}
	}
	vals := c.query[key]
	if len(vals) == 0 {
		return "", false, false
	}
	v := strings.TrimFunc(vals[len(vals)-1], trimmedByLaravel)
	return v, v != "", false
}

// trimmedByLaravel is what Str::trim strips from both ends: \s of a /u pattern (PHP sets UCP,
// so Unicode white space), NUL, and U+FEFF, U+200B, U+200E.
func trimmedByLaravel(r rune) bool {
	return unicode.IsSpace(r) || r == 0 || r == '\ufeff' || r == '\u200b' || r == '\u200e'
}

// Kinds of PHP 8 numeric strings.
const (
	phpNumericString = iota
	phpLeadingNumeric
	phpNonNumeric
)

// phpNumeric classifies s as PHP 8 does in arithmetic ([+-] digits [. digits] [e[+-]digits],
// whitespace around allowed) and returns its value, or that of its numeric prefix.
func phpNumeric(s string) (float64, int) {
	m := phpNumberPrefix.FindString(s)
	if m == "" {
		return 0, phpNonNumeric
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(m), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, phpNonNumeric
	}
	if strings.TrimRight(s[len(m):], " \t\n\v\f\r") != "" {
		return f, phpLeadingNumeric
	}
	return f, phpNumericString
}

var phpNumberPrefix = regexp.MustCompile(`^[ \t\n\v\f\r]*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?`)

// phpInt is PHP's (int) of a numeric string: exact for an integer, else its float truncated and
// capped to the int range.
func phpInt(raw string, f float64) int {
	if n, err := strconv.Atoi(strings.TrimPrefix(raw, "+")); err == nil {
		return n
	}
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int(f)
}

// errPHP is the panel's answer to a PHP error thrown while serving: a 500 named for the class.
func errPHP(class string) *apiError {
	return newError(http.StatusInternalServerError, class, msgUnexpected)
}

// paginate cuts one page and returns the panel's list envelope with meta.pagination.
func paginate(c *call, object string, attrs []obj, pg pager) (obj, *apiError) {
	return paginateRows(c, object, attrs, pg, func(a *obj) obj { return *a })
}

// paginateRows is paginate over rows that are not transformed yet: only the page's rows are, so
// a list of thousands costs what its page costs (the panel's SQL LIMIT does the same).
func paginateRows[T any](c *call, object string, rows []T, pg pager, transform func(*T) obj) (obj, *apiError) {
	total := len(rows)
	w, err := c.pageWindow(total, pg)
	if err != nil {
		return nil, err
	}
	end := total
	if w.limit >= 0 {
		end = min(w.offset+w.limit, total)
	}
	attrs := make([]obj, 0, end-w.offset)
	for i := w.offset; i < end; i++ {
		attrs = append(attrs, transform(&rows[i]))
	}
	list := plainList(object, attrs)
	links := obj{}
	if w.page > 1 {
		links["previous"] = pageURL(c, w.page-1)
	}
	if w.page < w.lastPage {
		links["next"] = pageURL(c, w.page+1)
	}
	list["meta"] = obj{"pagination": obj{
		"total": total, "count": end - w.offset, "per_page": w.perPage, "current_page": w.page,
		"total_pages": w.lastPage, "links": links,
	}}
	return list, nil
}

// pageURL is the paginator's url(): the request's path without its query string (so without
// per_page, filters or includes: the panel's controllers append none) and ?page=.
func pageURL(c *call, page int) string {
	return c.baseURL + strings.TrimRight(c.r.URL.Path, "/") + "?" + url.Values{"page": {strconv.Itoa(page)}}.Encode()
}
