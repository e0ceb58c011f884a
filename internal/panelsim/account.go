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

import "net/http"

// clientAccount is GET /api/client/account: the key's own user, as the panel's
// AccountTransformer shapes it (app/Transformers/Api/Client/AccountTransformer.php).
func clientAccount(c *call) (int, any, *apiError) {
	u := c.user
	return http.StatusOK, item("user", obj{
		"id": u.ID, "admin": u.RootAdmin, "username": u.Username, "email": u.Email,
		"first_name": u.FirstName, "last_name": u.LastName, "language": u.Language,
	}), nil
}
