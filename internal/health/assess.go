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

package health

import (
	"fmt"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
)

// Verdict is one object's health as Argo CD and as Flux see it.
type Verdict struct {
	Argo ArgoResult
	// Kstatus is what Flux's kstatus computes.
	Kstatus        status.Status
	KstatusMessage string
}

func (v Verdict) String() string {
	return fmt.Sprintf("Argo CD %s (%s), kstatus %s (%s)", v.Argo.Status, v.Argo.Message, v.Kstatus, v.KstatusMessage)
}

// Agree reports whether both tools say the same: Healthy and Current, Progressing and InProgress
// (or Terminating: Argo CD shows an object being deleted as Progressing), Degraded and Failed.
// Suspended, a paused object, has no kstatus counterpart and never agrees; callers that expect
// paused objects say so.
func (v Verdict) Agree() bool {
	switch v.Argo.Status {
	case Healthy:
		return v.Kstatus == status.CurrentStatus
	case Progressing:
		return v.Kstatus == status.InProgressStatus || v.Kstatus == status.TerminatingStatus
	case Degraded:
		return v.Kstatus == status.FailedStatus
	}
	return false
}

// Assess runs the Argo CD health check script and kstatus on obj.
func Assess(script string, obj *unstructured.Unstructured) (Verdict, error) {
	argo, err := ArgoCD(script, obj)
	if err != nil {
		return Verdict{}, err
	}
	// Compute may add to the object; it gets a copy so that both tools see the same input.
	k, err := status.Compute(obj.DeepCopy())
	if err != nil {
		return Verdict{}, fmt.Errorf("kstatus of %s %s: %w", obj.GetKind(), obj.GetName(), err)
	}
	return Verdict{Argo: argo, Kstatus: k.Status, KstatusMessage: k.Message}, nil
}
