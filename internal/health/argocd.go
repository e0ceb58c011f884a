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

// Package health evaluates the health of the operator's objects the way the GitOps tools do:
// Argo CD, by running the Lua health check that ships in config/argocd with the Lua interpreter
// Argo CD itself uses, and Flux, by kstatus, the library its kustomize-controller computes
// readiness with. The unit tests run both over fixtures of every kind, the e2e suite over the
// objects a running manager wrote, and both check that the two tools agree.
package health

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	lua "github.com/yuin/gopher-lua"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// ArgoStatus is an Argo CD health status.
type ArgoStatus string

// The health statuses Argo CD accepts from a Lua check.
const (
	Healthy     ArgoStatus = "Healthy"
	Progressing ArgoStatus = "Progressing"
	Degraded    ArgoStatus = "Degraded"
	Suspended   ArgoStatus = "Suspended"
	Missing     ArgoStatus = "Missing"
	Unknown     ArgoStatus = "Unknown"
)

// ArgoResult is what a health check returns.
type ArgoResult struct {
	Status  ArgoStatus
	Message string
}

// scriptDeadline is how long Argo CD lets a health script run.
const scriptDeadline = time.Second

// ArgoCD assesses obj as Argo CD does with script as the health customization of its kind. A
// deleting object is Progressing without the script being run, as gitops-engine decides before
// any check. Otherwise the script runs as Argo CD runs custom checks from argocd-cm: only the base,
// table and package libraries open (no string library), the object as the Lua table obj, a
// one-second deadline; it must return a table whose status is one Argo CD knows, else the
// result is Unknown.
func ArgoCD(script string, obj *unstructured.Unstructured) (ArgoResult, error) {
	if obj.GetDeletionTimestamp() != nil {
		return ArgoResult{Status: Progressing, Message: "Pending deletion"}, nil
	}
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for name, open := range map[string]lua.LGFunction{
		lua.LoadLibName: lua.OpenPackage,
		lua.BaseLibName: lua.OpenBase,
		lua.TabLibName:  lua.OpenTable,
	} {
		if err := l.CallByParam(lua.P{Fn: l.NewFunction(open), Protect: true}, lua.LString(name)); err != nil {
			return ArgoResult{}, fmt.Errorf("opening the Lua library %q: %w", name, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), scriptDeadline)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", toLua(l, obj.Object))
	if err := l.DoString(script); err != nil {
		return ArgoResult{}, fmt.Errorf("running the health script on %s %s: %w", obj.GetKind(), obj.GetName(), err)
	}
	return fromLua(l.Get(-1))
}

// toLua converts a decoded JSON value into Lua as Argo CD does: numbers of every Go type become
// Lua numbers, objects and arrays tables.
func toLua(l *lua.LState, value any) lua.LValue {
	switch v := value.(type) {
	case bool:
		return lua.LBool(v)
	case string:
		return lua.LString(v)
	case json.Number:
		return lua.LString(v)
	case float64:
		return lua.LNumber(v)
	case int:
		return lua.LNumber(v)
	case int32:
		return lua.LNumber(v)
	case int64:
		return lua.LNumber(v)
	case []any:
		t := l.CreateTable(len(v), 0)
		for _, item := range v {
			t.Append(toLua(l, item))
		}
		return t
	case map[string]any:
		t := l.CreateTable(0, len(v))
		for key, item := range v {
			t.RawSetH(lua.LString(key), toLua(l, item))
		}
		return t
	}
	return lua.LNil
}

// fromLua reads the table a health script returned.
func fromLua(v lua.LValue) (ArgoResult, error) {
	t, ok := v.(*lua.LTable)
	if !ok {
		return ArgoResult{}, fmt.Errorf("expect table output from Lua script, not %s", v.Type())
	}
	var r ArgoResult
	for field, into := range map[string]*string{"status": (*string)(&r.Status), "message": &r.Message} {
		switch s := t.RawGetString(field).(type) {
		case lua.LString:
			*into = string(s)
		case *lua.LNilType:
		default:
			return ArgoResult{}, fmt.Errorf("the health script returned a %s as %s, not a string", s.Type(), field)
		}
	}
	switch r.Status {
	case Healthy, Progressing, Degraded, Suspended, Missing, Unknown:
		return r, nil
	}
	return ArgoResult{Status: Unknown, Message: "Lua returned an invalid health status"}, nil
}
