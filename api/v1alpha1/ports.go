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

// PortSpec is one port ("25565") or an inclusive port range ("25565-25600") written
// as a string, the way the panel's allocation API takes it. The panel refuses ports
// up to 1024 and ranges of more than 1000 ports, so the API server refuses them too.
// +kubebuilder:validation:MinLength=4
// +kubebuilder:validation:MaxLength=11
// +kubebuilder:validation:Pattern=`^[0-9]{4,5}(-[0-9]{4,5})?$`
// +kubebuilder:validation:XValidation:rule="!self.matches('^[0-9]{4,5}(-[0-9]{4,5})?$') || self.split('-').all(p, int(p) >= 1025 && int(p) <= 65535)",message="each port must be between 1025 and 65535"
// +kubebuilder:validation:XValidation:rule="!self.matches('^[0-9]{4,5}-[0-9]{4,5}$') || int(self.split('-')[0]) <= int(self.split('-')[1])",message="a port range must be written low-high with low <= high"
// +kubebuilder:validation:XValidation:rule="!self.matches('^[0-9]{4,5}-[0-9]{4,5}$') || int(self.split('-')[1]) - int(self.split('-')[0]) < 1000",message="a port range may hold at most 1000 ports"
type PortSpec string
