{{/* Chart name, truncated to the 63 characters Kubernetes names allow. */}}
{{- define "signet.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full resource name: release name, plus the chart name unless the release name contains it. */}}
{{- define "signet.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "signet.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object. */}}
{{- define "signet.labels" -}}
helm.sh/chart: {{ include "signet.chart" . }}
{{ include "signet.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the Signet pods. */}}
{{- define "signet.selectorLabels" -}}
app.kubernetes.io/name: {{ include "signet.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The ServiceAccount the pods use. */}}
{{- define "signet.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "signet.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The image reference: repository@digest, else repository:tag (tag defaults to appVersion). */}}
{{- define "signet.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
{{- end }}

{{/* The Secret holding CLOUDINARY_URL and SIGNET_API_KEYS. */}}
{{- define "signet.secretName" -}}
{{- default (include "signet.fullname" .) .Values.secret.existingSecret }}
{{- end }}

{{/* Pods that run: the autoscaler's minimum when it is enabled, else replicaCount. */}}
{{- define "signet.minPods" -}}
{{- if .Values.autoscaling.enabled }}{{ int .Values.autoscaling.minReplicas }}{{ else }}{{ int .Values.replicaCount }}{{ end }}
{{- end }}

{{/* Seconds before SIGKILL: at least the preStop sleep plus the graceful shutdown. */}}
{{- define "signet.terminationGracePeriodSeconds" -}}
{{- $needed := add (int .Values.preStopSleepSeconds) (int .Values.shutdownTimeoutSeconds) }}
{{- if kindIs "invalid" .Values.terminationGracePeriodSeconds }}
{{- add $needed 10 }}
{{- else if lt (int .Values.terminationGracePeriodSeconds) (int $needed) }}
{{- fail (printf "terminationGracePeriodSeconds (%d) must be at least preStopSleepSeconds + shutdownTimeoutSeconds (%d), or pods are killed before in-flight requests finish" (int .Values.terminationGracePeriodSeconds) (int $needed)) }}
{{- else }}
{{- int .Values.terminationGracePeriodSeconds }}
{{- end }}
{{- end }}

{{/* Settings that would stop Signet at startup are refused at install time instead. */}}
{{- define "signet.validate" -}}
{{- $jwt := .Values.config.jwt }}
{{- if and (or $jwt.issuerUri $jwt.jwkSetUri) (empty $jwt.audience) }}
{{- fail "config.jwt.audience is required when config.jwt.issuerUri or config.jwt.jwkSetUri is set: without it Signet would accept tokens issued for any other API" }}
{{- end }}
{{- if and .Values.secret.existingSecret (or .Values.secret.cloudinaryUrl .Values.secret.apiKeys) }}
{{- fail "secret.cloudinaryUrl and secret.apiKeys must be empty when secret.existingSecret is set: put them in the existing Secret" }}
{{- end }}
{{- if not .Values.secret.cloudinaryUrlKey }}
{{- fail "secret.cloudinaryUrlKey must name the key of the Cloudinary URL" }}
{{- end }}
{{- end }}
