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

package gameservers

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"k8s.io/apimachinery/pkg/types"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// desired is the spec with every reference resolved to panel ids.
type desired struct {
	Name        string
	Description string
	ExternalID  string
	User        int
	Egg         int
	// Image and Startup are "" when the spec leaves them to the egg: then whatever the panel
	// holds is accepted, and no update is made for them.
	Image       string
	Startup     string
	Environment map[string]string
	SkipScripts bool
	Limits      ptero.ServerLimits
	Features    ptero.FeatureLimits
	// Allocations is nil in deploy mode: the panel picked them and they are not managed.
	Allocations *allocationIDs
	Suspended   bool
}

// resolved is the spec turned into what the panel calls need.
type resolved struct {
	desired
	// egg is the egg with its variables, fetched only when creating or switching eggs.
	egg *panel.Egg
	// deploy is the deploy form of a server created in deploy mode.
	deploy *panel.DeploySpec
}

// resolve resolves the spec's references. s is the existing server, nil before create: an
// existing server lets most lookups be skipped (same owner email, same egg, ports it holds).
func (e *external) resolve(ctx context.Context, gs *ptero.GameServer, s *panel.Server) (resolved, error) {
	spec := &gs.Spec
	creating := s == nil
	r := resolved{desired: desired{
		Name:        spec.Name,
		Description: spec.Description,
		ExternalID:  e.externalID(gs),
		Image:       spec.Image,
		Startup:     spec.Startup,
		Environment: spec.Environment,
		SkipScripts: spec.SkipScripts,
		Limits:      spec.Limits,
		Features:    spec.FeatureLimits,
		Suspended:   spec.Suspended,
	}}
	if r.Name == "" {
		r.Name = gs.Name
	}

	var err error
	if r.User, err = e.resolveOwner(ctx, gs, s); err != nil {
		return resolved{}, err
	}
	if r.Egg, r.egg, err = e.resolveEgg(ctx, spec.Egg, s); err != nil {
		return resolved{}, err
	}

	switch {
	case spec.Allocation != nil:
		ids, err := e.resolveAllocation(ctx, gs, s)
		if err != nil {
			return resolved{}, err
		}
		r.Allocations = &ids
	case spec.Deploy != nil && creating:
		if r.deploy, err = e.resolveDeploy(ctx, gs); err != nil {
			return resolved{}, err
		}
	}
	return r, nil
}

func (e *external) resolveOwner(ctx context.Context, gs *ptero.GameServer, s *panel.Server) (int, error) {
	o := gs.Spec.Owner
	switch {
	case o.UserRef != nil:
		return managed.ReferencedID(ctx, e.kube, "PanelUser", types.NamespacedName{Namespace: gs.Namespace, Name: o.UserRef.Name}, &ptero.PanelUser{}, s == nil)
	case o.ID != nil:
		return int(*o.ID), nil
	case o.Email != nil:
		email := *o.Email
		if s != nil && s.Relationships.User != nil && strings.EqualFold(s.Relationships.User.Email, email) {
			return s.User, nil
		}
		// The email filter matches partially (a@b.c also finds xa@b.com): check each result.
		users, err := e.conn.Client.Users.ListAll(ctx, &panel.ListOptions{Filters: map[string]string{"email": email}})
		if err != nil {
			return 0, err
		}
		for _, u := range users {
			if strings.EqualFold(u.Email, email) {
				return u.ID, nil
			}
		}
		return 0, e.later(managed.InvalidSpec("owner.email", "no panel user has the email %s: create the user (a PanelUser, then owner.userRef), or fix the address", email))
	}
	return 0, managed.InvalidSpec("owner", "set one of owner.userRef, owner.id or owner.email")
}

// resolveEgg returns the egg id the spec names, and the egg with its variables when the server
// does not run it yet (create, or an egg change).
func (e *external) resolveEgg(ctx context.Context, sel ptero.EggSelector, s *panel.Server) (int, *panel.Egg, error) {
	if sel.ID != nil && s != nil && s.Egg == int(*sel.ID) {
		return s.Egg, nil, nil
	}
	nests, err := e.conn.Nests(ctx)
	if err != nil {
		return 0, nil, err
	}
	ref, err := findEgg(nests, int(ptrValue(sel.ID)), sel.Nest, sel.Name)
	if err != nil {
		return 0, nil, err
	}
	if s != nil && s.Egg == ref.ID {
		return ref.ID, nil, nil
	}
	egg, err := e.conn.Egg(ctx, ref.Nest, ref.ID)
	if err != nil {
		return 0, nil, err
	}
	return ref.ID, egg, nil
}

// resolveAllocation finds the node and the allocations of allocation mode.
func (e *external) resolveAllocation(ctx context.Context, gs *ptero.GameServer, s *panel.Server) (allocationIDs, error) {
	a := gs.Spec.Allocation
	var node int
	var nodeName, field string
	switch {
	case a.NodeRef != nil:
		field = "allocation.nodeRef"
		pn := &ptero.PanelNode{}
		id, err := managed.ReferencedID(ctx, e.kube, "PanelNode", types.NamespacedName{Name: a.NodeRef.Name}, pn, s == nil)
		if err != nil {
			return allocationIDs{}, err
		}
		node, nodeName = id, firstNonEmpty(pn.Spec.Name, pn.Name)
	case a.NodeID != nil:
		field = "allocation.nodeId"
		node, nodeName = int(*a.NodeID), strconv.FormatInt(*a.NodeID, 10)
	default:
		return allocationIDs{}, managed.InvalidSpec("allocation", "set one of allocation.nodeRef or allocation.nodeId")
	}
	var own []panel.Allocation
	if s != nil {
		if s.Node != node {
			// Only possible for an adopted server: the API server refuses node changes.
			return allocationIDs{}, managed.InvalidSpec(field, "the server is on panel node %d, not %d; the panel cannot move a server to another node", s.Node, node)
		}
		if s.Relationships.Node != nil {
			nodeName = s.Relationships.Node.Name
		}
		own = s.Relationships.Allocations
	}
	ids, err := e.resolveAllocations(ctx, node, nodeName, a, own)
	return ids, e.later(err)
}

// resolveDeploy builds the panel's deploy form from location references and ids.
func (e *external) resolveDeploy(ctx context.Context, gs *ptero.GameServer) (*panel.DeploySpec, error) {
	d := gs.Spec.Deploy
	out := &panel.DeploySpec{DedicatedIP: d.DedicatedIP}
	for _, ref := range d.LocationRefs {
		id, err := managed.ReferencedID(ctx, e.kube, "PanelLocation", types.NamespacedName{Name: ref.Name}, &ptero.PanelLocation{}, true)
		if err != nil {
			return nil, err
		}
		out.Locations = append(out.Locations, id)
	}
	for _, id := range d.LocationIDs {
		out.Locations = append(out.Locations, int(id))
	}
	for _, p := range d.PortRange {
		out.PortRange = append(out.PortRange, string(p))
	}
	return out, nil
}

// later turns a spec problem that the panel's state may resolve on its own (a port another
// server frees, a user someone creates) into a failure looked at again after the sync interval,
// rather than a terminal one that would wait for a spec change.
func (e *external) later(err error) error {
	var invalid *managed.InvalidSpecError
	if !errors.As(err, &invalid) {
		return err
	}
	return managed.Fail(managed.Failure{Reason: ptero.ReasonInvalidSpec, Message: invalid.Error(), RequeueAfter: e.conn.SyncInterval()})
}

func ptrValue(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
