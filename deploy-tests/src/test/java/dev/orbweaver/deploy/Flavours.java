package dev.orbweaver.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The plain-manifest flavours under k8s/: each is what helm/orbweaver renders with
 * k8s/&lt;flavour&gt;.values.yaml, one file per chart template, so that the chart stays the only
 * source of truth.
 */
final class Flavours {
  static final List<String> NAMES = List.of("dev", "prod");

  /** The system property that makes the drift test write the rendered files instead of failing. */
  static final String WRITE = "orbweaver.k8s.write";

  static final String HEADER =
      """
      # Rendered from helm/orbweaver with k8s/%s.values.yaml. Do not edit: change the chart or the values
      # and run ./mvnw -q -pl deploy-tests verify -D%s=true
      """;

  private Flavours() {}

  static Path directory(String flavour) {
    return Repo.k8s().resolve(flavour);
  }

  /** File name to content, as the chart renders the flavour today. */
  static Map<String, String> render(String flavour) {
    String yaml = Chart.template(List.of(Repo.k8s().resolve(flavour + ".values.yaml")), Map.of());
    Map<String, String> files = new LinkedHashMap<>();
    Manifests.parse(yaml, "k8s/" + flavour)
        .textBySource()
        .forEach(
            (source, text) ->
                files.put(
                    Path.of(source).getFileName().toString(),
                    HEADER.formatted(flavour, WRITE) + text));
    return files;
  }

  /** File name to content, as committed. */
  static Map<String, String> committed(String flavour) {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> listing = Files.list(directory(flavour))) {
      for (Path file : listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /** The committed files of a flavour as one set of documents, each parsed strictly. */
  static Manifests load(String flavour) {
    StringBuilder all = new StringBuilder();
    committed(flavour)
        .forEach(
            (name, text) ->
                all.append("---\n# Source: ").append(name).append('\n').append(text).append('\n'));
    return Manifests.parse(all.toString(), "k8s/" + flavour);
  }

  static void write(String flavour, Map<String, String> files) {
    Path dir = directory(flavour);
    try {
      Files.createDirectories(dir);
      try (Stream<Path> listing = Files.list(dir)) {
        for (Path stale : listing.filter(p -> p.toString().endsWith(".yaml")).toList()) {
          Files.delete(stale);
        }
      }
      for (Map.Entry<String, String> file : files.entrySet()) {
        Files.writeString(dir.resolve(file.getKey()), file.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
