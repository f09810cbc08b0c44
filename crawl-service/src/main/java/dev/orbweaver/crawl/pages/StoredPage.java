package dev.orbweaver.crawl.pages;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A fetched page as stored; the HTML (when kept) is read separately, on demand. */
public record StoredPage(
    long id,
    long crawlId,
    String url,
    String finalUrl,
    int depth,
    int status,
    int bytes,
    String contentType,
    Instant fetchedAt,
    int fetchMs,
    String contentHash,
    JsonNode metadata,
    JsonNode formats,
    String changeStatus,
    JsonNode changeDiff,
    boolean fromCache,
    int credits,
    boolean hasHtml) {}
