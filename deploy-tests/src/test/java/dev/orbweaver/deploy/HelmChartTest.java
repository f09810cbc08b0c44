package dev.orbweaver.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * helm/orbweaver rendered with each value set: every document is valid Kubernetes, and each set
 * produces what it promises.
 */
class HelmChartTest {
  static final List<String> VALUE_SETS = Chart.VALUE_SETS;

  /** The Deployments of the platform, by the Helm release name "orbweaver". */
  static final List<String> DEPLOYMENTS =
      List.of(
          "orbweaver-gateway",
          "orbweaver-auth-service",
          "orbweaver-backlink-service",
          "orbweaver-crawl-service",
          "orbweaver-crawl-worker",
          "orbweaver-scrape-service",
          "orbweaver-webhook-service");

  @Test
  void lintFindsNothingEvenWhenStrict() {
    LintResult lint = new Helm(Repo.chart()).lint().strict().call();

    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages())
        .as("only the icon suggestion may remain")
        .allMatch(m -> m.startsWith("[INFO]"));
  }

  @ParameterizedTest
  @FieldSource("VALUE_SETS")
  void everyValueSetRendersValidKubernetesWithEveryService(String valueSet) {
    Manifests m = Chart.render(valueSet);

    assertThat(m.all(Deployment.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrderElementsOf(DEPLOYMENTS);
    for (String name : DEPLOYMENTS) {
      assertThat(m.named(Service.class, name)).as("Service %s", name).isPresent();
      assertThat(m.named(PodDisruptionBudget.class, name)).as("PDB %s", name).isPresent();
      assertThat(m.named(NetworkPolicy.class, name)).as("NetworkPolicy %s", name).isPresent();
    }
    assertThat(m.named(ConfigMap.class, "orbweaver-config")).isPresent();
  }

  @Test
  void defaultsBundlePostgresAndRedisAndGenerateEverySecret() {
    Manifests m = Chart.render("defaults");

    assertThat(m.all(StatefulSet.class))
        .extracting(s -> s.getMetadata().getName(), s -> s.getSpec().getReplicas())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("orbweaver-postgresql", 1),
            org.assertj.core.groups.Tuple.tuple("orbweaver-redis", 1));
    Map<String, String> config = m.get(ConfigMap.class, "orbweaver-config").getData();
    assertThat(config)
        .containsEntry("ORBWEAVER_DB_URL", "jdbc:postgresql://orbweaver-postgresql:5432/orbweaver")
        .containsEntry("ORBWEAVER_AUTH_URL", "http://orbweaver-auth-service:8081")
        .containsEntry(
            "ORBWEAVER_JWKS_URL", "http://orbweaver-auth-service:8081/.well-known/jwks.json")
        .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "true");
    assertThat(env(m, "orbweaver-crawl-worker"))
        .containsEntry("ORBWEAVER_CRAWL_ROLE", "worker")
        .containsEntry(
            "ORBWEAVER_REDIS_URL", "redis://:$(ORBWEAVER_REDIS_PASSWORD)@orbweaver-redis:6379/0");
    assertThat(env(m, "orbweaver-crawl-service")).containsEntry("ORBWEAVER_CRAWL_ROLE", "api");
    assertThat(m.get(Secret.class, "orbweaver-secrets").getData())
        .containsOnlyKeys(
            "admin-token",
            "internal-secret",
            "jwt-signing-key.pem",
            "secrets-key",
            "database-password",
            "redis-password");
    assertThat(m.all(Job.class)).as("no ingest unless asked").isEmpty();
    assertThat(m.all(HorizontalPodAutoscaler.class)).isEmpty();
  }

  @Test
  void generatedSecretsAreUsableAndAnUpgradeKeepsWhatTheClusterHolds() throws Exception {
    Map<String, String> first =
        Chart.render("defaults").get(Secret.class, "orbweaver-secrets").getData();

    String pem = decode(first.get("jwt-signing-key.pem"));
    assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
    // Read exactly as auth-service's SigningKey reads its key file.
    String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    RSAPrivateCrtKey key =
        (RSAPrivateCrtKey)
            KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    assertThat(key.getModulus().bitLength()).isGreaterThanOrEqualTo(2048);
    assertThat(Base64.getDecoder().decode(decode(first.get("secrets-key")))).hasSize(32);
    assertThat(decode(first.get("admin-token"))).matches("[A-Za-z0-9]{48}");

    Map<String, String> upgraded =
        FakeCluster.get()
            .withSecret(
                "orbweaver-secrets",
                first,
                () -> Chart.render("defaults").get(Secret.class, "orbweaver-secrets").getData());
    assertThat(upgraded).isEqualTo(first);

    Map<String, String> freshInstall =
        Chart.render("defaults").get(Secret.class, "orbweaver-secrets").getData();
    assertThat(freshInstall.get("admin-token")).isNotEqualTo(first.get("admin-token"));
    assertThat(freshInstall.get("jwt-signing-key.pem"))
        .isNotEqualTo(first.get("jwt-signing-key.pem"));
  }

  @Test
  void givenSecretsWinAndAnExistingSecretReplacesTheChartsOwn() {
    Map<String, String> given =
        Chart.render(Map.of("secrets.adminToken", "operator-chosen-token"))
            .get(Secret.class, "orbweaver-secrets")
            .getData();
    assertThat(decode(given.get("admin-token"))).isEqualTo("operator-chosen-token");

    Manifests m = Chart.render(Map.of("secrets.existingSecret", "my-orbweaver"));
    assertThat(m.all(Secret.class)).isEmpty();
    assertThat(
            m.all(Deployment.class).stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .flatMap(c -> c.getEnv().stream())
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName())
                .distinct())
        .containsExactly("my-orbweaver");
  }

  @Test
  void externalDatabasesReplaceTheBundledOnes() {
    Manifests m = Chart.render("external-databases");

    assertThat(m.all(StatefulSet.class)).isEmpty();
    assertThat(m.get(ConfigMap.class, "orbweaver-config").getData())
        .containsEntry(
            "ORBWEAVER_DB_URL",
            "jdbc:postgresql://pg.example.internal:6432/orbweaver_prod?sslmode=require")
        .containsEntry("ORBWEAVER_DB_USER", "orbweaver_app");
    Container auth = container(m, "orbweaver-auth-service");
    EnvVar dbPassword = envVar(auth, "ORBWEAVER_DB_PASSWORD");
    assertThat(dbPassword.getValueFrom().getSecretKeyRef().getName()).isEqualTo("orbweaver-pg-app");
    assertThat(dbPassword.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
    assertThat(env(m, "orbweaver-auth-service"))
        .containsEntry(
            "ORBWEAVER_REDIS_URL",
            "rediss://:$(ORBWEAVER_REDIS_PASSWORD)@redis.example.internal:6380/3");
    Map<String, String> secret = m.get(Secret.class, "orbweaver-secrets").getData();
    assertThat(decode(secret.get("redis-password"))).isEqualTo("redis-literal-password");
    assertThat(secret).doesNotContainKey("database-password");
  }

  @Test
  void autoscalingScalesWorkersWithKedaOnFrontierDepthAndTheRestOnCpu() {
    Manifests m = Chart.render("autoscaling");

    Deployment worker = m.get(Deployment.class, "orbweaver-crawl-worker");
    assertThat(worker.getSpec().getReplicas()).as("the autoscaler owns replicas").isNull();
    StrictKubernetes.ScaledObject scaled =
        m.all(StrictKubernetes.ScaledObject.class).stream().findFirst().orElseThrow();
    assertThat(scaled.spec().scaleTargetRef().name()).isEqualTo("orbweaver-crawl-worker");
    assertThat(scaled.spec().minReplicaCount()).isEqualTo(2);
    assertThat(scaled.spec().maxReplicaCount()).isEqualTo(30);
    assertThat(scaled.spec().triggers())
        .extracting(StrictKubernetes.Trigger::type)
        .containsExactly("prometheus", "cpu");
    assertThat(scaled.spec().triggers().get(0).metadata())
        .containsEntry("query", "max(orbweaver_crawl_frontier_depth{namespace=\"orbweaver\"})")
        .containsEntry("threshold", "250")
        .containsEntry("serverAddress", "http://prometheus.monitoring.svc:9090");
    assertThat(m.all(HorizontalPodAutoscaler.class))
        .as("KEDA's ScaledObject replaces the worker's HPA; two would fight")
        .extracting(h -> h.getSpec().getScaleTargetRef().getName())
        .containsExactlyInAnyOrder("orbweaver-gateway", "orbweaver-scrape-service");
  }

  @Test
  void withoutKedaInTheClusterWorkersScaleOnCpuAlone() {
    Manifests m = Chart.render(Map.of("crawlWorker.autoscaling.enabled", true));

    assertThat(m.all(StrictKubernetes.ScaledObject.class)).isEmpty();
    HorizontalPodAutoscaler hpa = m.get(HorizontalPodAutoscaler.class, "orbweaver-crawl-worker");
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(20);
  }

  @Test
  void ingressPublishesTheGatewayWithTlsAndMetricsAndTracesAreWired() {
    Manifests m = Chart.render("ingress");

    Ingress ingress = m.get(Ingress.class, "orbweaver");
    assertThat(ingress.getSpec().getTls().get(0).getHosts()).containsExactly("api.orbweaver.test");
    assertThat(ingress.getSpec().getTls().get(0).getSecretName()).isEqualTo("orbweaver-api-tls");
    var backend = ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend();
    assertThat(backend.getService().getName()).isEqualTo("orbweaver-gateway");
    assertThat(backend.getService().getPort().getName()).isEqualTo("http");
    ServiceMonitor monitor = m.get(ServiceMonitor.class, "orbweaver");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
    assertThat(monitor.getSpec().getEndpoints().get(0).getPath()).isEqualTo("/q/metrics");
    assertThat(monitor.getSpec().getEndpoints().get(0).getPort()).isEqualTo("management");
    assertThat(m.get(ConfigMap.class, "orbweaver-config").getData())
        .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
        .containsEntry(
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317")
        .containsEntry("ORBWEAVER_GATEWAY_TRUSTED_PROXIES", "10.0.0.0/8");
  }

  @Test
  void aSampleIngestJobRunsTheGraphToolsNextToTheReleaseVolume() {
    Manifests m =
        Chart.render(
            Map.of(
                "backlinkService.ingest.enabled", true, "backlinkService.ingest.source", "sample"));

    Job job = m.all(Job.class).getFirst();
    assertThat(job.getMetadata().getName()).matches("orbweaver-ingest-[0-9a-f]{8}");
    Container ingest = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
    assertThat(ingest.getImage()).isEqualTo("orbweaver/backlink-service:0.1.0-SNAPSHOT");
    assertThat(ingest.getArgs().getFirst())
        .contains("dev.orbweaver.graph.cli.GraphCli")
        .contains("generate-release")
        .contains("graph ingest");
    assertThat(envValues(ingest)).containsEntry("RELEASE", "sample-42");
    assertThat(
            job.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null)
                .map(v -> v.getPersistentVolumeClaim().getClaimName()))
        .containsExactly("orbweaver-backlink-service-releases");
    assertThat(
            job.getSpec()
                .getTemplate()
                .getSpec()
                .getAffinity()
                .getPodAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution())
        .as("a ReadWriteOnce volume: ingest on the node that mounts it")
        .hasSize(1);
  }

  @Test
  void theValuesSchemaRefusesMistakesBeforeAnythingRenders() {
    assertThatThrownBy(() -> Chart.render(Map.of("gateway.replica", 3)))
        .hasMessageContaining("replica");
    assertThatThrownBy(() -> Chart.render(Map.of("crawlWorker.replicas", "many")))
        .hasMessageContaining("replicas");
    assertThatThrownBy(() -> Chart.render(Map.of("podSecurityContext.runAsNonRoot", false)))
        .hasMessageContaining("runAsNonRoot");
    assertThatThrownBy(() -> Chart.render(Map.of("backlinkService.ingest.source", "s3")))
        .hasMessageContaining("source");
    assertThatThrownBy(() -> Chart.render(Map.of("postgresql.bundled", false)))
        .hasMessageContaining("host");
    // Probes, Services and NetworkPolicies name the ports the chart sets; env must not move them.
    assertThatThrownBy(() -> Chart.render(Map.of("gateway.env.QUARKUS_MANAGEMENT_HOST", "x")))
        .hasMessageContaining("QUARKUS_MANAGEMENT_HOST");
    assertThatThrownBy(
            () -> Chart.render(Map.of("config.env.ORBWEAVER_AUTH_MANAGEMENT_PORT", "9000")))
        .hasMessageContaining("ORBWEAVER_AUTH_MANAGEMENT_PORT");
  }

  @Test
  void anIncompleteCommonCrawlIngestSaysWhatIsMissing() {
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of(
                        "backlinkService.ingest.enabled",
                        true,
                        "backlinkService.ingest.release",
                        "cc-main-2026-jan-feb-mar")))
        .hasMessageContaining("backlinkService.ingest.vertices is required");
  }

  static Container container(Manifests m, String deployment) {
    return m.get(Deployment.class, deployment)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .getFirst();
  }

  static Map<String, String> env(Manifests m, String deployment) {
    return envValues(container(m, deployment));
  }

  static Map<String, String> envValues(Container c) {
    return c.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(
            Collectors.toMap(EnvVar::getName, EnvVar::getValue, (a, b) -> b, LinkedHashMap::new));
  }

  static EnvVar envVar(Container c, String name) {
    return c.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(c.getName() + " has no " + name));
  }

  static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
