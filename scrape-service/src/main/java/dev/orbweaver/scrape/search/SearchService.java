package dev.orbweaver.scrape.search;

import com.fasterxml.jackson.databind.JsonNode;
import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.common.principal.Principal;
import dev.orbweaver.scrape.config.ScrapeConfig;
import dev.orbweaver.scrape.llm.LlmCredentials;
import dev.orbweaver.scrape.scrape.ScrapeService;
import dev.orbweaver.scrape.scrape.ScrapeSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Search with a pluggable backend: the web through SearXNG when one is configured, or the account's
 * own page index (categories {@code crawled}), which is always there. Without SearXNG a web search
 * is {@code 503 search_disabled}, as CRW answers. Results can be scraped, several at once on
 * virtual threads.
 */
@ApplicationScoped
public class SearchService {
  static final String CRAWLED = "crawled";
  private static final Pattern RESOLUTION = Pattern.compile("(\\d+)\\s*[x×]\\s*(\\d+)");

  private final SearxngClient searxng;
  private final PageIndex index;
  private final ScrapeService scrapes;
  private final ScrapeConfig.Search config;

  @Inject
  public SearchService(
      SearxngClient searxng, PageIndex index, ScrapeService scrapes, ScrapeConfig config) {
    this.searxng = searxng;
    this.index = index;
    this.scrapes = scrapes;
    this.config = config.search();
  }

  public SearchResults search(Principal caller, SearchSpec spec) {
    Map<String, List<SearchHit>> hits = new LinkedHashMap<>();
    if (spec.crawled()) {
      List<SearchHit> own =
          index.search(caller.accountId(), spec.query(), spec.limit() * 3, since(spec.timeRange()));
      hits.put("web", renumber(filterDomains(own, spec), spec.limit()));
    } else {
      if (!searxng.configured()) {
        throw new ApiException(
            ErrorKind.DISABLED,
            "search_disabled",
            "Web search is disabled: this installation has no search backend (an operator sets"
                + " ORBWEAVER_SEARCH_SEARXNG_URL). To search the pages your crawls and scrapes"
                + " stored, ask for categories [\"crawled\"].",
            Map.of());
      }
      String query = String.join(" ", prepend(spec.query(), spec.queryTerms()));
      for (String kind : List.of("web", "news", "images")) {
        if (!spec.kinds().contains(kind)) {
          continue;
        }
        List<String> categories =
            switch (kind) {
              case "news" -> List.of("news");
              case "images" -> List.of("images");
              default -> spec.categories().isEmpty() ? List.of("general") : spec.categories();
            };
        List<SearchHit> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // Domain filters drop results after the fact: ask for more so the limit can still be met.
        boolean filtered = !spec.includeDomains().isEmpty() || !spec.excludeDomains().isEmpty();
        int wanted = filtered ? spec.limit() * 3 : spec.limit();
        for (JsonNode result :
            searxng.search(query, categories, spec.language(), spec.timeRange(), wanted)) {
          SearchHit hit = hit(kind, result, found.size() + 1);
          if (hit != null && seen.add(hit.url())) {
            found.add(hit);
          }
        }
        hits.put(kind, renumber(filterDomains(found, spec), spec.limit()));
      }
    }
    List<String> warnings = new ArrayList<>();
    Map<String, List<SearchResults.Result>> results = new LinkedHashMap<>();
    hits.forEach(
        (kind, list) ->
            results.put(
                kind,
                spec.scrape() != null && !kind.equals("images")
                    ? scrapeAll(caller, list, spec.scrape(), warnings)
                    : list.stream().map(h -> new SearchResults.Result(h, null, null)).toList()));
    return new SearchResults(results, warnings);
  }

