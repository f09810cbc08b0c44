package dev.orbweaver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** k8s/dev and k8s/prod: valid Kubernetes, no secret values, and exactly what the chart renders. */
class K8sFlavoursTest {
  static final java.util.List<String> FLAVOURS = Flavours.NAMES;

  @ParameterizedTest
  @FieldSource("FLAVOURS")
  void theCommittedFilesAreWhatTheChartRenders(String flavour) {
    Map<String, String> rendered = Flavours.render(flavour);
    if (Boolean.getBoolean(Flavours.WRITE)) {
      Flavours.write(flavour, rendered);
    }
    Map<String, String> committed = Flavours.committed(flavour);

    assertThat(committed.keySet())
        .as(
            "k8s/%s has drifted from helm/orbweaver; regenerate with"
                + " ./mvnw -q -pl deploy-tests verify -D%s=true",
            flavour, Flavours.WRITE)
        .containsExactlyInAnyOrderElementsOf(rendered.keySet());
    rendered.forEach(
        (file, text) ->
            assertThat(committed.get(file))
                .as(
                    "k8s/%s/%s has drifted from helm/orbweaver; regenerate with"
                        + " ./mvnw -q -pl deploy-tests verify -D%s=true",
                    flavour, file, Flavours.WRITE)
                .isEqualTo(text));
  }

  @ParameterizedTest
  @FieldSource("FLAVOURS")
  void everyCommittedDocumentIsValidKubernetesAndNoSecretIsCommitted(String flavour) {
    Manifests m = Flavours.load(flavour);

    assertThat(m.documents()).isNotEmpty();
    assertThat(m.all(Secret.class)).as("secrets are referenced, never committed").isEmpty();
    assertThat(m.all(Deployment.class)).hasSize(HelmChartTest.DEPLOYMENTS.size());
    assertThat(m.all(PodDisruptionBudget.class)).hasSize(HelmChartTest.DEPLOYMENTS.size());
    assertThat(m.all(NetworkPolicy.class)).isNotEmpty();
    m.all(Deployment.class).stream()
        .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
        .flatMap(c -> c.getEnv().stream())
        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
        .forEach(
            e ->
                assertThat(e.getValueFrom().getSecretKeyRef().getName())
                    .as(e.getName())
                    .isEqualTo("orbweaver-secrets"));
  }

  @Test
  void devBundlesSingleReplicaDatabasesAndIngestsASampleRelease() {
    Manifests dev = Flavours.load("dev");

    assertThat(dev.all(StatefulSet.class))
        .extracting(s -> s.getMetadata().getName(), s -> s.getSpec().getReplicas())
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("orbweaver-postgresql", 1),
            org.assertj.core.groups.Tuple.tuple("orbweaver-redis", 1));
    assertThat(dev.all(Deployment.class)).allMatch(d -> d.getSpec().getReplicas() == 1);
    assertThat(dev.all(Job.class)).hasSize(1);
  }

  @Test
  void prodUsesExternalDatabasesMoreReplicasAndAutoscaledWorkers() {
    Manifests prod = Flavours.load("prod");

    assertThat(prod.all(StatefulSet.class)).isEmpty();
    assertThat(prod.get(ConfigMap.class, "orbweaver-config").getData())
        .containsEntry(
            "ORBWEAVER_DB_URL",
            "jdbc:postgresql://orbweaver-postgresql:5432/orbweaver?sslmode=require");
    assertThat(prod.get(Deployment.class, "orbweaver-gateway").getSpec().getReplicas())
        .isEqualTo(3);
    assertThat(prod.all(Deployment.class))
        .filteredOn(d -> d.getSpec().getReplicas() != null)
        .allMatch(d -> d.getSpec().getReplicas() >= 2);
    assertThat(
            prod.get(HorizontalPodAutoscaler.class, "orbweaver-crawl-worker")
                .getSpec()
                .getMaxReplicas())
        .isEqualTo(20);
  }
}
