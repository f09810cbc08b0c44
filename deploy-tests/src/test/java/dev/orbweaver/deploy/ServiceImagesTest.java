package dev.orbweaver.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Each service's Dockerfiles fit what the chart runs: the image exposes the ports the chart opens
 * (the API's, and the management interface's that it probes), and the image's user is the non-root
 * uid the chart's security context demands.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceImagesTest {
  /** Rendered once: generating the JWT key pair takes a second. */
  private final Manifests defaults = Chart.render("defaults");

  static final java.util.List<String> SERVICES = Repo.SERVICES;
  private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE ([\\d ]+)$");
  private static final Pattern USER = Pattern.compile("(?m)^USER (\\d+)$");

  @ParameterizedTest
  @FieldSource("SERVICES")
  void jvmAndNativeImagesExposeTheChartsPortAsTheChartsUser(String service) throws IOException {
    Deployment deployment = defaults.get(Deployment.class, "orbweaver-" + service);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    java.util.Set<Integer> ports =
        container.getPorts().stream()
            .map(p -> p.getContainerPort())
            .collect(java.util.stream.Collectors.toSet());
    long uid = deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();

    assertThat(container.getImage()).isEqualTo("orbweaver/" + service + ":0.1.0-SNAPSHOT");
    for (String flavour : java.util.List.of("jvm", "native")) {
      Path file = Repo.root().resolve(service + "/src/main/docker/Dockerfile." + flavour);
      String dockerfile = Files.readString(file);
      assertThat(exposed(dockerfile, file)).as("%s EXPOSE", file).isEqualTo(ports);
      assertThat(only(USER, dockerfile, file)).as("%s USER", file).isEqualTo(uid);
      assertThat(dockerfile)
          .as(file.toString())
          .contains(flavour.equals("jvm") ? "target/quarkus-app/" : "target/*-runner");
    }
  }

  @Test
  void theIngestJobRunsGraphToolsThatShipInTheBacklinkImage() throws IOException {
    Job job =
        Chart.render(
                java.util.Map.of(
                    "backlinkService.ingest.enabled",
                    true,
                    "backlinkService.ingest.source",
                    "sample"))
            .all(Job.class)
            .getFirst();
    String script =
        job.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs().get(0);
    Matcher main = Pattern.compile("dev\\.orbweaver\\.[a-z.]+\\.[A-Z]\\w+").matcher(script);
    assertThat(main.find()).as("the Job names a main class: %s", script).isTrue();

    Path source =
        Repo.root().resolve("libs/graph/src/main/java/" + main.group().replace('.', '/') + ".java");
    assertThat(source).as("the Job's main class").exists();
    String cli = Files.readString(source);
    for (String command : java.util.List.of("releases", "generate-release", "ingest")) {
      assertThat(script).contains("graph " + command);
      assertThat(cli)
          .as("%s has the %s command", source, command)
          .contains("case \"" + command + "\"");
    }
    assertThat(Files.readString(Repo.root().resolve("backlink-service/pom.xml")))
        .as("backlink-service ships libs/graph in its lib/main")
        .contains("<artifactId>orbweaver-graph</artifactId>");
  }

  private static java.util.Set<Integer> exposed(String dockerfile, Path file) {
    Matcher m = EXPOSE.matcher(dockerfile);
    assertThat(m.find()).as("%s has EXPOSE", file).isTrue();
    java.util.Set<Integer> ports = new java.util.HashSet<>();
    for (String port : m.group(1).trim().split(" +")) {
      ports.add(Integer.parseInt(port));
    }
    assertThat(m.find()).as("%s has one EXPOSE", file).isFalse();
    return ports;
  }

  private static long only(Pattern pattern, String text, Path file) {
    Matcher m = pattern.matcher(text);
    assertThat(m.find()).as("%s has %s", file, pattern).isTrue();
    long value = Long.parseLong(m.group(1));
    assertThat(m.find()).as("%s has one %s", file, pattern).isFalse();
    return value;
  }
}
