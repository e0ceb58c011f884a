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
	"net/http"
	"sort"
	"strings"
)

// api tells which of the panel's two APIs a route belongs to: they differ in the keys they take
// and in their rate-limit buckets.
type api int

const (
	applicationAPI api = iota
	clientAPI
)

// handler serves a bound, authorized call and returns the status and body to send.
type handler func(c *call) (int, any, *apiError)

// route is one entry of the panel's route table. perm is the key column the route checks;
// GET needs read, anything else write.
type route struct {
	method  string
	pattern string
	api     api
	perm    string
	handle  handler
	parts   []string
}

// router matches requests the way Laravel does: on the decoded path (so an escaped "/" splits a
// segment), routes of the request's method in registration order; a path that only other methods
// serve is a 405, anything else a 404.
type router struct{ routes []*route }

func (rt *router) add(method, pattern string, a api, perm string, h handler) {
	rt.routes = append(rt.routes, &route{method: method, pattern: pattern, api: a, perm: perm, handle: h,
		parts: strings.Split(strings.Trim(pattern, "/"), "/")})
}

// match finds the route for method and path, with its path parameters.
func (rt *router) match(method, path string) (*route, map[string]string, *apiError) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var allowed []string
	for _, r := range rt.routes {
		params, ok := r.matches(segs)
		if !ok {
			continue
		}
		if r.method == method {
			return r, params, nil
		}
		allowed = append(allowed, r.method)
	}
	trimmed := strings.Trim(path, "/")
	if len(allowed) > 0 {
		sort.Strings(allowed)
		return nil, nil, newError(http.StatusMethodNotAllowed, "MethodNotAllowedHttpException",
			"The "+method+" method is not supported for route "+trimmed+". Supported methods: "+strings.Join(dedupe(allowed), ", ")+".")
	}
	return nil, nil, newError(http.StatusNotFound, "NotFoundHttpException", "The route "+trimmed+" could not be found.")
}

func (r *route) matches(segs []string) (map[string]string, bool) {
	if len(segs) != len(r.parts) {
		return nil, false
	}
	var params map[string]string
	for i, p := range r.parts {
		if strings.HasPrefix(p, "{") {
			if segs[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[strings.Trim(p, "{}")] = segs[i]
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, true
}

func dedupe(sorted []string) []string {
	out := sorted[:0]
	for i, s := range sorted {
		if i == 0 || s != sorted[i-1] {
			out = append(out, s)
		}
	}
	return out
}
