package dev.orbweaver.scrape.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Structured data read from a page.
 *
 * @param data the object, shaped by the caller's schema when there was one
 * @param unfilled schema fields the page gave no value for (deterministic path only)
 * @param method {@code llm} when a model filled it, {@code page-data} when the page's own data did
 * @param warnings what the caller should know: no LLM, fields unfilled, schema not met
 */
public record Extraction(
    JsonNode data, List<String> unfilled, String method, List<String> warnings) {
  public Extraction {
    unfilled = List.copyOf(unfilled);
    warnings = List.copyOf(warnings);
  }
}
