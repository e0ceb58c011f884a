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

package subusers_test

import (
	. "github.com/onsi/ginkgo/v2"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/controllertest"
)

// fixture is what the suite's servers stand on: a location, a node and their owner, made once.
var fixture = &controllertest.Fixture{Namespace: ns, Name: "subusers", IP: "10.3.0.1", Timeout: timeout}

// ownerEmail is the email of the suite's servers' owner.
var ownerEmail = fixture.OwnerEmail()

// newPanelUser is a PanelUser name with the email name@example.com.
func newPanelUser(name string) *ptero.PanelUser {
	return &ptero.PanelUser{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec:       ptero.PanelUserSpec{Username: name, Email: name + "@example.com", FirstName: "Sub", LastName: "User"},
	}
}

// newGameServer is a Paper server of the fixture's owner on a port of its own.
func newGameServer(name string) *ptero.GameServer {
	GinkgoHelper()
	return fixture.GameServer(name, ptero.FeatureLimits{})
}

// readyGameServer creates a GameServer and waits for it to be installed and Ready.
func readyGameServer(name string) *ptero.GameServer {
	GinkgoHelper()
	return fixture.ReadyGameServer(name, ptero.FeatureLimits{})
}
