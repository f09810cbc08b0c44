package dev.orbweaver.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the checkout's deployment sources are, found from the directory the tests run in. */
final class Repo {
  /** The services with an image of their own, in the order the launcher starts them. */
  static final List<String> SERVICES =
      List.of(
          "auth-service",
          "gateway",
          "backlink-service",
          "crawl-service",
          "scrape-service",
          "webhook-service");

  private Repo() {}

  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("helm/orbweaver/Chart.yaml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no helm/orbweaver above " + Path.of("").toAbsolutePath());
  }

  static Path chart() {
    return root().resolve("helm/orbweaver");
  }

  static Path k8s() {
    return root().resolve("k8s");
  }

  static Path testValues(String name) {
    return root().resolve("deploy-tests/src/test/resources/values").resolve(name + ".yaml");
  }
}
