package dev.orbweaver.scrape.changetracking;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a caller keeps between two checks of a page: the Markdown (gitDiff mode), the extracted JSON
 * (json mode) and the mode-aware hash of the one that counts. Any part may be absent.
 *
 * @param capturedAt the caller's own capture time, carried untouched
 */
public record Snapshot(String markdown, JsonNode json, String contentHash, String capturedAt) {}
