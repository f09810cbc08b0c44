package dev.orbweaver.scrape.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import dev.orbweaver.scrape.web.Require;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema checks with networknt's validator: that a caller's schema is one (against its draft's
 * meta-schema, 2020-12 unless {@code $schema} says otherwise), and that extracted data matches it.
 * A schema may not pull in other documents by {@code $ref}: resolving a caller's URL would be a
 * request to an address of the caller's choosing.
 */
@ApplicationScoped
public class SchemaValidator {
  private static final int MAX_REPORTED = 10;

  private final Map<SpecVersion.VersionFlag, JsonSchemaFactory> factories =
      new ConcurrentHashMap<>();

  private JsonSchemaFactory factory(SpecVersion.VersionFlag version) {
    return factories.computeIfAbsent(version, SchemaValidator::newFactory);
  }

  private static JsonSchemaFactory newFactory(SpecVersion.VersionFlag version) {
    return JsonSchemaFactory.getInstance(
        version,
        builder ->
            builder.schemaLoaders(
                loaders ->
                    loaders.add(
                        new AllowSchemaLoader(
                            iri -> {
                              String text = iri.toString();
                              // The drafts' own meta-schemas ship inside the validator's jar.
                              return text.startsWith("https://json-schema.org/")
                                  || text.startsWith("http://json-schema.org/")
                                  || text.startsWith("classpath:");
                            }))));
  }

  /**
   * @throws dev.orbweaver.common.error.ApiException 400 naming {@code field} when {@code schema} is
   *     not a JSON Schema object
   */
  public void requireSchema(JsonNode schema, String field) {
    Require.that(schema.isObject(), field, "must be a JSON Schema object");
    SpecVersion.VersionFlag version = versionOf(schema, field);
    List<String> problems;
    try {
      JsonSchema meta = factory(version).getSchema(SchemaLocation.of(version.getId()));
      problems = messages(meta.validate(schema));
    } catch (RuntimeException e) {
      throw Require.invalid(field, "not a usable JSON Schema: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw Require.invalid(field, "not a valid JSON Schema: " + String.join("; ", problems));
    }
    try {
      compile(schema);
    } catch (RuntimeException e) {
      throw Require.invalid(field, "not a usable JSON Schema: " + e.getMessage());
    }
  }

  /** The ways {@code data} breaks {@code schema}, at most ten, empty when it fits. */
  public List<String> violations(JsonNode schema, JsonNode data) {
    return messages(compile(schema).validate(data));
  }

  private JsonSchema compile(JsonNode schema) {
    return factory(versionOf(schema, "schema")).getSchema(schema);
  }

  private static SpecVersion.VersionFlag versionOf(JsonNode schema, String field) {
    if (!schema.has("$schema")) {
      return SpecVersion.VersionFlag.V202012;
    }
    try {
      return SpecVersionDetector.detectOptionalVersion(schema, false)
          .orElseThrow(() -> Require.invalid(field, "unknown $schema " + schema.get("$schema")));
    } catch (RuntimeException e) {
      if (e instanceof dev.orbweaver.common.error.ApiException api) {
        throw api;
      }
      throw Require.invalid(field, "unknown $schema " + schema.get("$schema"));
    }
  }

  private static List<String> messages(Set<ValidationMessage> found) {
    return found.stream()
        .sorted(Comparator.comparing(ValidationMessage::getMessage))
        .limit(MAX_REPORTED)
        .map(ValidationMessage::getMessage)
        .toList();
  }
}
