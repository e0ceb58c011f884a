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

package panel_test

import (
	"context"
	"testing"

	"github.com/gameops-dev/pterodactyl-operator/internal/panelsim"
)

// Each flavour's fingerprint, in two GETs, and the client /account route probe, which needs no
// client key.
func TestFingerprintByFlavor(t *testing.T) {
	for _, tc := range []struct {
		flavor                  panelsim.Flavor
		dockerImages, discordID bool
		accountRoute            bool
	}{
		{panelsim.FlavorPterodactyl, true, false, true},
		{panelsim.FlavorJexactyl, true, true, true},
		{panelsim.FlavorPterodactyl07, false, false, false},
	} {
		t.Run(string(tc.flavor), func(t *testing.T) {
			e := newSimEnv(t, panelsim.Options{Flavor: tc.flavor})
			fp, err := e.c.Fingerprint(context.Background())
			noErr(t, err)
			if fp.Eggs == 0 || fp.Users == 0 {
				t.Fatalf("fingerprint %+v saw no eggs or users", fp)
			}
			if got := fp.EggsWithDockerImages == fp.Eggs; got != tc.dockerImages {
				t.Errorf("fingerprint %+v: eggs with docker_images %t, want %t", fp, got, tc.dockerImages)
			}
			if got := fp.UsersWithDiscordID > 0; got != tc.discordID {
				t.Errorf("fingerprint %+v: discord_id %t, want %t", fp, got, tc.discordID)
			}
			// An application key alone: the probe still asks.
			appOnly, _ := e.newClient(simAppKey)
			has, err := appOnly.HasClientAccountRoute(context.Background())
			noErr(t, err)
			if has != tc.accountRoute {
				t.Errorf("HasClientAccountRoute = %t, want %t", has, tc.accountRoute)
			}
			if n := len(e.counts()); n == 0 {
				t.Error("no requests counted")
			}
		})
	}
}

// A key that may not read users still gets the eggs' half of the fingerprint.
func TestFingerprintWithoutUserPermission(t *testing.T) {
	weak := "ptla_weakweakweakweakweakweakweakweakweakweakwe"
	e := newSimEnv(t, panelsim.Options{ExtraKeys: []panelsim.Key{{Token: weak,
		Permissions: map[string]int{panelsim.ResNests: panelsim.PermRead, panelsim.ResEggs: panelsim.PermRead}}}})
	c, _ := e.newClient(weak)
	fp, err := c.Fingerprint(context.Background())
	noErr(t, err)
	if fp.Eggs == 0 || fp.Users != 0 {
		t.Errorf("fingerprint %+v: want eggs and no users", fp)
	}
}