  private List<SearchResults.Result> scrapeAll(
      Principal caller, List<SearchHit> hits, ScrapeSpec options, List<String> warnings) {
    ScrapeSpec spec =
        options.timeoutMs() != null
            ? options
            : options.withTimeoutMs(config.resultScrapeTimeout().toMillis());
    Semaphore slots = new Semaphore(config.resultScrapeConcurrency());
    List<SearchResults.Result> out = new ArrayList<>();
    int failed = 0;
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<SearchResults.Result>> pending = new ArrayList<>();
      for (SearchHit hit : hits) {
        pending.add(
            workers.submit(
                () -> {
                  slots.acquire();
                  try {
                    return new SearchResults.Result(
                        hit,
                        scrapes.scrape(caller, hit.url(), spec, LlmCredentials.NONE, "url"),
                        null);
                  } catch (ApiException e) {
                    return new SearchResults.Result(hit, null, e.getMessage());
                  } finally {
                    slots.release();
                  }
                }));
      }
      for (Future<SearchResults.Result> result : pending) {
        try {
          SearchResults.Result done = result.get();
          failed += done.scrapeError() != null ? 1 : 0;
          out.add(done);
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ApiException(ErrorKind.UNAVAILABLE, "interrupted");
        }
      }
    }
    if (failed > 0) {
      warnings.add(failed + " of " + hits.size() + " results could not be scraped.");
    }
    return out;
  }

  /** A SearXNG result in Orbweaver's words, or null when it has no usable URL. */
  static SearchHit hit(String kind, JsonNode result, int position) {
    String url = result.path("url").asText(null);
    if (url == null || HttpUrl.parse(url) == null) {
      return null;
    }
    String title = result.path("title").asText(url);
    String snippet = result.path("content").asText(null);
    Double score = result.path("score").isNumber() ? result.path("score").asDouble() : null;
    String image = null;
    Integer width = null;
    Integer height = null;
    if (kind.equals("images") || kind.equals("news")) {
      image = result.path("img_src").asText(null);
      if (image == null || image.isBlank()) {
        image = result.path("thumbnail_src").asText(result.path("thumbnail").asText(null));
      }
      Matcher size = RESOLUTION.matcher(result.path("resolution").asText(""));
      if (size.find()) {
        width = Integer.valueOf(size.group(1));
        height = Integer.valueOf(size.group(2));
      }
    }
    return new SearchHit(
        kind,
        url,
        title,
        snippet == null || snippet.isBlank() ? null : snippet.strip(),
        position,
        score,
        result.path("category").asText(null),
        image == null || image.isBlank() ? null : image,
        width,
        height,
        SearxngClient.published(result));
  }

  private static List<SearchHit> filterDomains(List<SearchHit> hits, SearchSpec spec) {
    if (spec.includeDomains().isEmpty() && spec.excludeDomains().isEmpty()) {
      return hits;
    }
    List<SearchHit> kept = new ArrayList<>();
    for (SearchHit hit : hits) {
      HttpUrl url = HttpUrl.parse(hit.url());
      String host = url == null ? "" : url.host().toLowerCase(Locale.ROOT);
      boolean included =
          spec.includeDomains().isEmpty()
              || spec.includeDomains().stream().anyMatch(d -> onDomain(host, d));
      boolean excluded = spec.excludeDomains().stream().anyMatch(d -> onDomain(host, d));
      if (included && !excluded) {
        kept.add(hit);
      }
    }
    return kept;
  }

  private static boolean onDomain(String host, String domain) {
    String d = domain.toLowerCase(Locale.ROOT).strip();
    return host.equals(d) || host.endsWith("." + d);
  }

  private static List<SearchHit> renumber(List<SearchHit> hits, int limit) {
    List<SearchHit> out = new ArrayList<>();
    for (SearchHit hit : hits) {
      if (out.size() >= limit) {
        break;
      }
      out.add(
          new SearchHit(
              hit.kind(),
              hit.url(),
              hit.title(),
              hit.snippet(),
              out.size() + 1,
              hit.score(),
              hit.category(),
              hit.imageUrl(),
              hit.imageWidth(),
              hit.imageHeight(),
              hit.publishedAt()));
    }
    return out;
  }

  private static List<String> prepend(String query, List<String> terms) {
    List<String> all = new ArrayList<>();
    all.add(query);
    all.addAll(terms);
    return all;
  }

  /** The oldest fetch time a time range keeps; the epoch when there is none. */
  static Instant since(String timeRange) {
    if (timeRange == null) {
      return Instant.EPOCH;
    }
    Duration back =
        switch (timeRange) {
          case "hour" -> Duration.ofHours(1);
          case "day" -> Duration.ofDays(1);
          case "week" -> Duration.ofDays(7);
          case "month" -> Duration.ofDays(31);
          default -> Duration.ofDays(366);
        };
    return Instant.now().minus(back);
  }
}
