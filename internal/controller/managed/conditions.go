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

package managed

import (
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	ptero "github.com/gameops-dev/pterodactyl-operator/api/v1alpha1"
)

// setCondition sets a condition of a managed object; see SetCondition.
func setCondition(o Object, conditionType string, ok bool, reason, message string) bool {
	return SetCondition(&o.GetManagedStatus().Conditions, o.GetGeneration(), conditionType, ok, reason, message)
}

// SetCondition sets a condition with the object's generation and reports whether anything a
// reader sees changed (status, reason, message); transition times follow the status only.
func SetCondition(conditions *[]metav1.Condition, generation int64, conditionType string, ok bool, reason, message string) bool {
	status := metav1.ConditionFalse
	if ok {
		status = metav1.ConditionTrue
	}
	before := meta.FindStatusCondition(*conditions, conditionType)
	changed := before == nil || before.Status != status || before.Reason != reason || before.Message != message
	meta.SetStatusCondition(conditions, metav1.Condition{
		Type:               conditionType,
		Status:             status,
		Reason:             reason,
		Message:            message,
		ObservedGeneration: generation,
	})
	return changed
}

// SetStalled sets the Stalled condition while stalled and removes it otherwise (kstatus reads an
// absent Stalled as "not stalled"; a False one would be noise on every object). It reports
// whether anything a reader sees changed.
func SetStalled(conditions *[]metav1.Condition, generation int64, stalled bool, reason, message string) bool {
	if !stalled {
		return meta.RemoveStatusCondition(conditions, ptero.ConditionStalled)
	}
	return SetCondition(conditions, generation, ptero.ConditionStalled, true, reason, message)
}
