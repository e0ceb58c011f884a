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

package panels

import (
	"context"
	"errors"
	"fmt"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// clientKeyCheck is what the client API made of the Panel's clientKey; nil when it could not
// tell (the panel did not answer), which leaves the ClientAPI condition as it was.
type clientKeyCheck *metav1.Condition

// checkClientKey asks the client API who the clientKey belongs to: the cheapest call that needs
// a working client key. GameServers need one for power and files.
func checkClientKey(ctx context.Context, c *panel.Client) clientKeyCheck {
	if !c.HasClientKey() {
		return &metav1.Condition{Status: metav1.ConditionFalse, Reason: ptero.ReasonClientKeyNotConfigured,
			Message: "The credentials Secret has no clientKey: GameServers that set power or files wait for one (ClientKeyRequired). " +
				"To use them, add a client API key (ptlc_…) of a root admin (panel Account > API Credentials) as clientKey."}
	}
	account, err := c.ClientAPI.Account(ctx)
	var apiErr *panel.APIError
	switch {
	case err == nil:
		return &metav1.Condition{Status: metav1.ConditionTrue, Reason: ptero.ReasonClientKeyAccepted,
			Message: fmt.Sprintf("The panel's client API accepts the clientKey (user %q, admin: %t).", account.Username, account.Admin)}
	case errors.As(err, &apiErr) && (apiErr.StatusCode == 401 || apiErr.StatusCode == 403):
		// The panel's own words say why: an application key on a client route, or a key it
		// does not know. They never contain the key.
		return &metav1.Condition{Status: metav1.ConditionFalse, Reason: ptero.ReasonClientKeyRefused,
			Message: managed.Then(fmt.Sprintf("The panel refused the clientKey (%d): %s", apiErr.StatusCode, apiErr.Detail()),
				"Put a client API key (ptlc_…) of a root admin (panel Account > API Credentials) in the credentials Secret's clientKey.")}
	}
	return nil
}

// setClientAPI records a check in the ClientAPI condition.
func setClientAPI(p *ptero.Panel, check clientKeyCheck) {
	if check == nil {
		return
	}
	c := *check
	c.Type, c.ObservedGeneration = ptero.ConditionClientAPI, p.Generation
	meta.SetStatusCondition(&p.Status.Conditions, c)
}
