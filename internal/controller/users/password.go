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
	"context"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/hex"
	"strconv"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/types"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

// defaultPasswordKey is the API default of passwordSecretRef.key.
const defaultPasswordKey = "password"

// hashIterations makes the marker kept in status expensive to brute-force (status is readable by
// anyone who can read the PanelUser) while staying cheap enough to compute once per sync.
const hashIterations = 20000

// hashPrefix names the scheme, so a later change of scheme is recognised as "changed" rather
// than mistaken for a different password.
var hashPrefix = "pbkdf2-sha256:" + strconv.Itoa(hashIterations) + ":"

// secretPassword is the password read from the user's Secret. value never leaves this package
// except in the request to the panel; only hash is recorded.
type secretPassword struct {
	value string
	hash  string
}

// readPassword reads spec.passwordSecretRef; nil when the spec has none. A missing Secret, key
// or value waits for the Secret (ReferenceNotReady; the Secret watch re-queues the user).
func (e *external) readPassword(ctx context.Context, pu *ptero.PanelUser) (*secretPassword, error) {
	ref := pu.Spec.PasswordSecretRef
	if ref == nil {
		return nil, nil
	}
	key := ref.Key
	if key == "" {
		key = defaultPasswordKey
	}
	s := &corev1.Secret{}
	if err := e.kube.Get(ctx, types.NamespacedName{Namespace: pu.Namespace, Name: ref.Name}, s); err != nil {
		if apierrors.IsNotFound(err) {
			return nil, managed.NotReady("Secret", ref.Name, "it does not exist: create it in the PanelUser's namespace, or fix spec.passwordSecretRef")
		}
		return nil, err
	}
	v, ok := s.Data[key]
	if !ok {
		return nil, managed.NotReady("Secret", ref.Name, "it has no key "+strconv.Quote(key)+": add it, or fix spec.passwordSecretRef.key")
	}
	if len(v) == 0 {
		// The panel turns an empty password into null and would set a random one.
		return nil, managed.NotReady("Secret", ref.Name, "its key "+strconv.Quote(key)+" is empty: put the password in it")
	}
	return &secretPassword{value: string(v), hash: passwordHash(string(pu.UID), string(v))}, nil
}

// passwordHash is a salted, slow, one-way marker of a password: the object's uid is the salt, so
// equal passwords of two users do not look alike.
func passwordHash(salt, password string) string {
	key, err := pbkdf2.Key(sha256.New, password, []byte("pterodactyl-operator/"+salt), hashIterations, 32)
	if err != nil {
		// Only invalid parameters fail, and these are constants.
		panic(err)
	}
	return hashPrefix + hex.EncodeToString(key)
}

// passwordChanged reports whether the Secret holds a password that was not pushed yet.
func passwordChanged(pu *ptero.PanelUser, pw *secretPassword) bool {
	return pw != nil && pu.Status.PasswordHash != pw.hash
}
