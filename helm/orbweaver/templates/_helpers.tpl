{{/*
Names. A release named "orbweaver" gives orbweaver-gateway, orbweaver-auth-service, ...; any other
release name is prefixed to the chart's. Trimmed so that the longest object name stays under 63.
*/}}
{{- define "orbweaver.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/*
The platform's workloads: which values block configures each, its image, ports (the same as on one
machine, docs/DEVELOPING.md), the crawl role, and who may call it (NetworkPolicy). Every service
also calls auth-service (service tokens, JWKS) and PostgreSQL and Redis.
managementPort serves /q/health, /q/metrics and /q/openapi (Quarkus' management interface, the http
port + 100): probes and Prometheus use it, and the gateway (managementCallers) asks each routed
service's readiness and OpenAPI document there. Neither the Ingress nor the gateway's public Service
reaches it.
*/}}
{{- define "orbweaver.components" -}}
gateway:
  values: gateway
  image: gateway
  port: 8080
  managementPort: 8180
  portEnv: ORBWEAVER_GATEWAY_PORT
  public: true
  callers: []
  managementCallers: []
auth-service:
  values: authService
  image: auth-service
  port: 8081
  managementPort: 8181
  portEnv: ORBWEAVER_AUTH_PORT
  callers: [gateway, backlink-service, crawl-service, crawl-worker, scrape-service, webhook-service]
  managementCallers: [gateway]
backlink-service:
  values: backlinkService
  image: backlink-service
  port: 8082
  managementPort: 8182
  portEnv: ORBWEAVER_BACKLINK_PORT
  callers: [gateway]
  managementCallers: [gateway]
crawl-service:
  values: crawlApi
  image: crawl-service
  port: 8083
  managementPort: 8183
  portEnv: ORBWEAVER_CRAWL_PORT
  role: api
  callers: [gateway, webhook-service]
  managementCallers: [gateway]
crawl-worker:
  values: crawlWorker
  image: crawl-service
  port: 8083
  managementPort: 8183
  portEnv: ORBWEAVER_CRAWL_PORT
  role: worker
  callers: []
  managementCallers: []
scrape-service:
  values: scrapeService
  image: scrape-service
  port: 8084
  managementPort: 8184
  portEnv: ORBWEAVER_SCRAPE_PORT
  callers: [gateway]
  managementCallers: [gateway]
webhook-service:
  values: webhookService
  image: webhook-service
  port: 8085
  managementPort: 8185
  portEnv: ORBWEAVER_WEBHOOK_PORT
  callers: [gateway, crawl-service, crawl-worker]
  managementCallers: [gateway]
{{- end -}}

{{/* Labels: dict "root" $ "component" name. */}}
{{- define "orbweaver.selectorLabels" -}}
app.kubernetes.io/name: orbweaver
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "orbweaver.labels" -}}
{{ include "orbweaver.selectorLabels" . }}
app.kubernetes.io/part-of: orbweaver
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* <registry>/<repository>/<name>:<tag> for an image name. */}}
{{- define "orbweaver.image" -}}
{{- $i := .root.Values.image -}}
{{- $repo := printf "%s/%s" $i.repository .name -}}
{{- if $i.registry }}{{ $repo = printf "%s/%s" ($i.registry | trimSuffix "/") $repo }}{{ end -}}
{{- printf "%s:%s" $repo ($i.tag | default .root.Chart.AppVersion) -}}
{{- end -}}

{{- define "orbweaver.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" (include "orbweaver.fullname" .)) -}}
{{- end -}}

{{- define "orbweaver.configName" -}}
{{- printf "%s-config" (include "orbweaver.fullname" .) -}}
{{- end -}}

{{/*
"auto" | true | false, with the API that "auto" looks for: dict "value" v "api" "group/version/Kind"
"root" $. Renders "true" or "false".
*/}}
{{- define "orbweaver.enabled" -}}
{{- if eq (toString .value) "auto" -}}
{{- .root.Capabilities.APIVersions.Has .api -}}
{{- else -}}
{{- toString .value -}}
{{- end -}}
{{- end -}}

