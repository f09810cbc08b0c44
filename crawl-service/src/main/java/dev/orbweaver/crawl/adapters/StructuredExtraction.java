package dev.orbweaver.crawl.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.orbweaver.extract.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The json format of a crawled page: what the page's own structured data says (JSON-LD blocks and
 * Open Graph), keyed as the caller's extraction asked.
 */
@ApplicationScoped
public class StructuredExtraction {
  private final ObjectMapper json;

  @Inject
  public StructuredExtraction(ObjectMapper json) {
    this.json = json;
  }

  public JsonNode extract(Page page, JsonNode extraction) {
    ObjectNode out = json.createObjectNode();
    var metadata = page.metadata();
    out.set("json_ld", json.valueToTree(metadata.jsonLd()));
    out.set("open_graph", json.valueToTree(metadata.og()));
    out.put("title", metadata.title());
    out.put("description", metadata.description());
    return out;
  }
}
