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

package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"

	. "github.com/onsi/gomega"
)

// panelAPI talks to the simulator the way a person with an application key (or curl) would,
// to check what the operator did and to change things behind its back.
type panelAPI struct {
	url, key string
	// clientKey is the admin's client key, for the client API (power, files).
	clientKey string
}

// fileContents reads a file of a server through the client API, as the panel's file manager does.
func (p panelAPI) fileContents(identifier, path string) (string, error) {
	req, err := http.NewRequest(http.MethodGet, p.url+"/api/client/servers/"+identifier+"/files/contents?file="+url.QueryEscape(path), http.NoBody)
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+p.clientKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET files/contents %s: %d %s", path, resp.StatusCode, data)
	}
	return string(data), err
}

// do sends a request to the Application API and decodes the JSON answer into out (may be nil).
func (p panelAPI) do(method, path string, body, out any) (int, error) {
	return p.send(p.key, method, path, body, out)
}

// send sends a request with key (the application or the client key) and decodes the JSON answer
// into out (may be nil).
func (p panelAPI) send(key, method, path string, body, out any) (int, error) {
	var rdr io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		rdr = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, p.url+path, rdr)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp.StatusCode, err
	}
	if resp.StatusCode >= 300 {
		return resp.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, data)
	}
	if out != nil && len(data) > 0 {
		return resp.StatusCode, json.Unmarshal(data, out)
	}
	return resp.StatusCode, nil
}

// object is one item of the panel's envelope.
type object struct {
	Attributes map[string]any `json:"attributes"`
}

// list is the panel's list envelope.
type list struct {
	Data []object `json:"data"`
	Meta struct {
		Pagination struct {
			Total int `json:"total"`
		} `json:"pagination"`
	} `json:"meta"`
}

// get returns the attributes of one object.
func (p panelAPI) get(g Gomega, path string) map[string]any {
	var o object
	_, err := p.do(http.MethodGet, path, nil, &o)
	g.Expect(err).NotTo(HaveOccurred())
	return o.Attributes
}

// total returns how many objects a list route holds.
func (p panelAPI) total(g Gomega, path string) int {
	var l list
	_, err := p.do(http.MethodGet, path, nil, &l)
	g.Expect(err).NotTo(HaveOccurred())
	return l.Meta.Pagination.Total
}

// count returns how many objects an unpaginated list route (eggs, server databases) holds: those
// lists carry no pagination meta.
func (p panelAPI) count(g Gomega, path string) int {
	var l list
	_, err := p.do(http.MethodGet, path, nil, &l)
	g.Expect(err).NotTo(HaveOccurred())
	return len(l.Data)
}

// list returns the attributes of the objects of one page of an Application API list route.
func (p panelAPI) list(g Gomega, path string) []map[string]any { return p.listWith(g, p.key, path) }

// clientList is list for a client API route, read with the client key.
func (p panelAPI) clientList(g Gomega, path string) []map[string]any {
	return p.listWith(g, p.clientKey, path)
}

func (p panelAPI) listWith(g Gomega, key, path string) []map[string]any {
	var l list
	_, err := p.send(key, http.MethodGet, path, nil, &l)
	g.Expect(err).NotTo(HaveOccurred())
	out := make([]map[string]any, 0, len(l.Data))
	for _, o := range l.Data {
		out = append(out, o.Attributes)
	}
	return out
}
