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
	"bytes"
	"encoding/json"
	"maps"
	"net/http"
)

func listNests(c *call) (int, any, *apiError) {
	inc := c.requestIncludes()
	var attrs []obj
	for _, n := range c.st.nests.all() {
		attrs = append(attrs, c.nestAttrs(n, inc))
	}
	list, err := paginate(c, "nest", attrs, pager{intPerPage: true})
	return http.StatusOK, list, err
}

func getNest(c *call) (int, any, *apiError) {
	return http.StatusOK, item("nest", c.nestAttrs(c.boundNest, c.requestIncludes())), nil
}

// listEggs is not paginated: the panel returns the whole collection with no meta.
func listEggs(c *call) (int, any, *apiError) {
	inc := c.requestIncludes()
	var attrs []obj
	for _, e := range c.st.eggsOf(c.boundNest.ID) {
		attrs = append(attrs, c.eggAttrs(e, inc))
	}
	return http.StatusOK, plainList("egg", attrs), nil
}

func getEgg(c *call) (int, any, *apiError) {
	return http.StatusOK, item("egg", c.eggAttrs(c.boundEgg, c.requestIncludes())), nil
}

func (c *call) nestAttrs(n *nest, inc includes) obj {
	a := obj{"id": n.ID, "uuid": n.UUID, "author": n.Author, "name": n.Name, "description": n.Description,
		"created_at": timestamp(n.CreatedAt), "updated_at": timestamp(n.UpdatedAt)}
	if sub, ok := inc["eggs"]; ok {
		c.relate(a, "eggs", ResEggs, func() obj {
			var list []obj
			for _, e := range c.st.eggsOf(n.ID) {
				list = append(list, c.eggAttrs(e, sub))
			}
			return plainList("egg", list)
		})
	}
	if sub, ok := inc["servers"]; ok {
		c.relate(a, "servers", ResServers, func() obj {
			var list []obj
			for _, srv := range c.st.servers.all() {
				if srv.NestID == n.ID {
					list = append(list, c.serverAttrs(srv, sub))
				}
			}
			return plainList("server", list)
		})
	}
	return a
}

func (c *call) eggAttrs(e *egg, inc includes) obj {
	first := ""
	if len(e.DockerImages) > 0 {
		first = e.DockerImages[0].Image
	}
	a := obj{
		"id": e.ID, "uuid": e.UUID, "name": e.Name, "nest": e.NestID, "author": e.Author,
		"description": e.Description, "docker_image": first, "docker_images": orderedImages(e.DockerImages),
		"config": obj{
			"files": decodedOr(e.Config.Files, obj{}), "startup": decodedOr(e.Config.Startup, obj{}),
			"stop": e.Config.Stop, "logs": assocDecoded(e.Config.Logs),
			"file_denylist": nonNil(e.Config.FileDenylist), "extends": nil,
		},
		"startup": e.Startup,
		"script": obj{"privileged": e.Script.Privileged, "install": e.Script.Install, "entry": e.Script.Entry,
			"container": e.Script.Container, "extends": nil},
		"created_at": timestamp(e.CreatedAt), "updated_at": timestamp(e.UpdatedAt),
	}
	if sub, ok := inc["nest"]; ok {
		c.relate(a, "nest", ResNests, func() obj {
			n, _ := c.st.nests.get(e.NestID)
			return c.relatedItem("nest", n.ID, sub, func() obj { return c.nestAttrs(n, sub) })
		})
	}
	if sub, ok := inc["servers"]; ok {
		c.relate(a, "servers", ResServers, func() obj {
			var list []obj
			for _, srv := range c.st.servers.all() {
				if srv.EggID == e.ID {
					list = append(list, c.serverAttrs(srv, sub))
				}
			}
			return plainList("server", list)
		})
	}
	if _, ok := inc["variables"]; ok {
		c.relate(a, "variables", ResEggs, func() obj {
			var list []obj
			for _, v := range c.st.variablesOf(e.ID) {
				list = append(list, c.eggVariableAttrs(v, e))
			}
			return plainList("egg_variable", list)
		})
	}
	// No seeded egg extends another, so the inherited config and script are null resources.
	for _, name := range []string{"config", "script"} {
		if _, ok := inc[name]; ok {
			c.relate(a, name, "", nullResource)
		}
	}
	return c.flavorEgg(a)
}

func (c *call) eggVariableAttrs(v *eggVariable, e *egg) obj {
	return obj{
		"id": v.ID, "egg_id": v.EggID, "name": v.Name, "description": v.Description, "env_variable": v.EnvVariable,
		"default_value": v.DefaultValue, "user_viewable": v.UserViewable, "user_editable": v.UserEditable,
		"rules": v.Rules, "created_at": microTimestamp(e.CreatedAt), "updated_at": microTimestamp(e.UpdatedAt),
	}
}

// eggVariableCopy is a fresh copy of eggVariableAttrs(v, e), for a caller that adds to it: a
// page of servers shows each egg variable once per server, so the attributes are built once
// per request and cloned.
func (c *call) eggVariableCopy(v *eggVariable, e *egg) obj {
	base, ok := c.variableAttrs[v]
	if !ok {
		if c.variableAttrs == nil {
			c.variableAttrs = map[*eggVariable]obj{}
		}
		base = c.eggVariableAttrs(v, e)
		c.variableAttrs[v] = base
	}
	return maps.Clone(base)
}

// orderedImages serializes label → image as a JSON object in the egg's order.
type orderedImages []DockerImage

func (o orderedImages) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, img := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(img.Label)
		v, _ := json.Marshal(img.Image)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// decodedOr is json_decode of a stored config block, def when empty or invalid.
func decodedOr(raw string, def any) any {
	var v any
	if raw == "" || json.Unmarshal([]byte(raw), &v) != nil || v == nil {
		return def
	}
	if arr, ok := v.([]any); ok && len(arr) == 0 {
		return def
	}
	return v
}

// assocDecoded is what json_encode makes of json_decode($raw, true), which is how the panel's
// EggTransformer serves config.logs (it special-cases only config.files to an object). Decoded
// that way every JSON object becomes a PHP array, and an empty PHP array is encoded as a list:
// the seeded "{}" goes out as [], while a non-empty object such as Teamspeak's keeps its keys.
// A missing or invalid value decodes to null, as json_decode of it does.
func assocDecoded(raw string) any {
	var v any
	if raw == "" || json.Unmarshal([]byte(raw), &v) != nil {
		return nil
	}
	return emptyObjectsAsLists(v)
}

// emptyObjectsAsLists turns every empty object, however deep, into an empty list.
func emptyObjectsAsLists(v any) any {
	switch t := v.(type) {
	case map[string]any:
		if len(t) == 0 {
			return []any{}
		}
		for k, val := range t {
			t[k] = emptyObjectsAsLists(val)
		}
	case []any:
		for i, val := range t {
			t[i] = emptyObjectsAsLists(val)
		}
	}
	return v
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}
