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
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// DefaultSyncInterval is the syncInterval of a Panel that sets none: the one home of this default
// in Go, for Panels built without the API server's defaulting; the +kubebuilder:default marker on
// the field repeats it for the CRD (defaults_test checks they agree).
const DefaultSyncInterval = 5 * time.Minute

// DefaultListPageSize is the listPageSize of a Panel that sets none (as DefaultSyncInterval).
const DefaultListPageSize = 500

// PanelSpec says where a Pterodactyl panel is and how to talk to it.
type PanelSpec struct {
	// url is the panel's base URL, e.g. https://panel.example.com (no /api suffix).
	// +kubebuilder:validation:MaxLength=2048
	// +kubebuilder:validation:XValidation:rule="isURL(self) && url(self).getScheme() in ['http', 'https'] && url(self).getHostname() != ''",message="url must be an absolute http or https URL"
	// +required
	URL string `json:"url"`

	// credentialsSecretRef names the Secret holding the API keys: applicationKey
	// (required, "ptla_…") and clientKey (optional, "ptlc_…" of an admin account,
	// used for power state and resources).
	// +required
	CredentialsSecretRef SecretReference `json:"credentialsSecretRef"`

	// insecureSkipTLSVerify disables verification of the panel's TLS certificate.
	// Use it only for test panels with self-signed certificates; prefer caSecretRef.
	// +kubebuilder:default=false
	// +optional
	InsecureSkipTLSVerify bool `json:"insecureSkipTLSVerify,omitempty"`

	// caSecretRef names a Secret key with extra PEM CA certificates to trust for the panel,
	// in addition to the system roots. The key defaults to ca.crt.
	// +optional
	CASecretRef *SecretKeyReference `json:"caSecretRef,omitempty"`

	// requestsPerMinute is the client-side request budget that every controller shares
	// for this panel. The panel allows 240 requests per minute per admin user, all of
	// its keys together, so keep some headroom for people using the panel.
	// +kubebuilder:default=200
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100000
	// +optional
	RequestsPerMinute int32 `json:"requestsPerMinute,omitempty"`

	// clientRequestsPerMinute is the operator's budget on the panel's client API (power,
	// resources, files), which the panel limits apart from the application API: 720 requests
	// per minute per user by default.
	// +kubebuilder:default=600
	// +kubebuilder:validation:Minimum=1
	// +kubebuilder:validation:Maximum=100000
	// +optional
	ClientRequestsPerMinute int32 `json:"clientRequestsPerMinute,omitempty"`

	// syncInterval is how often the panel's state is re-read to correct drift made
	// in the panel behind the operator's back.
	// +kubebuilder:default="5m"
	// +kubebuilder:validation:Type=string
	// +kubebuilder:validation:Pattern=`^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$`
	// +kubebuilder:validation:XValidation:rule="!self.matches('^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$') || duration(self) >= duration('10s')",message="syncInterval must be at least 10s"
	// +optional
	SyncInterval *metav1.Duration `json:"syncInterval,omitempty"`

	// requestTimeout bounds each attempt of a request to the panel: a panel that accepts
	// connections and never answers (PHP workers saturated) is reported PanelUnavailable
	// after this long instead of holding a controller's worker. Between 1s and 5m.
	// +kubebuilder:default="30s"
	// +kubebuilder:validation:Type=string
	// +kubebuilder:validation:Pattern=`^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$`
	// +kubebuilder:validation:XValidation:rule="!self.matches('^([0-9]+([.][0-9]+)?(ns|us|ms|s|m|h))+$') || (duration(self) >= duration('1s') && duration(self) <= duration('5m'))",message="requestTimeout must be between 1s and 5m"
	// +optional
	RequestTimeout *metav1.Duration `json:"requestTimeout,omitempty"`

	// listPageSize is how many objects one page holds when the operator reads a whole
	// collection (servers, nodes, users, locations) into its shared snapshot. The panel does not
	// cap it; 500 servers with their includes is about 1 MB per page.
	// +kubebuilder:default=500
	// +kubebuilder:validation:Minimum=10
	// +kubebuilder:validation:Maximum=5000
	// +optional
	ListPageSize int32 `json:"listPageSize,omitempty"`

	// externalIdPrefix is prepended to the external ids the operator derives for users
	// and servers, so several clusters can share one panel without colliding. No "/": the panel
	// could not look such an external id up again.
	// +kubebuilder:validation:MaxLength=64
	// +kubebuilder:validation:Pattern=`^[A-Za-z0-9._:-]*$`
	// +optional
	ExternalIDPrefix string `json:"externalIdPrefix,omitempty"`
}

