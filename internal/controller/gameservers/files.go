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

package gameservers

import (
	"bytes"
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/types"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
	"github.com/gameops-dev/pterodactyl-operator/internal/controller/managed"
	"github.com/gameops-dev/pterodactyl-operator/internal/panel"
)

// desiredFile is one spec.files entry with its content read from its source. The content may
// come from a Secret: it is compared and sent, never logged, evented or kept in status.
type desiredFile struct {
	path    string
	content []byte
}

// desiredFiles reads every file's content from its source. A ConfigMap or Secret that does not
// exist or lacks the key is a reference not ready: the watch on it wakes the server.
func (e *external) desiredFiles(ctx context.Context, gs *ptero.GameServer) ([]desiredFile, error) {
	out := make([]desiredFile, 0, len(gs.Spec.Files))
	for _, f := range gs.Spec.Files {
		var content []byte
		var err error
		switch {
		case f.Content != nil:
			content = []byte(*f.Content)
		case f.ConfigMapRef != nil:
			content, err = e.configMapKey(ctx, gs.Namespace, *f.ConfigMapRef)
		case f.SecretRef != nil:
			content, err = e.secretKey(ctx, gs.Namespace, *f.SecretRef)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, desiredFile{path: f.Path, content: content})
	}
	return out, nil
}

func (e *external) configMapKey(ctx context.Context, ns string, ref ptero.LocalKeyReference) ([]byte, error) {
	cm := &corev1.ConfigMap{}
	if err := e.kube.Get(ctx, types.NamespacedName{Namespace: ns, Name: ref.Name}, cm); err != nil {
		return nil, sourceError("ConfigMap", ref, err)
	}
	if v, ok := cm.Data[ref.Key]; ok {
		return []byte(v), nil
	}
	if v, ok := cm.BinaryData[ref.Key]; ok {
		return v, nil
	}
	return nil, managed.NotReady("ConfigMap", ref.Name, fmt.Sprintf("it has no key %q: add it, or fix spec.files[].configMapRef.key", ref.Key))
}

func (e *external) secretKey(ctx context.Context, ns string, ref ptero.LocalKeyReference) ([]byte, error) {
	s := &corev1.Secret{}
	if err := e.kube.Get(ctx, types.NamespacedName{Namespace: ns, Name: ref.Name}, s); err != nil {
		return nil, sourceError("Secret", ref, err)
	}
	if v, ok := s.Data[ref.Key]; ok {
		return v, nil
	}
	return nil, managed.NotReady("Secret", ref.Name, fmt.Sprintf("it has no key %q: add it, or fix spec.files[].secretRef.key", ref.Key))
}

func sourceError(kind string, ref ptero.LocalKeyReference, err error) error {
	if apierrors.IsNotFound(err) {
		return managed.NotReady(kind, ref.Name, "it does not exist: create it in the GameServer's namespace, or fix spec.files")
	}
	return err
}

// filesToWrite reads each file back from the server and returns those whose content differs,
// or that do not exist: someone edited them in the panel, or their source changed.
func (e *external) filesToWrite(ctx context.Context, identifier string, want []desiredFile) ([]desiredFile, error) {
	var out []desiredFile
	for _, f := range want {
		have, err := e.conn.Client.ClientAPI.FileContents(ctx, identifier, f.path)
		if err != nil && !panel.IsNotFound(err) {
			return nil, err
		}
		if err != nil || !bytes.Equal(have, f.content) {
			out = append(out, f)
		}
	}
	return out, nil
}
