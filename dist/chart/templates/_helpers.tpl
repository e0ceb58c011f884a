{{/*
chart.name is the chart name, or nameOverride: the app.kubernetes.io/name label of every object.
*/}}
{{- define "chart.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
chart.fullname prefixes every resource name. A release named pterodactyl-operator (or containing
that name) gets the same names as config/default's namePrefix, so the chart and dist/install.yaml
describe the same objects; any other release gets its own, so two releases never collide on the
cluster-scoped ClusterRoles.
*/}}
{{- define "chart.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "chart.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
chart.labels are on every object the chart renders.
*/}}
{{- define "chart.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | quote }}
app.kubernetes.io/name: {{ include "chart.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
{{- end }}

{{/*
chart.selectorLabels select the manager's pods: the Deployment, the metrics Service, the
ServiceMonitor and the NetworkPolicy. control-plane is the label config/ selects by.
*/}}
{{- define "chart.selectorLabels" -}}
control-plane: controller-manager
app.kubernetes.io/name: {{ include "chart.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
chart.serviceAccountName is the manager's ServiceAccount, bound by every RoleBinding.
*/}}
{{- define "chart.serviceAccountName" -}}
{{- include "chart.fullname" . }}-controller-manager
{{- end }}

{{/*
chart.image is repository:tag, the tag defaulting to the chart's appVersion.
*/}}
{{- define "chart.image" -}}
{{- $image := .Values.controllerManager.container.image }}
{{- printf "%s:%s" $image.repository (default .Chart.AppVersion $image.tag) }}
{{- end }}

{{/*
chart.panelSecretName is the Secret the Panel reads its keys from.
*/}}
{{- define "chart.panelSecretName" -}}
{{- if .Values.panel.credentials.existingSecret }}
{{- .Values.panel.credentials.existingSecret }}
{{- else }}
{{- include "chart.fullname" . }}-panel-credentials
{{- end }}
{{- end }}

{{/*
chart.metricsServiceName is the metrics Service: config/'s name, with the prefix cut so that the whole
stays within the 63 characters a Service name may have.
*/}}
{{- define "chart.metricsServiceName" -}}
{{- include "chart.fullname" . | trunc 28 | trimSuffix "-" }}-controller-manager-metrics-service
{{- end }}
