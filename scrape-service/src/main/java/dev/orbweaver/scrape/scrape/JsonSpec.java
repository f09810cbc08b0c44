package dev.orbweaver.scrape.scrape;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the {@code json} format (and extract) should produce: a JSON Schema, a prompt, or both.
 *
 * @param schema the caller's JSON Schema, or null
 * @param prompt what to extract, in words, or null
 * @param systemPrompt replaces the default system prompt sent to an LLM, or null
 */
public record JsonSpec(JsonNode schema, String prompt, String systemPrompt) {}
