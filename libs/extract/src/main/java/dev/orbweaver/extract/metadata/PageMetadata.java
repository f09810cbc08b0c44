package dev.orbweaver.extract.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a page says about itself. Maps keep document order; {@code og} and {@code twitter} are keyed
 * without their prefix ({@code og:title} is {@code og.get("title")}), {@code meta} holds every
 * other named meta tag. Absent values are null. The JSON-LD trees are shared: read them, do not
 * change them.
 *
 * @param jsonLd every JSON-LD block that parsed, a top-level array contributing its elements
 * @param sourceUrl the address the page was fetched from, as given to the parser
 */
public record PageMetadata(
    String title,
    String description,
    String canonical,
    String language,
    Map<String, String> og,
    Map<String, String> twitter,
    List<JsonNode> jsonLd,
    String sourceUrl,
    int statusCode,
    String keywords,
    String author,
    String publishedTime,
    String favicon,
    Map<String, String> meta) {}
