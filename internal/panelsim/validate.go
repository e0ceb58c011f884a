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
	"encoding/json"
	"fmt"
	"net"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// field is one entry of a rules table: a dotted input path, Laravel's rule string, an optional
// display name (egg variables have one) and checks the rule string cannot express (unique,
// exists), run only when the built-in rules pass.
type field struct {
	path   string
	rules  string
	attr   string
	custom []customRule
}

// customRule returns the failed rule's name and message, or ok.
type customRule func(v any) (rule, detail string, ok bool)

// exists is Laravel's exists rule on an id column: found says whether a row has the id.
func exists(attr string, found func(int) bool) customRule {
	return func(v any) (string, string, bool) {
		id, ok := toInt(v)
		if !ok || !found(id) {
			return "exists", fmt.Sprintf("The selected %s is invalid.", strings.ReplaceAll(attr, "_", " ")), false
		}
		return "", "", true
	}
}

// unique is Laravel's unique rule on one string column of a table, ignoring self (the row being
// updated). It compares case-insensitively: the panel's tables are utf8mb4_unicode_ci, so MySQL
// finds "Game-1" when asked whether "game-1" is taken, for every unique column (emails,
// usernames, external ids, location shorts). That collation is accent-insensitive too, which
// the simulator does not model.
func unique[T any](t *table[T], self *T, attr string, column func(*T) string) customRule {
	return func(v any) (string, string, bool) {
		val := scalarText(v)
		for _, row := range t.ordered {
			if row != self && strings.EqualFold(column(row), val) {
				return "unique", "The " + attr + " has already been taken.", false
			}
		}
		return "", "", true
	}
}

// validate runs the table against in, adding one entry per failed rule.
func validate(in input, fields []field, errs *validationErrors) {
	for _, f := range fields {
		validateField(in, f, errs)
	}
}

func validateField(in input, f field, errs *validationErrors) {
	rules := strings.Split(f.rules, "|")
	if f.rules == "" {
		rules = nil
	}
	attr := f.attr
	if attr == "" {
		attr = strings.ReplaceAll(f.path, "_", " ")
	}
	v, present := in.lookup(f.path)
	has := func(name string) bool {
		for _, r := range rules {
			if r == name || strings.HasPrefix(r, name+":") {
				return true
			}
		}
		return false
	}
	if has("sometimes") && !present {
		return
	}
	numericField := has("integer") || has("numeric")
	for _, rule := range rules {
		name, arg, _ := strings.Cut(rule, ":")
		switch name {
		case "required":
			if !present || v == nil || isEmptyArray(v) {
				errs.add(f.path, "required", fmt.Sprintf("The %s field is required.", attr))
				return
			}
			continue
		case "present":
			if !present {
				errs.add(f.path, "present", fmt.Sprintf("The %s field must be present.", attr))
				return
			}
			continue
		case "required_without":
			if (!present || v == nil) && !in.has(arg) {
				errs.add(f.path, "required_without", fmt.Sprintf("The %s field is required when %s is not present.", attr, strings.ReplaceAll(arg, "_", " ")))
				return
			}
			continue
		case "required_with":
			if !present || v == nil {
				for _, other := range strings.Split(arg, ",") {
					if in.has(other) {
						errs.add(f.path, "required_with", fmt.Sprintf("The %s field is required when %s is present.", attr, strings.ReplaceAll(other, "_", " ")))
						return
					}
				}
			}
			continue
		}
		// Laravel skips other rules on an absent key, and on null when the field is nullable; a
		// null that is not nullable is checked (and fails string, integer, …).
		if !present || (v == nil && has("nullable")) {
			continue
		}
		if detail, ok := checkRule(name, arg, v, attr, numericField); !ok {
			errs.add(f.path, name, detail)
		}
	}
	if errs.failed(f.path) || !present || v == nil {
		return
	}
	for _, c := range f.custom {
		if rule, detail, ok := c(v); !ok {
			errs.add(f.path, rule, detail)
			return
		}
	}
}

// checkRule evaluates one non-implicit rule on a present value.
func checkRule(name, arg string, v any, attr string, numericField bool) (string, bool) {
	switch name {
	case "nullable", "sometimes", "bail", "filled":
		return "", true
	case "string":
		_, ok := v.(string)
		return fmt.Sprintf("The %s must be a string.", attr), ok
	case "integer":
		ok := isInteger(v)
		return fmt.Sprintf("The %s must be an integer.", attr), ok
	case "numeric":
		_, ok := number(v)
		return fmt.Sprintf("The %s must be a number.", attr), ok
	case "boolean":
		_, ok := toBool(v)
		return fmt.Sprintf("The %s field must be true or false.", attr), ok
	case "array":
		ok := isArray(v)
		return fmt.Sprintf("The %s must be an array.", attr), ok
	case "email":
		s, _ := v.(string)
		addr, err := mail.ParseAddress(s)
		ok := err == nil && addr.Address == s && strings.Contains(s, "@")
		return fmt.Sprintf("The %s must be a valid email address.", attr), ok
	case "url":
		s, _ := v.(string)
		u, err := url.Parse(s)
		return fmt.Sprintf("The %s format is invalid.", attr), err == nil && u.Scheme != "" && u.Host != ""
	case "ip":
		s, _ := v.(string)
		return fmt.Sprintf("The %s must be a valid IP address.", attr), net.ParseIP(s) != nil
	case "alpha_dash":
		return fmt.Sprintf("The %s may only contain letters, numbers, dashes and underscores.", attr), matchText(v, `^[\pL\pM\pN_-]+$`)
	case "alpha_num":
		return fmt.Sprintf("The %s may only contain letters and numbers.", attr), matchText(v, `^[\pL\pM\pN]+$`)
	case "regex":
		re, err := phpRegex(arg)
		return fmt.Sprintf("The %s format is invalid.", attr), err == nil && matchCompiled(v, re)
	case "in":
		s := scalarText(v)
		for _, opt := range strings.Split(arg, ",") {
			if s == opt {
				return "", true
			}
		}
		return fmt.Sprintf("The selected %s is invalid.", attr), false
	case "digits_between":
		lo, hi := bounds(arg)
		s := scalarText(v)
		ok := goRegex(`^\d+$`).MatchString(s) && len(s) >= lo && len(s) <= hi
		return fmt.Sprintf("The %s must be between %d and %d digits.", attr, lo, hi), ok
	case "max", "min", "between", "size":
		return checkSize(name, arg, v, attr, numericField)
	}
	// A rule the simulator does not know passes, as an unknown extension would be a bug in the
	// seed, not in the request.
	return "", true
}

