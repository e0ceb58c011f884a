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

package connection

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/go-logr/logr"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
)

func newFakeKube(t *testing.T, objs ...client.Object) client.Client {
	t.Helper()
	scheme := runtime.NewScheme()
	if err := clientgoscheme.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	if err := ptero.AddToScheme(scheme); err != nil {
		t.Fatal(err)
	}
	return fake.NewClientBuilder().WithScheme(scheme).WithObjects(objs...).WithStatusSubresource(&ptero.Panel{}).Build()
}

func testPanel(ready bool) *ptero.Panel {
	p := &ptero.Panel{
		ObjectMeta: metav1.ObjectMeta{Name: "default", UID: "uid-1", Generation: 1},
		Spec: ptero.PanelSpec{
			URL:                  "https://panel.example.com",
			CredentialsSecretRef: ptero.SecretReference{Namespace: "pterodactyl-system", Name: "creds"},
			SyncInterval:         &metav1.Duration{Duration: 2 * time.Minute},
			ExternalIDPrefix:     "eu/",
		},
	}
	if ready {
		p.Status.Conditions = []metav1.Condition{{Type: ptero.ConditionReady, Status: metav1.ConditionTrue, Reason: "Connected", LastTransitionTime: metav1.Now()}}
	}
	return p
}

func testSecret(key string) *corev1.Secret {
	return &corev1.Secret{
		ObjectMeta: metav1.ObjectMeta{Namespace: "pterodactyl-system", Name: "creds"},
		Data:       map[string][]byte{ApplicationKeyField: []byte(key)},
	}
}

func TestConnectWaitsForAReadyPanel(t *testing.T) {
	ctx := context.Background()
	var notReady *managed.ReferenceNotReadyError

	_, err := NewRegistry(newFakeKube(t), logr.Discard(), nil).Connect(ctx, "default")
	if !errors.As(err, &notReady) || notReady.Kind != "Panel" {
		t.Fatalf("missing Panel: got %v, want a Panel ReferenceNotReadyError", err)
	}

	_, err = NewRegistry(newFakeKube(t, testPanel(false), testSecret("ptla_a")), logr.Discard(), nil).Connect(ctx, "default")
	if !errors.As(err, &notReady) {
		t.Fatalf("unchecked Panel: got %v, want ReferenceNotReadyError", err)
	}

	conn, err := NewRegistry(newFakeKube(t, testPanel(true), testSecret("ptla_a")), logr.Discard(), nil).Connect(ctx, "default")
	if err != nil {
		t.Fatal(err)
	}
	if conn.SyncInterval() != 2*time.Minute || conn.ExternalIDPrefix != "eu/" || conn.PanelName != "default" {
		t.Fatalf("connection settings not taken from the Panel: %+v", conn)
	}
}

func TestRegistrySharesOneClientUntilTheSecretChanges(t *testing.T) {
	ctx := context.Background()
	secret := testSecret("ptla_a")
	kube := newFakeKube(t, testPanel(true), secret)
	reg := NewRegistry(kube, logr.Discard(), nil)

	first, err := reg.Connect(ctx, "default")
	if err != nil {
		t.Fatal(err)
	}
	again, err := reg.Connect(ctx, "default")
	if err != nil {
		t.Fatal(err)
	}
	if first != again {
		t.Fatal("a second Connect built a new client: the rate limiter would not be shared")
	}

	secret.Data[ApplicationKeyField] = []byte("ptla_b")
	if err := kube.Update(ctx, secret); err != nil {
		t.Fatal(err)
	}
	rotated, err := reg.Connect(ctx, "default")
	if err != nil {
		t.Fatal(err)
	}
	if rotated == first {
		t.Fatal("a changed credentials Secret kept the old client")
	}
}

func TestRegistryRefusesASecretWithoutApplicationKey(t *testing.T) {
	s := testSecret("")
	_, err := NewRegistry(newFakeKube(t, testPanel(true), s), logr.Discard(), nil).Connect(context.Background(), "default")
	var invalid *managed.InvalidSpecError
	if !errors.As(err, &invalid) || invalid.Field != "credentialsSecretRef" {
		t.Fatalf("got %v, want InvalidSpecError on credentialsSecretRef", err)
	}
}
