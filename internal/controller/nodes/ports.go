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

package nodes

import (
	"fmt"
	"strconv"
	"strings"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// expandPorts turns a port ("25565") or an inclusive range ("25570-25580") into its ports. The
// API server already refuses malformed values; the check here keeps objects built in Go honest.
func expandPorts(p ptero.PortSpec) ([]int, error) {
	s := string(p)
	lo, hi, isRange := strings.Cut(s, "-")
	first, err := strconv.Atoi(lo)
	if err != nil {
		return nil, fmt.Errorf("port %q is not a number or a range low-high", s)
	}
	last := first
	if isRange {
		if last, err = strconv.Atoi(hi); err != nil {
			return nil, fmt.Errorf("port range %q is not low-high", s)
		}
	}
	switch {
	case first < 1025 || last > 65535:
		return nil, fmt.Errorf("port %q is outside 1025-65535", s)
	case last < first:
		return nil, fmt.Errorf("port range %q must be written low-high", s)
	case last-first >= 1000:
		return nil, fmt.Errorf("port range %q holds more than 1000 ports", s)
	}
	ports := make([]int, 0, last-first+1)
	for port := first; port <= last; port++ {
		ports = append(ports, port)
	}
	return ports, nil
}
