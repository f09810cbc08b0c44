package dev.orbweaver.scrape.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.testing.FixtureSite;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SchemaValidator validator = new SchemaValidator();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void dataIsCheckedAgainstTheSchema() throws Exception {
    JsonNode schema =
        json(
            "{\"type\": \"object\", \"required\": [\"price\"], \"properties\": {\"price\": {\"type\": \"number\"},"
                + " \"tags\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}}");

    assertThat(validator.violations(schema, json("{\"price\": 3, \"tags\": [\"a\"]}"))).isEmpty();
    assertThat(validator.violations(schema, json("{\"tags\": [1]}")))
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).contains("price"))
        .anySatisfy(m -> assertThat(m).contains("tags[0]"));
  }

  @Test
  void aSchemaThatBreaksItsMetaSchemaIsRefusedNamingTheField() throws Exception {
    assertThatThrownBy(
            () -> validator.requireSchema(json("{\"type\": \"thing\"}"), "jsonOptions.schema"))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("'jsonOptions.schema'");
    assertThatThrownBy(() -> validator.requireSchema(json("[1]"), "schema"))
        .hasMessageContaining("must be a JSON Schema object");
  }

  @Test
  void olderDraftsAreReadByTheirOwnMetaSchema() throws Exception {
    JsonNode draft7 =
        json(
            "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\","
                + " \"properties\": {\"a\": {\"type\": \"string\"}}}");
    validator.requireSchema(draft7, "schema");
    assertThat(validator.violations(draft7, json("{\"a\": 1}"))).hasSize(1);
  }

  @Test
  void aReferenceToAnotherDocumentIsNeverFetched() throws Exception {
    try (FixtureSite site =
        FixtureSite.on("127.0.0.1")
            .text("/evil.json", "application/json", "{\"type\": \"string\"}")
            .start()) {
      JsonNode schema =
          json(
              "{\"type\": \"object\", \"properties\": {\"a\": {\"$ref\": \""
                  + site.url("/evil.json")
                  + "\"}}}");
      try {
        validator.requireSchema(schema, "schema");
        validator.violations(schema, json("{\"a\": 1}"));
      } catch (RuntimeException refused) {
        // Refusing the schema is fine; fetching it is not.
      }
      assertThat(site.hits()).isEmpty();
    }
  }
}
