package dev.orbweaver.deploy;

import static dev.orbweaver.deploy.HelmChartTest.container;
import static dev.orbweaver.deploy.HelmChartTest.decode;
import static dev.orbweaver.deploy.HelmChartTest.env;
import static dev.orbweaver.deploy.HelmChartTest.envVar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * storage.*: the object store of crawl-service, its workers and scrape-service (issue 21). The
 * settings render as ORBWEAVER_STORAGE_* and the access key is always a Secret reference, never a
 * value in a Deployment or the ConfigMap.
 */
class StorageChartTest {

  private static final List<String> STORAGE_USERS =
      List.of("orbweaver-crawl-service", "orbweaver-crawl-worker", "orbweaver-scrape-service");
  private static final List<String> OTHERS =
      List.of(
          "orbweaver-gateway",
          "orbweaver-auth-service",
          "orbweaver-backlink-service",
          "orbweaver-webhook-service");

  @Test
  void byDefaultTheServicesAreToldThereIsNoStore() {
    Manifests m = Chart.render("defaults");

    for (String d : STORAGE_USERS) {
      assertThat(env(m, d)).containsEntry("ORBWEAVER_STORAGE_MODE", "none");
      assertThat(container(m, d).getEnv())
          .extracting(EnvVar::getName)
          .filteredOn(n -> n.startsWith("ORBWEAVER_STORAGE_"))
          .containsExactly("ORBWEAVER_STORAGE_MODE");
    }
    for (String d : OTHERS) {
      assertThat(container(m, d).getEnv())
          .extracting(EnvVar::getName)
          .noneMatch(n -> n.startsWith("ORBWEAVER_STORAGE_"));
    }
    assertThat(m.get(Secret.class, "orbweaver-secrets").getData())
        .doesNotContainKeys("storage-access-key", "storage-secret-key");
  }

  @Test
  void anExternalStoreRendersItsSettingsAndReferencesItsKeys() {
    Manifests m = Chart.render("external-storage");

    for (String d : STORAGE_USERS) {
      assertThat(env(m, d))
          .containsEntry("ORBWEAVER_STORAGE_MODE", "external")
          .containsEntry(
              "ORBWEAVER_STORAGE_ENDPOINT", "https://0123456789abcdef.r2.cloudflarestorage.com")
          .containsEntry("ORBWEAVER_STORAGE_REGION", "auto")
          .containsEntry("ORBWEAVER_STORAGE_BUCKET", "orbweaver-results")
          .containsEntry("ORBWEAVER_STORAGE_PATH_STYLE", "true")
          .containsEntry("ORBWEAVER_STORAGE_PUBLIC_ENDPOINT", "https://files.example.com");
      assertThat(keyRef(m, d, "ORBWEAVER_STORAGE_ACCESS_KEY"))
          .isEqualTo(new SecretKeySelector("storage-access-key", "orbweaver-secrets", null));
      assertThat(keyRef(m, d, "ORBWEAVER_STORAGE_SECRET_KEY"))
          .isEqualTo(new SecretKeySelector("storage-secret-key", "orbweaver-secrets", null));
    }
    Map<String, String> secret = m.get(Secret.class, "orbweaver-secrets").getData();
    assertThat(decode(secret.get("storage-access-key"))).isEqualTo("r2-access-key-id-literal");
    assertThat(decode(secret.get("storage-secret-key")))
        .isEqualTo("r2-secret-access-key-literal-never-inlined");
  }

  @Test
  void theKeysAppearInNoDocumentButTheSecret() {
    Manifests m = Chart.render("external-storage");

    assertThat(m.documents())
        .filteredOn(d -> !d.kind().equals("Secret"))
        .allSatisfy(
            d ->
                assertThat(d.text())
                    .as(d.kind() + "/" + d.name())
                    .doesNotContain("r2-secret-access-key-literal-never-inlined")
                    .doesNotContain("r2-access-key-id-literal"));
    assertThat(m.get(ConfigMap.class, "orbweaver-config").getData())
        .doesNotContainKeys("ORBWEAVER_STORAGE_ACCESS_KEY", "ORBWEAVER_STORAGE_SECRET_KEY");
  }

  @Test
  void keysFromTheOperatorsOwnSecretAreReferencedByNameAndKey() {
    Manifests m =
        Chart.render(
            Map.of(
                "storage.mode", "external",
                "storage.external.endpoint", "http://minio.storage.svc:9000",
                "storage.external.bucket", "orbweaver",
                "storage.external.credentialsSecret.name", "minio-orbweaver",
                "storage.external.credentialsSecret.accessKeyIdKey", "user",
                "storage.external.credentialsSecret.secretAccessKeyKey", "password"));

    assertThat(keyRef(m, "orbweaver-crawl-worker", "ORBWEAVER_STORAGE_ACCESS_KEY"))
        .isEqualTo(new SecretKeySelector("user", "minio-orbweaver", null));
    assertThat(keyRef(m, "orbweaver-crawl-worker", "ORBWEAVER_STORAGE_SECRET_KEY"))
        .isEqualTo(new SecretKeySelector("password", "minio-orbweaver", null));
    assertThat(m.get(Secret.class, "orbweaver-secrets").getData())
        .doesNotContainKeys("storage-access-key", "storage-secret-key");

    Manifests existing =
        Chart.render(
            Map.of(
                "storage.mode", "external",
                "storage.external.bucket", "orbweaver",
                "secrets.existingSecret", "my-orbweaver"));
    assertThat(keyRef(existing, "orbweaver-scrape-service", "ORBWEAVER_STORAGE_SECRET_KEY"))
        .isEqualTo(new SecretKeySelector("storage-secret-key", "my-orbweaver", null));
    assertThat(env(existing, "orbweaver-scrape-service"))
        .doesNotContainKey("ORBWEAVER_STORAGE_ENDPOINT");
  }

  @Test
  void mistakesAreRefusedBeforeAnythingRenders() {
    assertThatThrownBy(() -> Chart.render(Map.of("storage.mode", "s3")))
        .hasMessageContaining("mode");
    assertThatThrownBy(() -> Chart.render(Map.of("storage.mode", "external")))
        .hasMessageContaining("bucket");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of("storage.mode", "external", "storage.external.bucket", "orbweaver")))
        .hasMessageContaining("storage.external.accessKeyId");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of(
                        "storage.mode", "external",
                        "storage.external.bucket", "orbweaver",
                        "storage.external.endpoint", "https://key:secret@r2.example.com")))
        .hasMessageContaining("endpoint");
    assertThatThrownBy(
            () ->
                Chart.render(
                    Map.of(
                        "storage.mode", "external",
                        "storage.external.bucket", "orbweaver",
                        "storage.external.accessKeyId", "a",
                        "storage.external.secretAccessKey", "b",
                        "secrets.existingSecret", "my-orbweaver")))
        .hasMessageContaining("storage-access-key");
    assertThatThrownBy(() -> Chart.render(Map.of("storage.external.bucket", "Not_A_Bucket")))
        .hasMessageContaining("bucket");
  }

  private static SecretKeySelector keyRef(Manifests m, String deployment, String name) {
    return envVar(container(m, deployment), name).getValueFrom().getSecretKeyRef();
  }
}