{{- define "orbweaver.kedaEnabled" -}}
{{- $a := .Values.crawlWorker.autoscaling -}}
{{- and $a.enabled (eq (include "orbweaver.enabled" (dict "value" $a.keda.enabled "api" "keda.sh/v1alpha1/ScaledObject" "root" .)) "true") -}}
{{- end -}}

{{- define "orbweaver.serviceMonitorEnabled" -}}
{{- include "orbweaver.enabled" (dict "value" .Values.metrics.serviceMonitor.enabled "api" "monitoring.coreos.com/v1/ServiceMonitor" "root" .) -}}
{{- end -}}

{{/* Where PostgreSQL and Redis are. */}}
{{- define "orbweaver.dbHost" -}}
{{- if .Values.postgresql.bundled -}}
{{- printf "%s-postgresql" (include "orbweaver.fullname" .) -}}
{{- else -}}
{{- required "postgresql.external.host is required when postgresql.bundled is false" .Values.postgresql.external.host -}}
{{- end -}}
{{- end -}}

{{- define "orbweaver.jdbcUrl" -}}
{{- $pg := .Values.postgresql -}}
{{- $port := ternary 5432 $pg.external.port $pg.bundled -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s" (include "orbweaver.dbHost" .) $port $pg.database -}}
{{- if and (not $pg.bundled) $pg.external.jdbcParameters -}}
{{- $url = printf "%s?%s" $url $pg.external.jdbcParameters -}}
{{- end -}}
{{- $url -}}
{{- end -}}

{{/* The database password as an env valueFrom. */}}
{{- define "orbweaver.dbPasswordRef" -}}
{{- $ext := .Values.postgresql.external -}}
{{- $ps := $ext.passwordSecret -}}
{{- if and (not .Values.postgresql.bundled) (not (or $ext.password $ps.name .Values.secrets.existingSecret)) -}}
{{- fail "an external PostgreSQL needs postgresql.external.password, postgresql.external.passwordSecret or secrets.existingSecret (key database-password)" -}}
{{- end -}}
{{- if and (not .Values.postgresql.bundled) $ps.name -}}
secretKeyRef:
  name: {{ $ps.name }}
  key: {{ required "postgresql.external.passwordSecret.key is required with its name" $ps.key }}
{{- else -}}
secretKeyRef:
  name: {{ include "orbweaver.secretName" . }}
  key: database-password
{{- end -}}
{{- end -}}

{{/* "true" when Redis asks for a password. */}}
{{- define "orbweaver.redisAuth" -}}
{{- $r := .Values.redis -}}
{{- if or $r.bundled $r.external.password $r.external.passwordSecret.name }}true{{ else }}false{{ end -}}
{{- end -}}

{{- define "orbweaver.redisPasswordRef" -}}
{{- $ps := .Values.redis.external.passwordSecret -}}
{{- if and (not .Values.redis.bundled) $ps.name -}}
secretKeyRef:
  name: {{ $ps.name }}
  key: {{ required "redis.external.passwordSecret.key is required with its name" $ps.key }}
{{- else -}}
secretKeyRef:
  name: {{ include "orbweaver.secretName" . }}
  key: redis-password
{{- end -}}
{{- end -}}

{{/* The Redis URL; $(ORBWEAVER_REDIS_PASSWORD) is expanded by the kubelet from the variable before it. */}}
{{- define "orbweaver.redisUrl" -}}
{{- $r := .Values.redis -}}
{{- $scheme := ternary "redis" (ternary "rediss" "redis" $r.external.tls) $r.bundled -}}
{{- $host := ternary (printf "%s-redis" (include "orbweaver.fullname" .)) $r.external.host $r.bundled -}}
{{- if not $host }}{{ fail "redis.external.host is required when redis.bundled is false" }}{{ end -}}
{{- $port := ternary 6379 $r.external.port $r.bundled -}}
{{- $db := ternary 0 $r.external.database $r.bundled -}}
{{- $auth := ternary ":$(ORBWEAVER_REDIS_PASSWORD)@" "" (eq (include "orbweaver.redisAuth" .) "true") -}}
{{- printf "%s://%s%s:%v/%v" $scheme $auth $host $port $db -}}
{{- end -}}

{{/*
An RSA key as PKCS#8 PEM, the form auth-service reads. Sprig's genPrivateKey writes PKCS#1, so its DER
is wrapped: SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }.
*/}}
{{- define "orbweaver.pkcs8" -}}
{{- $bytes := b64dec "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w==" -}}
{{- $der := . | replace "-----BEGIN RSA PRIVATE KEY-----" "" | replace "-----END RSA PRIVATE KEY-----" "" | nospace | b64dec -}}
{{- $n := len $der -}}
{{- if or (lt $n 256) (ge $n 65536) }}{{ fail "unexpected RSA key size" }}{{ end -}}
{{- $octet := printf "\x04\x82%s%s%s" (substr (div $n 256 | int) (div $n 256 | add1 | int) $bytes) (substr (mod $n 256 | int) (mod $n 256 | add1 | int) $bytes) $der -}}
{{- $body := printf "\x02\x01\x00\x30\x0d\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01\x05\x00%s" $octet -}}
{{- $t := len $body -}}
{{- $seq := printf "\x30\x82%s%s%s" (substr (div $t 256 | int) (div $t 256 | add1 | int) $bytes) (substr (mod $t 256 | int) (mod $t 256 | add1 | int) $bytes) $body -}}
-----BEGIN PRIVATE KEY-----
{{ regexFindAll ".{1,64}" (b64enc $seq) -1 | join "\n" }}
-----END PRIVATE KEY-----
{{ end -}}

{{/*
A Secret value, base64: the value given in values, else what the live Secret holds (kept across
upgrades), else the generated one. dict "given" v "live" map "key" k "generated" g.
*/}}
{{- define "orbweaver.secretValue" -}}
{{- if .given -}}
{{- .given | b64enc -}}
{{- else if hasKey .live .key -}}
{{- index .live .key -}}
{{- else -}}
{{- .generated | b64enc -}}
{{- end -}}
{{- end -}}

{{/*
One Orbweaver service: ServiceAccount, Deployment, Service, PodDisruptionBudget, autoscaler and
NetworkPolicy. dict "root" $ "component" name.
*/}}
{{- define "orbweaver.component" -}}
{{- $root := .root -}}
{{- $name := .component -}}
{{- $c := index (fromYaml (include "orbweaver.components" $root)) $name -}}
{{- $v := index $root.Values $c.values -}}
{{- $full := printf "%s-%s" (include "orbweaver.fullname" $root) $name -}}
{{- $ctx := dict "root" $root "component" $name -}}
{{- $keda := and (eq $name "crawl-worker") (eq (include "orbweaver.kedaEnabled" $root) "true") -}}
{{- if $root.Values.serviceAccount.create }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $full }}
  labels:
    {{- include "orbweaver.labels" $ctx | nindent 4 }}
  {{- with $root.Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: false
{{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $full }}
  labels:
    {{- include "orbweaver.labels" $ctx | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "orbweaver.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "orbweaver.labels" $ctx | nindent 8 }}
      annotations:
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
    spec:
      serviceAccountName: {{ ternary $full "default" $root.Values.serviceAccount.create }}
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: 30
      containers:
        - name: {{ $name }}
          image: {{ include "orbweaver.image" (dict "root" $root "name" $c.image) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
              protocol: TCP
            - name: management
              containerPort: {{ $c.managementPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "orbweaver.configName" $root }}
          env:
            - name: ORBWEAVER_INTERNAL_SECRET
              valueFrom:
                secretKeyRef:
                  name: {{ include "orbweaver.secretName" $root }}
                  key: internal-secret
            - name: ORBWEAVER_DB_PASSWORD
              valueFrom:
                {{- include "orbweaver.dbPasswordRef" $root | nindent 16 }}
            {{- if eq (include "orbweaver.redisAuth" $root) "true" }}
            - name: ORBWEAVER_REDIS_PASSWORD
              valueFrom:
                {{- include "orbweaver.redisPasswordRef" $root | nindent 16 }}
            {{- end }}
            - name: ORBWEAVER_REDIS_URL
              value: {{ include "orbweaver.redisUrl" $root | quote }}
            {{- with $c.role }}
            - name: ORBWEAVER_CRAWL_ROLE
              value: {{ . }}
            {{- end }}
            {{- if eq $name "auth-service" }}
            - name: ORBWEAVER_ADMIN_TOKEN
              valueFrom:
                secretKeyRef:
                  name: {{ include "orbweaver.secretName" $root }}
                  key: admin-token
            - name: ORBWEAVER_JWT_KEY_FILE
              value: /etc/orbweaver/jwt/jwt-signing-key.pem
            {{- end }}
            {{- if has $name (list "webhook-service" "crawl-service" "crawl-worker") }}
            {{- /* webhook secrets, and output connector credentials (crawl-service) */}}
            - name: ORBWEAVER_SECRETS_KEY
              valueFrom:
                secretKeyRef:
                  name: {{ include "orbweaver.secretName" $root }}
                  key: secrets-key
            {{- end }}
            {{- if has $name (include "orbweaver.storageUsers" $root | fromJsonArray) }}
            {{- include "orbweaver.storageEnv" $root | nindent 12 }}
            {{- end }}
            {{- if eq $name "backlink-service" }}
            - name: ORBWEAVER_BACKLINK_STORE_DIR
              value: /var/lib/orbweaver/releases
            {{- end }}
            # Replaces the image's JAVA_OPTS_APPEND, so it repeats the log manager flag the image sets.
            - name: JAVA_OPTS_APPEND
              value: {{ printf "-Djava.util.logging.manager=org.jboss.logmanager.LogManager %s" $v.javaOpts | trim | quote }}
            {{- range $k, $val := $v.env }}
            - name: {{ $k }}
              value: {{ $val | toString | quote }}
            {{- end }}
          # Probes ask the management interface: the http port serves no /q path.
          startupProbe:
            httpGet:
              path: /q/health/started
              port: management
            periodSeconds: 2
            timeoutSeconds: 3
            failureThreshold: 90
          livenessProbe:
            httpGet:
              path: /q/health/live
              port: management
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: /q/health/ready
              port: management
            periodSeconds: 5
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            # Quarkus and Vert.x write caches under /tmp; the root filesystem is read-only.
            - name: tmp
              mountPath: /tmp
            {{- if eq $name "auth-service" }}
            - name: jwt
              mountPath: /etc/orbweaver/jwt
              readOnly: true
            {{- end }}
            {{- if eq $name "backlink-service" }}
            - name: releases
              mountPath: /var/lib/orbweaver/releases
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {}
        {{- if eq $name "auth-service" }}
        - name: jwt
          secret:
            secretName: {{ include "orbweaver.secretName" $root }}
            defaultMode: 0440
            items:
              - key: jwt-signing-key.pem
                path: jwt-signing-key.pem
        {{- end }}
        {{- if eq $name "backlink-service" }}
        - name: releases
          persistentVolumeClaim:
            claimName: {{ $v.releases.existingClaim | default (printf "%s-releases" $full) }}
        {{- end }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "orbweaver.selectorLabels" $ctx | nindent 14 }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $full }}
  labels:
    {{- include "orbweaver.labels" $ctx | nindent 4 }}
    {{- if ne $name "gateway" }}
    orbweaver.dev/metrics: "true"
    {{- end }}
  {{- if and (eq $name "gateway") $v.service.annotations }}
  annotations:
    {{- toYaml $v.service.annotations | nindent 4 }}
  {{- end }}
spec:
  {{- if eq $name "gateway" }}
  # The public front door: the http port only; metrics come through the headless Service below.
  type: {{ $v.service.type }}
  {{- else if eq $name "crawl-worker" }}
  # Nobody calls the workers; the Service exists so that Prometheus finds their metrics.
  clusterIP: None
  {{- end }}
  selector:
    {{- include "orbweaver.selectorLabels" $ctx | nindent 4 }}
  ports:
    {{- if ne $name "crawl-worker" }}
    - name: http
      port: {{ if eq $name "gateway" }}{{ $v.service.port }}{{ else }}{{ $c.port }}{{ end }}
      targetPort: http
      protocol: TCP
    {{- end }}
    {{- if ne $name "gateway" }}
    - name: management
      port: {{ $c.managementPort }}
      targetPort: management
      protocol: TCP
    {{- end }}
{{- if eq $name "gateway" }}
---
# The gateway's management interface, for Prometheus only: headless, never published.
apiVersion: v1
kind: Service
metadata:
  name: {{ $full }}-management
  labels:
    {{- include "orbweaver.labels" $ctx | nindent 4 }}
    orbweaver.dev/metrics: "true"
spec:
  clusterIP: None
  selector:
    {{- include "orbweaver.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: management
      port: {{ $c.managementPort }}
      targetPort: management
      protocol: TCP
{{- end }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $full }}
  labels:
    {{- include "orbweaver.labels" $ctx | nindent 4 }}
spec:
  # One pod at a time: drains never block on a single replica and never empty a service.
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "orbweaver.selectorLabels" $ctx | nindent 6 }}
{{- if and $v.autoscaling.enabled (not $keda) }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $full }}
  labels:
    {{- include "orbweaver.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $full }}
  minReplicas: {{ $v.autoscaling.minReplicas }}
  maxReplicas: {{ $v.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $v.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- if $keda }}
{{- $k := $v.autoscaling.keda }}
---
# KEDA owns the worker's HorizontalPodAutoscaler: frontier depth and CPU, whichever asks for more.
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: {{ $full }}
  labels:
    {{- include "orbweaver.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $full }}
  minReplicaCount: {{ $v.autoscaling.minReplicas }}
  maxReplicaCount: {{ $v.autoscaling.maxReplicas }}
  pollingInterval: {{ $k.pollingInterval }}
  cooldownPeriod: {{ $k.cooldownPeriod }}
  triggers:
    - type: prometheus
      metadata:
        serverAddress: {{ $k.prometheus.serverAddress | quote }}
        query: {{ $k.prometheus.query | quote }}
        threshold: {{ $k.prometheus.threshold | toString | quote }}
        activationThreshold: {{ $k.prometheus.activationThreshold | toString | quote }}
    - type: cpu
      metricType: Utilization
      metadata:
        value: {{ $v.autoscaling.targetCPUUtilizationPercentage | toString | quote }}
{{- end }}
{{- if $root.Values.networkPolicy.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $full }}
  labels:
    {{- include "orbweaver.labels" $ctx | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "orbweaver.selectorLabels" $ctx | nindent 6 }}
  policyTypes: [Ingress]
  {{- if not (or $c.public $c.callers $c.managementCallers $root.Values.metrics.prometheusNamespace) }}
  ingress: []
  {{- else }}
  ingress:
    {{- if $c.public }}
    # The front door: reachable from {{ if $root.Values.networkPolicy.gatewayFrom }}the peers below{{ else }}anywhere{{ end }}.
    - ports:
        - port: http
          protocol: TCP
      {{- with $root.Values.networkPolicy.gatewayFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- if $c.callers }}
    - ports:
        - port: http
          protocol: TCP
      from:
        {{- range $c.callers }}
        - podSelector:
            matchLabels:
              {{- include "orbweaver.selectorLabels" (dict "root" $root "component" .) | nindent 14 }}
        {{- end }}
    {{- end }}
    {{- if $c.managementCallers }}
    # The gateway's /v1/ready and merged OpenAPI document read /q/health/ready and /q/openapi.
    - ports:
        - port: management
          protocol: TCP
      from:
        {{- range $c.managementCallers }}
        - podSelector:
            matchLabels:
              {{- include "orbweaver.selectorLabels" (dict "root" $root "component" .) | nindent 14 }}
        {{- end }}
    {{- end }}
    {{- with $root.Values.metrics.prometheusNamespace }}
    # Prometheus scrapes /q/metrics on the management port, and nothing else.
    - ports:
        - port: management
          protocol: TCP
      from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: {{ . }}
    {{- end }}
  {{- end }}
{{- end }}
{{- end -}}
