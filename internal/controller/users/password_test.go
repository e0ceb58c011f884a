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
	"errors"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

func TestReadPassword(t *testing.T) {
	scheme := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	secret := func(name string, data map[string]string) *corev1.Secret {
		s := &corev1.Secret{ObjectMeta: metav1.ObjectMeta{Namespace: "games", Name: name}, Data: map[string][]byte{}}
		for k, v := range data {
			s.Data[k] = []byte(v)
		}
		return s
	}
	kube := fake.NewClientBuilder().WithScheme(scheme).WithObjects(
		secret("pw", map[string]string{"password": "hunter2", "other": "swordfish"}),
		secret("empty", map[string]string{"password": ""}),
	).Build()
	e := &external{kube: kube}

	for _, tc := range []struct {
		name     string
		ref      *ptero.LocalSecretKeyReference
		want     string // the password read; "" for none
		notReady string // part of the ReferenceNotReady message
	}{
		{name: "no reference"},
		{name: "default key", ref: &ptero.LocalSecretKeyReference{Name: "pw"}, want: "hunter2"},
		{name: "explicit key", ref: &ptero.LocalSecretKeyReference{Name: "pw", Key: "other"}, want: "swordfish"},
		{name: "missing Secret", ref: &ptero.LocalSecretKeyReference{Name: "nope"}, notReady: "does not exist"},
		{name: "missing key", ref: &ptero.LocalSecretKeyReference{Name: "pw", Key: "nope"}, notReady: `no key "nope"`},
		{name: "empty value", ref: &ptero.LocalSecretKeyReference{Name: "empty"}, notReady: "is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pu := user()
			pu.Spec.PasswordSecretRef = tc.ref
			pw, err := e.readPassword(context.Background(), pu)
			if tc.notReady != "" {
				var nr *managed.ReferenceNotReadyError
				if !errors.As(err, &nr) || !strings.Contains(err.Error(), tc.notReady) {
					t.Fatalf("err = %v; want ReferenceNotReady saying %q", err, tc.notReady)
				}
				if strings.Contains(err.Error(), "hunter2") {
					t.Fatal("the error must not carry the password")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tc.want == "" && pw != nil:
				t.Fatalf("read %+v; want nothing", pw)
			case tc.want != "" && (pw == nil || pw.value != tc.want || pw.hash != passwordHash(string(pu.UID), tc.want)):
				t.Fatalf("read %+v; want %q with its hash", pw, tc.want)
			}
		})
	}
}
