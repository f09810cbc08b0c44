package dev.orbweaver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Kubernetes metadata each service gives quarkus-kubernetes (so that {@code ./mvnw package}
 * writes target/kubernetes/kubernetes.yml) says what the chart says: ports (http and management),
 * requests and limits, a service account, non-root uid and probe timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuarkusMetadataTest {
  /** Rendered once: generating the JWT key pair takes a second. */
  private final Manifests defaults = Chart.render("defaults");

  static final List<String> SERVICES = Repo.SERVICES;
  private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}");

  @ParameterizedTest
  @FieldSource("SERVICES")
  void eachServicesKubernetesMetadataAgreesWithTheChart(String service) throws IOException {
    Properties own =
        properties(Repo.root().resolve(service + "/src/main/resources/application.properties"));
    Properties shared =
        properties(
            Repo.root()
                .resolve("libs/common/src/main/resources/META-INF/microprofile-config.properties"));
    Deployment deployment = defaults.get(Deployment.class, "orbweaver-" + service);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().getFirst();

    Matcher port = DEFAULT.matcher(own.getProperty("quarkus.http.port", ""));
    assertThat(port.matches()).as("%s quarkus.http.port has a default", service).isTrue();
    assertThat(Integer.parseInt(port.group(1))).isEqualTo(containerPort(container, "http"));
    // With the management interface on, quarkus-kubernetes points its probes at this port too.
    assertThat(shared.getProperty("quarkus.management.enabled")).isEqualTo("true");
    Matcher management = DEFAULT.matcher(own.getProperty("quarkus.management.port", ""));
    assertThat(management.matches())
        .as("%s quarkus.management.port has a default", service)
        .isTrue();
    assertThat(Integer.parseInt(management.group(1)))
        .isEqualTo(containerPort(container, "management"));
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        String key = "quarkus.kubernetes.resources." + kind + "." + resource;
        Quantity chart =
            (kind.equals("requests")
                    ? container.getResources().getRequests()
                    : container.getResources().getLimits())
                .get(resource);
        assertThat(own.getProperty(key)).as("%s %s", service, key).isNotNull();
        assertThat(new Quantity(own.getProperty(key)).getNumericalAmount())
            .as("%s %s agrees with helm/orbweaver/values.yaml", service, key)
            .isEqualByComparingTo(chart.getNumericalAmount());
      }
    }
    assertThat(
            own.getProperty(
                "quarkus.kubernetes.rbac.service-accounts." + service + ".use-as-default"))
        .as("%s runs under its own service account", service)
        .isEqualTo("true");

    assertThat(shared.getProperty("quarkus.kubernetes.part-of")).isEqualTo("orbweaver");
    assertThat(shared.getProperty("quarkus.kubernetes.security-context.run-as-non-root"))
        .isEqualTo("true");
    assertThat(
            Long.parseLong(shared.getProperty("quarkus.kubernetes.security-context.run-as-user")))
        .isEqualTo(pod.getSecurityContext().getRunAsUser());
    assertThat(seconds(shared, "startup-probe.period"))
        .isEqualTo(container.getStartupProbe().getPeriodSeconds());
    assertThat(
            Integer.parseInt(
                shared.getProperty("quarkus.kubernetes.startup-probe.failure-threshold")))
        .isEqualTo(container.getStartupProbe().getFailureThreshold());
    assertThat(seconds(shared, "liveness-probe.period"))
        .isEqualTo(container.getLivenessProbe().getPeriodSeconds());
    assertThat(seconds(shared, "readiness-probe.period"))
        .isEqualTo(container.getReadinessProbe().getPeriodSeconds());

    String pom = Files.readString(Repo.root().resolve(service + "/pom.xml"));
    assertThat(pom)
        .contains("<artifactId>quarkus-kubernetes</artifactId>")
        .contains("<artifactId>quarkus-opentelemetry</artifactId>");
  }

  private static int containerPort(Container container, String name) {
    return container.getPorts().stream()
        .filter(p -> name.equals(p.getName()))
        .findFirst()
        .orElseThrow()
        .getContainerPort();
  }

  private static int seconds(Properties p, String key) {
    String value = p.getProperty("quarkus.kubernetes." + key);
    assertThat(value).as(key).matches("\\d+s");
    return Integer.parseInt(value.substring(0, value.length() - 1));
  }

  private static Properties properties(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return p;
  }
}