// PanelStatus is what the operator last saw of the panel.
type PanelStatus struct {
	// observedGeneration is the metadata.generation the status was computed from.
	// +optional
	ObservedGeneration int64 `json:"observedGeneration,omitempty"`

	// conditions: Ready is True when the panel answers and the keys are accepted;
	// Stalled is present only while the keys are refused.
	// +listType=map
	// +listMapKey=type
	// +optional
	Conditions []metav1.Condition `json:"conditions,omitempty"`

	// lastSyncTime is when the panel last answered a request of this operator.
	// +optional
	LastSyncTime *metav1.Time `json:"lastSyncTime,omitempty"`

	// rateLimitRemaining is the panel's X-RateLimit-Remaining on its last answer.
	// +optional
	RateLimitRemaining *int32 `json:"rateLimitRemaining,omitempty"`

	// rateLimitPerMinute is the panel's own limit of application API requests a minute, from its
	// X-RateLimit-Limit header.
	// +optional
	RateLimitPerMinute *int32 `json:"rateLimitPerMinute,omitempty"`

	// requestsPerMinute is the budget in force: spec.requestsPerMinute, lowered to 90% of
	// rateLimitPerMinute when the panel allows less, so people and other tools using the same
	// admin's keys keep some of the panel's limit.
	// +optional
	RequestsPerMinute *int32 `json:"requestsPerMinute,omitempty"`

	// apiFlavor is which panel software answers at spec.url, as its API's answers show it:
	// Pterodactyl, or Jexactyl (a fork of Pterodactyl 1.11 whose users carry a discord_id).
	// +kubebuilder:validation:Enum=Pterodactyl;Jexactyl
	// +optional
	APIFlavor string `json:"apiFlavor,omitempty"`

	// apiVersion is the panel's API generation: 1.x for every panel the operator drives; 0.7 or
	// 0.5/0.6 for one it refuses (Ready=False, UnsupportedPanelVersion) and writes nothing to.
	// +optional
	APIVersion string `json:"apiVersion,omitempty"`

	// lastRefreshTime is when the operator's shared snapshot last began a full read of the
	// panel's servers (with --observation=snapshot, once any GameServer is observed).
	// +optional
	LastRefreshTime *metav1.Time `json:"lastRefreshTime,omitempty"`

	// requestsLastInterval is how many requests the operator sent to this panel in the last
	// syncInterval, retries included: what it used of requestsPerMinute × syncInterval.
	// +optional
	RequestsLastInterval *int64 `json:"requestsLastInterval,omitempty"`

	// inUseBy lists the kinds whose objects still use this Panel; while it is not
	// empty, deleting the Panel waits so their finalizers can still reach the panel.
	// +listType=set
	// +optional
	InUseBy []string `json:"inUseBy,omitempty"`
}

// The Panel's ClientAPI condition says whether the clientKey works: True (reason
// ClientKeyAccepted) when the panel's client API accepts it, False with ClientKeyNotConfigured when
// the Secret has none, or ClientKeyRefused with the panel's answer (an application "ptla_" key
// given as the client key is refused with a 403). GameServers need it for power and files.
const (
	ConditionClientAPI           = "ClientAPI"
	ReasonClientKeyAccepted      = "ClientKeyAccepted"
	ReasonClientKeyNotConfigured = "ClientKeyNotConfigured"
	ReasonClientKeyRefused       = "ClientKeyRefused"
)

// The panel flavours and API versions of status.apiFlavor and status.apiVersion.
const (
	APIFlavorPterodactyl = "Pterodactyl"
	APIFlavorJexactyl    = "Jexactyl"
	APIVersion1x         = "1.x"
	APIVersion07         = "0.7"
	APIVersion05To06     = "0.5/0.6"
)

// ReasonUnsupportedPanelVersion is the Ready reason of a Panel whose panel speaks an API older
// than 1.x (0.7, or 0.5/0.6): the operator writes nothing to it, and every object of the Panel
// waits with PanelNotReady, until the panel is upgraded or spec.url points at another one.
const ReasonUnsupportedPanelVersion = "UnsupportedPanelVersion"

// Panel is one Pterodactyl panel: its URL and the credentials to reach its API.
// +kubebuilder:object:root=true
// +kubebuilder:subresource:status
// +kubebuilder:resource:scope=Cluster,categories=pterodactyl
// +kubebuilder:printcolumn:name="URL",type=string,JSONPath=`.spec.url`
// +kubebuilder:printcolumn:name="READY",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].status`
// +kubebuilder:printcolumn:name="AGE",type=date,JSONPath=`.metadata.creationTimestamp`
// +kubebuilder:printcolumn:name="FLAVOR",type=string,JSONPath=`.status.apiFlavor`,priority=1
// +kubebuilder:printcolumn:name="API",type=string,JSONPath=`.status.apiVersion`,priority=1
// +kubebuilder:printcolumn:name="CLIENT API",type=string,JSONPath=`.status.conditions[?(@.type=="ClientAPI")].status`,priority=1
// +kubebuilder:printcolumn:name="LAST SYNC",type=date,JSONPath=`.status.lastSyncTime`,priority=1
// +kubebuilder:printcolumn:name="RATE LIMIT REMAINING",type=integer,JSONPath=`.status.rateLimitRemaining`,priority=1
// +kubebuilder:printcolumn:name="REASON",type=string,JSONPath=`.status.conditions[?(@.type=="Ready")].reason`,priority=1
type Panel struct {
	metav1.TypeMeta `json:",inline"`
	// +optional
	metav1.ObjectMeta `json:"metadata,omitempty"`

	// +required
	Spec PanelSpec `json:"spec"`
	// +optional
	Status PanelStatus `json:"status,omitempty"`
}

// PanelList contains a list of Panel.
// +kubebuilder:object:root=true
type PanelList struct {
	metav1.TypeMeta `json:",inline"`
	metav1.ListMeta `json:"metadata,omitempty"`
	Items           []Panel `json:"items"`
}

func init() {
	register(&Panel{}, &PanelList{})
}
