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

package v1alpha1

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ServerScheduleSpec is a schedule of a game server: when it runs and the tasks it runs, in order.
type ServerScheduleSpec struct {
	ManagedSpec `json:",inline"`

	// serverRef names the GameServer in this namespace the schedule runs on.
	// +kubebuilder:validation:XValidation:rule="self == oldSelf",message="serverRef is immutable: a schedule belongs to one server"
	// +required
	ServerRef LocalObjectReference `json:"serverRef"`

	// name is the schedule's name in the panel; defaults to metadata.name.
	// +kubebuilder:validation:MinLength=1
	// +kubebuilder:validation:MaxLength=191
	// +optional
	Name string `json:"name,omitempty"`

	// cron is when the schedule runs, five fields separated by single spaces: minute hour
	// day-of-month month day-of-week, each "*", a number, a list, a range or a step (*/15),
	// evaluated by the panel in its timezone.
	// +kubebuilder:validation:MaxLength=191
	// +kubebuilder:validation:XValidation:rule="self.matches('^[0-9*,/-]+ [0-9*,/-]+ [0-9*,/-]+ [0-9*,/-]+ [0-9*,/-]+$')",message="cron must be five fields (minute hour day-of-month month day-of-week) of digits, *, ',', '-' and '/', separated by single spaces"
	// +required
	Cron string `json:"cron"`

	// enabled schedules run at their times; disabled ones only when executed by hand.
	// +kubebuilder:default=true
	// +optional
	Enabled *bool `json:"enabled,omitempty"`

	// onlyWhenOnline skips the schedule's runs while the server is not running.
	// +kubebuilder:default=false
	// +optional
	OnlyWhenOnline bool `json:"onlyWhenOnline,omitempty"`

	// tasks run in order each time the schedule runs; a task edited or removed in the panel is
	// put back.
	// +kubebuilder:validation:MaxItems=10
	// +listType=atomic
	// +optional
	Tasks []ScheduleTask `json:"tasks,omitempty"`
}

// ScheduleAction is what a task does.
// +kubebuilder:validation:Enum=command;power;backup
type ScheduleAction string

// The schedule task actions.
const (
	ScheduleActionCommand ScheduleAction = "command"
	ScheduleActionPower   ScheduleAction = "power"
	ScheduleActionBackup  ScheduleAction = "backup"
)

// ScheduleTask is one step of a schedule.
// +kubebuilder:validation:XValidation:rule="self.action != 'power' || self.payload in ['start', 'stop', 'restart', 'kill']",message="a power task's payload is start, stop, restart or kill",fieldPath=".payload"
// +kubebuilder:validation:XValidation:rule="self.action != 'command' || (has(self.payload) && size(self.payload) > 0)",message="a command task needs the command as its payload",fieldPath=".payload"
type ScheduleTask struct {
	// action: command sends payload to the console, power sends the power signal payload,
	// backup makes a backup ignoring the files payload lists (one per line).
	// +required
	Action ScheduleAction `json:"action"`

	// payload is the command, the power signal, or the backup's ignored files.
	// +kubebuilder:validation:MaxLength=65535
	// +optional
	Payload string `json:"payload,omitempty"`

	// timeOffset is how many seconds after the previous task this one runs, 0 to 900.
	// +kubebuilder:validation:Minimum=0
	// +kubebuilder:validation:Maximum=900
	// +kubebuilder:default=0
	// +optional
	TimeOffset int32 `json:"timeOffset"`

	// continueOnFailure runs the next tasks even when this one fails.
	// +kubebuilder:default=false
	// +optional
	ContinueOnFailure bool `json:"continueOnFailure,omitempty"`
}

// ServerScheduleStatus is what the operator last saw of the schedule in the panel.
type ServerScheduleStatus struct {
	ManagedStatus `json:",inline"`

	// nextRunAt is when the panel runs the schedule next.
	// +optional
	NextRunAt *metav1.Time `json:"nextRunAt,omitempty"`

	// lastRunAt is when it last ran.
	// +optional
	LastRunAt *metav1.Time `json:"lastRunAt,omitempty"`

	// processing is true while the panel runs the schedule's tasks.
	// +optional
	Processing bool `json:"processing,omitempty"`
}

// ServerSchedule is a schedule of a GameServer (/api/client/servers/{server}/schedules).
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Namespaced,shortName=ssch,categories=pterodactyl
// +kubebuilder:printcolumn:name="SERVER",type=string,JSONPath=`.spec.serverRef.name`
// +kubebuilder:printcolumn:name="CRON",type=string,JSONPath=`.spec.cron`
// +kubebuilder:printcolumn:name="ENABLED",type=boolean,JSONPath=`.spec.enabled`
// +kubebuilder:printcolumn:name="NEXT RUN",type=string,JSONPath=`.status.nextRunAt`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="ID",type=integer,JSONPath=`.status.id`,priority=1
// +kubebuilder:printcolumn:name="LAST RUN",type=string,JSONPath=`.status.lastRunAt`,priority=1
// +kubebuilder:printcolumn:name="PANEL",type=string,JSONPath=`.spec.panelRef.name`,priority=1
// +kubebuilder:printcolumn:name="SYNCED",type=string,JSONPath=`.status.conditions[?(@.type=="Synced")].status`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type ServerSchedule struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec ServerScheduleSpec `json:"spec"`
	// +optional
	Status ServerScheduleStatus `json:"status,omitempty"`
}

// ServerScheduleList contains a list of ServerSchedule.
// +kubebuilder:object:root=true
type ServerScheduleList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []ServerSchedule `json:"items"`
}

func init() {
	register(&ServerSchedule{}, &ServerScheduleList{})
}
