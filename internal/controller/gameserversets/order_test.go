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

package gameserversets

import (
	"fmt"
	"testing"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

func TestScaleDownOrder(t *testing.T) {
	// r0 oldest … r4 newest; r1 is not running (and not Ready), r3 is Ready but not running.
	replicas := fleet("NnNNN")
	replicas[3].running = false
	for order, want := range map[ptero.ScaleDownOrder]string{
		ptero.ScaleDownOfflineFirst: "[r1 r3 r4 r2 r0]",
		ptero.ScaleDownNewest:       "[r4 r3 r2 r1 r0]",
		ptero.ScaleDownOldest:       "[r0 r1 r2 r3 r4]",
	} {
		if got := fmt.Sprint(names(scaleDownOrder(replicas, order))); got != want {
			t.Errorf("%s: removes %s first, want %s", order, got, want)
		}
	}
}
