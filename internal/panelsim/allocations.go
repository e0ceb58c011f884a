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
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

var (
	portDigits = regexp.MustCompile(`^\d+$`)
	portRange  = regexp.MustCompile(`^(\d{4,5})-(\d{4,5})$`)
)

const maxPortsInRange = 1000

var allocationFilters = []filter[allocation]{
	exact("ip", func(a *allocation) string { return a.IP }),
	exact("port", func(a *allocation) string { return itoa(a.Port) }),
	like("ip_alias", func(a *allocation) string { return deref(a.Alias) }),
	// Digits select that server's allocations; anything else selects the unassigned ones.
	{name: "server_id", match: func(a *allocation, v string) bool {
		if portDigits.MatchString(v) {
			return a.ServerID != nil && itoa(*a.ServerID) == v
		}
		return a.ServerID == nil
	}},
}

func listAllocations(c *call) (int, any, *apiError) {
	rows, err := query(c, c.st.allocationsOf(c.boundNode.ID, 0), allocationFilters, nil)
	if err != nil {
		return 0, nil, err
	}
	inc := c.requestIncludes()
	list, err := paginateRows(c, "allocation", rows, pager{}, func(a **allocation) obj { return c.allocationAttrs(*a, inc) })
	return http.StatusOK, list, err
}

// createAllocations is AssignmentService: 204 and no body. Everything is checked before anything
// is inserted; (node, ip, port) duplicates are skipped.
func createAllocations(c *call) (int, any, *apiError) {
	var errs validationErrors
	fields := []field{
		{path: "ip", rules: "required|string"},
		{path: "alias", rules: "sometimes|nullable|string|max:191"},
		{path: "ports", rules: "required|array"},
	}
	validate(c.body, fields, &errs)
	if list, ok := c.body["ports"].([]any); ok {
		for i := range list {
			validate(c.body, []field{{path: "ports." + itoa(i), rules: "string"}}, &errs)
		}
	}
	if err := errs.err(); err != nil {
		return 0, nil, err
	}
	ips, aerr := expandIP(*c.body.str("ip"))
	if aerr != nil {
		return 0, nil, aerr
	}
	type span struct{ lo, hi int }
	var spans []span
	for _, raw := range c.body["ports"].([]any) {
		lo, hi, err := parsePortRange(raw.(string))
		if err != nil {
			return 0, nil, err
		}
		spans = append(spans, span{lo, hi})
	}
	alias := c.body.strOr("alias", "")
	for _, ip := range ips {
		for _, sp := range spans {
			c.st.addAllocations(c.boundNode.ID, ip, alias, sp.lo, sp.hi)
		}
	}
	return http.StatusNoContent, nil, nil
}

// parsePortRange reads "25565" or "25565-25600" with the panel's limits.
func parsePortRange(p string) (int, int, *apiError) {
	var lo, hi int
	switch {
	case portRange.MatchString(p):
		m := portRange.FindStringSubmatch(p)
		lo, _ = strconv.Atoi(m[1])
		hi, _ = strconv.Atoi(m[2])
		if hi-lo+1 > maxPortsInRange {
			return 0, 0, errDisplay("TooManyPortsInRangeException", "Adding more than 1000 ports in a single range at once is not supported.")
		}
	case portDigits.MatchString(p):
		lo, _ = strconv.Atoi(p)
		hi = lo
	default:
		return 0, 0, errDisplay("InvalidPortMappingException", fmt.Sprintf("The mapping provided for %s was invalid and could not be processed.", p))
	}
	if lo <= 1024 || hi > 65535 || lo > hi {
		return 0, 0, errDisplay("PortOutOfRangeException", "Ports in an allocation must be greater than 1024 and less than or equal to 65535.")
	}
	return lo, hi, nil
}

// expandIP turns an IP, a CIDR (/25 to /32) or "localhost" into addresses. The panel resolves
// hostnames over DNS; the simulator knows no DNS and refuses other names.
func expandIP(raw string) ([]string, *apiError) {
	if _, mask, ok := strings.Cut(raw, "/"); ok {
		bits, err := strconv.Atoi(mask)
		if err != nil || bits < 25 || bits > 32 {
			return nil, errDisplay("CidrOutOfRangeException", "CIDR notation only allows masks between /25 and /32.")
		}
		ip, network, err := net.ParseCIDR(raw)
		if err != nil || ip.To4() == nil {
			return nil, errDisplay("DisplayException", "The IP address provided is not valid.")
		}
		var out []string
		for cur := network.IP.To4(); network.Contains(cur); cur = nextIP(cur) {
			out = append(out, cur.String())
		}
		return out, nil
	}
	if raw == "localhost" {
		return []string{"127.0.0.1"}, nil
	}
	if net.ParseIP(raw) == nil {
		return nil, errDisplay("DisplayException", "The IP address provided is not valid.")
	}
	return []string{raw}, nil
}

func nextIP(ip net.IP) net.IP {
	next := make(net.IP, len(ip))
	copy(next, ip)
	for i := len(next) - 1; i >= 0; i-- {
		next[i]++
		if next[i] != 0 {
			break
		}
	}
	return next
}

// addAllocations inserts ports lo..hi on ip, skipping ones that exist (INSERT IGNORE).
func (s *state) addAllocations(nodeID int, ip, alias string, lo, hi int) {
	existing := map[string]bool{}
	for _, a := range s.allocationsOf(nodeID, 0) {
		existing[a.IP+":"+itoa(a.Port)] = true
	}
	for port := lo; port <= hi; port++ {
		if existing[ip+":"+itoa(port)] {
			continue
		}
		a := &allocation{NodeID: nodeID, IP: ip, Port: port}
		if alias != "" {
			a.Alias = ptr(alias)
		}
		a.ID = s.allocations.insert(a)
	}
}

func deleteAllocation(c *call) (int, any, *apiError) {
	if c.boundAllocation.ServerID != nil {
		return 0, nil, errDisplay("ServerUsingAllocationException", "Cannot delete an allocation that is assigned to a server.")
	}
	c.st.allocations.delete(c.boundAllocation.ID)
	return http.StatusNoContent, nil, nil
}

func (c *call) allocationAttrs(a *allocation, inc includes) obj {
	attrs := obj{"id": a.ID, "ip": a.IP, "alias": a.Alias, "port": a.Port, "notes": a.Notes, "assigned": a.ServerID != nil}
	if sub, ok := inc["node"]; ok {
		c.relate(attrs, "node", ResNodes, func() obj {
			n, _ := c.st.nodes.get(a.NodeID)
			return c.relatedItem("node", n.ID, sub, func() obj { return c.nodeAttrs(n, sub) })
		})
	}
	if sub, ok := inc["server"]; ok {
		c.relate(attrs, "server", ResServers, func() obj {
			if a.ServerID == nil {
				return nullResource()
			}
			srv, _ := c.st.servers.get(*a.ServerID)
			return item("server", c.serverAttrs(srv, sub))
		})
	}
	return attrs
}
