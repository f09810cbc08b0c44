{{/*
Object storage (issue 21): the ORBWEAVER_STORAGE_* environment of the services that read and write
objects (crawl-service, crawl-worker, scrape-service). The access key always comes from a Secret.
*/}}
{{- define "orbweaver.storageUsers" -}}
{{- list "crawl-service" "crawl-worker" "scrape-service" | toJson -}}
{{- end -}}

{{/* "true" when the chart's own Secret holds the storage keys (they were given as literals). */}}
{{- define "orbweaver.storageKeysInChartSecret" -}}
{{- $x := .Values.storage.external -}}
{{- if and (eq .Values.storage.mode "external") (not $x.credentialsSecret.name) (not .Values.secrets.existingSecret) $x.accessKeyId $x.secretAccessKey }}true{{ else }}false{{ end -}}
{{- end -}}

{{/* secretKeyRef of one storage key: dict "root" $ "which" "access"|"secret". */}}
{{- define "orbweaver.storageKeyRef" -}}
{{- $root := .root -}}
{{- $cs := $root.Values.storage.external.credentialsSecret -}}
secretKeyRef:
{{- if $cs.name }}
  name: {{ $cs.name }}
  key: {{ ternary $cs.accessKeyIdKey $cs.secretAccessKeyKey (eq .which "access") }}
{{- else }}
  name: {{ include "orbweaver.secretName" $root }}
  key: {{ printf "storage-%s-key" .which }}
{{- end }}
{{- end -}}

{{- define "orbweaver.storageEnv" -}}
{{- $s := .Values.storage -}}
{{- $x := $s.external -}}
- name: ORBWEAVER_STORAGE_MODE
  value: {{ $s.mode | quote }}
{{- if eq $s.mode "external" }}
{{- if not $x.bucket }}
{{- fail "storage.external.bucket is required when storage.mode is external" }}
{{- end }}
{{- if and .Values.secrets.existingSecret (or $x.accessKeyId $x.secretAccessKey) }}
{{- fail "with secrets.existingSecret, put the storage keys in that Secret (storage-access-key, storage-secret-key) or name them with storage.external.credentialsSecret" }}
{{- end }}
{{- if not (or $x.credentialsSecret.name .Values.secrets.existingSecret (and $x.accessKeyId $x.secretAccessKey)) }}
{{- fail "storage.mode external needs storage.external.accessKeyId and secretAccessKey, storage.external.credentialsSecret or secrets.existingSecret (keys storage-access-key, storage-secret-key)" }}
{{- end }}
{{- with $x.endpoint }}
- name: ORBWEAVER_STORAGE_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: ORBWEAVER_STORAGE_REGION
  value: {{ $x.region | quote }}
- name: ORBWEAVER_STORAGE_BUCKET
  value: {{ $x.bucket | quote }}
- name: ORBWEAVER_STORAGE_PATH_STYLE
  value: {{ $x.pathStyle | toString | quote }}
{{- with $x.publicEndpoint }}
- name: ORBWEAVER_STORAGE_PUBLIC_ENDPOINT
  value: {{ . | quote }}
{{- end }}
- name: ORBWEAVER_STORAGE_ACCESS_KEY
  valueFrom:
    {{- include "orbweaver.storageKeyRef" (dict "root" . "which" "access") | nindent 4 }}
- name: ORBWEAVER_STORAGE_SECRET_KEY
  valueFrom:
    {{- include "orbweaver.storageKeyRef" (dict "root" . "which" "secret") | nindent 4 }}
{{- end }}
{{- end -}}
