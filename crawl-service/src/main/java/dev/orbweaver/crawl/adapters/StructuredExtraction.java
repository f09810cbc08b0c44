package dev.orbweaver.crawl.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.Page;
import dev.orbweaver.extract.profile.Profile;
import dev.orbweaver.extract.schema.SchemaExtraction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The json format of a crawled page, without a language model: the caller's JSON schema filled from
 * the page's own data (with the fields it could not fill), or an extraction profile, or — when the
 * crawl named neither — the profile the page's data supports best.
 */
@ApplicationScoped
public class StructuredExtraction {
  private final ObjectMapper json;

  @Inject
  public StructuredExtraction(ObjectMapper json) {
    this.json = json;
  }

  public JsonNode extract(Page page, JsonNode extraction) {
    JsonNode schema = extraction == null ? null : extraction.get("schema");
    if (schema != null && schema.isObject()) {
      try {
        SchemaExtraction filled = page.extract(schema);
        ObjectNode out = json.createObjectNode();
        out.set("data", filled.data());
        out.set("missing", json.valueToTree(filled.missing()));
        return out;
      } catch (IllegalArgumentException notAnObjectSchema) {
        ObjectNode out = json.createObjectNode();
        out.put("error", notAnObjectSchema.getMessage());
        return out;
      }
    }
    String profile = extraction == null ? null : extraction.path("profile").asText(null);
    return page.profile(profile == null ? Profile.AUTO : Profile.fromWireName(profile));
  }
}
