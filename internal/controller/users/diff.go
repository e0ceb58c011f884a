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

package users

import (
	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// defaultLanguage is the API default of spec.language (the only language the panel ships).
const defaultLanguage = "en"

// wanted is what the spec asks of the panel user, defaults applied.
type wanted struct {
	Username, Email, FirstName, LastName string
	Language                             string
	RootAdmin                            bool
	ExternalID                           string
}

// desired applies the API defaults to the spec, for objects built in Go as well as read from
// the API server.
func desired(pu *ptero.PanelUser, externalID string) wanted {
	w := wanted{
		Username:   pu.Spec.Username,
		Email:      pu.Spec.Email,
		FirstName:  pu.Spec.FirstName,
		LastName:   pu.Spec.LastName,
		Language:   pu.Spec.Language,
		RootAdmin:  pu.Spec.RootAdmin,
		ExternalID: externalID,
	}
	if w.Language == "" {
		w.Language = defaultLanguage
	}
	return w
}

// userUpToDate compares every field the spec owns. The panel stores usernames lowercase and the
// API only accepts lowercase ones, so they compare as they are.
func userUpToDate(w wanted, u *panel.User) bool {
	return u.Username == w.Username && u.Email == w.Email &&
		u.FirstName == w.FirstName && u.LastName == w.LastName &&
		u.Language == w.Language && u.RootAdmin == w.RootAdmin &&
		u.ExternalID == w.ExternalID
}

// createRequest is the user to create; the password is added by the caller.
func createRequest(w wanted) panel.UserCreateRequest {
	return panel.UserCreateRequest{
		Email:      w.Email,
		Username:   w.Username,
		FirstName:  w.FirstName,
		LastName:   w.LastName,
		ExternalID: w.ExternalID,
		Language:   w.Language,
		RootAdmin:  w.RootAdmin,
	}
}

// updateRequest starts from the user as the panel has it (the PATCH replaces email, username and
// names, which are required every time) and puts the spec on top. The password stays unchanged
// unless the caller sets it.
func updateRequest(current *panel.User, w wanted) panel.UserUpdateRequest {
	req := panel.UserUpdateRequestFrom(current)
	req.Email = w.Email
	req.Username = w.Username
	req.FirstName = w.FirstName
	req.LastName = w.LastName
	req.Language = w.Language
	req.RootAdmin = &w.RootAdmin
	req.ExternalID = &w.ExternalID
	return req
}