// checkSize implements max/min/between/size on numbers, arrays or strings, as Laravel picks.
func checkSize(name, arg string, v any, attr string, numericField bool) (string, bool) {
	var size float64
	kind := "characters"
	switch {
	case numericField:
		n, ok := number(v)
		if !ok {
			return "", true // the type rule already failed
		}
		size, kind = n, ""
	case isArray(v):
		size, kind = float64(len(v.([]any))), "items"
	default:
		size = float64(utf8.RuneCountInString(scalarText(v)))
	}
	unit := ""
	if kind != "" {
		unit = " " + kind
	}
	switch name {
	case "max":
		n, _ := strconv.ParseFloat(arg, 64)
		return fmt.Sprintf("The %s may not be greater than %s%s.", attr, arg, unit), size <= n
	case "min":
		n, _ := strconv.ParseFloat(arg, 64)
		return fmt.Sprintf("The %s must be at least %s%s.", attr, arg, unit), size >= n
	case "size":
		n, _ := strconv.ParseFloat(arg, 64)
		return fmt.Sprintf("The %s must be %s%s.", attr, arg, unit), size == n
	}
	lo, hi := bounds(arg)
	return fmt.Sprintf("The %s must be between %d and %d%s.", attr, lo, hi, unit), size >= float64(lo) && size <= float64(hi)
}

func bounds(arg string) (int, int) {
	a, b, _ := strings.Cut(arg, ",")
	lo, _ := strconv.Atoi(a)
	hi, _ := strconv.Atoi(b)
	return lo, hi
}

func number(v any) (float64, bool) {
	switch t := v.(type) {
	case json.Number:
		f, err := t.Float64()
		return f, err == nil
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(t), 64)
		return f, err == nil
	}
	return 0, false
}

func isInteger(v any) bool {
	switch t := v.(type) {
	case json.Number:
		_, err := strconv.Atoi(t.String())
		return err == nil
	case string:
		_, err := strconv.Atoi(t)
		return err == nil
	}
	return false
}

func isArray(v any) bool {
	switch v.(type) {
	case []any, map[string]any:
		return true
	}
	return false
}

func isEmptyArray(v any) bool {
	t, ok := v.([]any)
	return ok && len(t) == 0
}

// scalarText is a scalar as PHP would print it.
func scalarText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case json.Number:
		return t.String()
	case bool:
		if t {
			return "1"
		}
		return ""
	}
	return ""
}

func matchText(v any, pattern string) bool {
	if _, ok := v.(string); !ok {
		if _, num := v.(json.Number); !num {
			return false
		}
	}
	return goRegex(pattern).MatchString(scalarText(v))
}

// goRegex compiles a Go pattern once (the Unicode classes of alpha_dash cost more to compile
// than a whole request otherwise).
func goRegex(pattern string) *regexp.Regexp {
	if re, ok := regexCache.Load("go:" + pattern); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(pattern)
	regexCache.Store("go:"+pattern, re)
	return re
}

func matchCompiled(v any, re *regexp.Regexp) bool {
	switch v.(type) {
	case string, json.Number:
		return re.MatchString(scalarText(v))
	}
	return false
}

// regexCache holds compiled rule patterns (PCRE literals, and Go patterns under "go:"); shared
// by every simulator in the process, hence its own map type safe for concurrent use.
var regexCache sync.Map // string → *regexp.Regexp

// phpRegex turns a PCRE literal ("/^x$/i") into a Go regexp.
func phpRegex(lit string) (*regexp.Regexp, error) {
	if re, ok := regexCache.Load(lit); ok {
		return re.(*regexp.Regexp), nil
	}
	if len(lit) < 2 {
		return nil, fmt.Errorf("regex %q", lit)
	}
	delim := lit[0]
	end := strings.LastIndexByte(lit, delim)
	if end <= 0 {
		return nil, fmt.Errorf("regex %q", lit)
	}
	pattern, flags := lit[1:end], lit[end+1:]
	if strings.Contains(flags, "i") {
		pattern = "(?i)" + pattern
	}
	pattern = strings.ReplaceAll(pattern, `\/`, `/`)
	re, err := regexp.Compile(pattern)
	if err == nil {
		regexCache.Store(lit, re)
	}
	return re, err
}
