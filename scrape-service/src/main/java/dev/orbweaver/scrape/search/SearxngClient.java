package dev.orbweaver.scrape.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.fetch.http.FetchException;
import dev.orbweaver.fetch.http.FetchRequest;
import dev.orbweaver.fetch.http.FetchResult;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.fetch.FetchClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Web search through a SearXNG instance's JSON API ({@code GET /search?format=json}), reached with
 * libs/fetch's operator fetcher. Pages of results are read until the limit is met or SearXNG has no
 * more.
 */
@ApplicationScoped
public class SearxngClient {
  private static final int MAX_PAGES = 5;
  private static final String USER_AGENT = "Orbweaver/0.1 (+https://orbweaver.dev)";

  private final FetchClients fetch;
  private final ObjectMapper json;
  private final Optional<String> baseUrl;
  private final Duration timeout;

  @Inject
  public SearxngClient(FetchClients fetch, ObjectMapper json, ScrapeConfig config) {
    this.fetch = fetch;
    this.json = json;
    this.baseUrl =
        config
            .search()
            .searxngUrl()
            .filter(s -> !s.isBlank())
            .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    this.timeout = config.search().searxngTimeout();
  }

  public boolean configured() {
    return baseUrl.isPresent();
  }

  /**
   * Up to {@code limit} results of one kind.
   *
   * @param categories SearXNG categories ({@code general}, {@code news}, {@code images}, …)
   */
  public List<JsonNode> search(
      String query, List<String> categories, String language, String timeRange, int limit) {
    String base = baseUrl.orElseThrow();
    List<JsonNode> results = new ArrayList<>();
    for (int page = 1; page <= MAX_PAGES && results.size() < limit; page++) {
      StringBuilder url =
          new StringBuilder(base)
              .append("/search?format=json&q=")
              .append(encode(query))
              .append("&pageno=")
              .append(page)
              .append("&categories=")
              .append(encode(String.join(",", categories)));
      if (language != null) {
        url.append("&language=").append(encode(language));
      }
      if (timeRange != null) {
        // SearXNG knows no hour: a day is the closest it narrows to.
        url.append("&time_range=").append(timeRange.equals("hour") ? "day" : timeRange);
      }
      JsonNode answer = get(url.toString());
      JsonNode found = answer.path("results");
      if (!found.isArray() || found.isEmpty()) {
        break;
      }
      found.forEach(results::add);
    }
    return results.size() > limit ? results.subList(0, limit) : results;
  }

  private JsonNode get(String url) {
    FetchResult result;
    try {
      result =
          fetch
              .operatorFetcher()
              .fetch(
                  FetchRequest.get(url)
                      .withHeader("Accept", "application/json")
                      .withUserAgent(USER_AGENT)
                      .withTimeout(timeout));
    } catch (FetchException e) {
      throw unavailable("SearXNG could not be reached (" + e.kind().code() + ").");
    }
    if (!result.isSuccess()) {
      throw unavailable(
          "SearXNG answered HTTP "
              + result.status()
              + (result.status() == 403 ? " (enable the json format in its settings.yml)." : "."));
    }
    try {
      return json.readTree(result.body());
    } catch (IOException e) {
      throw unavailable("SearXNG did not answer with JSON.");
    }
  }

  private static ApiException unavailable(String message) {
    return new ApiException(ErrorKind.BAD_GATEWAY, "search_backend_error", message, Map.of());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** SearXNG's publishedDate, which engines give in several forms. */
  static Instant published(JsonNode result) {
    String text = result.path("publishedDate").asText(null);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }
}
