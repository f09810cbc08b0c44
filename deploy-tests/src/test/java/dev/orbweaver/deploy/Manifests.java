package dev.orbweaver.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of Kubernetes documents, each kept as its source text, its tree and its strictly parsed
 * model object. Built from {@code helm template} output or from committed manifest files.
 */
final class Manifests {
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*$");
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: (\\S+)");
  private static final ObjectMapper YAML = new YAMLMapper();

  /** One document: where it came from (a template or a file), its text, tree and model. */
  record Document(String source, String text, JsonNode tree, Object model) {
    String kind() {
      return tree.path("kind").asText();
    }

    String name() {
      return tree.path("metadata").path("name").asText();
    }
  }

  private final List<Document> documents;

  private Manifests(List<Document> documents) {
    this.documents = List.copyOf(documents);
  }

  /**
   * Splits multi-document YAML and parses each document strictly; a document the API would refuse
   * throws. Documents that hold nothing (a disabled template) are dropped.
   */
  static Manifests parse(String yaml, String origin) {
    List<Document> documents = new ArrayList<>();
    for (String chunk : SEPARATOR.split(yaml)) {
      JsonNode tree;
      try {
        tree = YAML.readTree(chunk);
      } catch (IOException e) {
        throw new UncheckedIOException(origin + ": not YAML: " + e.getMessage(), e);
      }
      if (tree == null || tree.isMissingNode() || tree.isNull() || tree.isEmpty()) {
        continue;
      }
      Matcher source = SOURCE.matcher(chunk);
      String where = source.find() ? source.group(1) : origin;
      documents.add(new Document(where, chunk, tree, StrictKubernetes.parse(where, tree)));
    }
    return new Manifests(documents);
  }

  List<Document> documents() {
    return documents;
  }

  <T> List<T> all(Class<T> type) {
    return documents.stream()
        .map(Document::model)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
    return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return named(type, name)
        .orElseThrow(
            () ->
                new AssertionError("no " + type.getSimpleName() + " named " + name + " rendered"));
  }

  /** Every pod the documents run, by the name of the object that runs it. */
  Map<String, PodTemplateSpec> podTemplates() {
    Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    all(Deployment.class)
        .forEach(
            d -> pods.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
    all(StatefulSet.class)
        .forEach(
            s -> pods.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
    all(Job.class)
        .forEach(j -> pods.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate()));
    return pods;
  }

  /** The documents grouped by the template (or file) they came from, in order, as text. */
  Map<String, String> textBySource() {
    Map<String, String> bySource = new LinkedHashMap<>();
    for (Document d : documents) {
      bySource.merge(d.source(), d.text().strip() + "\n", (a, b) -> a + "---\n" + b);
    }
    return bySource;
  }
}
