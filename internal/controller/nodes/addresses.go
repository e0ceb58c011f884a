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
	"context"
	"fmt"
	"net"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// resolver resolves a host name to the IPv4 address the panel would store for it.
type resolver func(ctx context.Context, host string) (string, error)

// lookupIPv4 resolves like the panel (gethostbyname: the first IPv4 address).
func lookupIPv4(ctx context.Context, host string) (string, error) {
	ips, err := net.DefaultResolver.LookupIP(ctx, "ip4", host)
	if err != nil {
		return "", err
	}
	if len(ips) == 0 {
		return "", fmt.Errorf("%s has no IPv4 address", host)
	}
	return ips[0].String(), nil
}

// panelAddresses maps each allocation ip of the spec to the address the panel stores for it:
// addresses as they are, host names resolved, so a host name does not look forever missing.
func panelAddresses(ctx context.Context, spec []ptero.NodeAllocation, resolve resolver) (map[string]string, error) {
	ips := make(map[string]string, len(spec))
	for i, a := range spec {
		if _, done := ips[a.IP]; done {
			continue
		}
		if ip := net.ParseIP(a.IP); ip != nil {
			ips[a.IP] = ip.String()
			continue
		}
		ip, err := resolve(ctx, a.IP)
		if err != nil {
			return nil, fmt.Errorf("spec.allocations[%d].ip: resolving %s: %w", i, a.IP, err)
		}
		ips[a.IP] = ip
	}
	return ips, nil
}
