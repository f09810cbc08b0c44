package dev.orbweaver.scrape.search;

import dev.orbweaver.scrape.scrape.ScrapeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One search, as both dialects ask for it.
 *
 * @param kinds which result lists to fill: {@code web}, {@code news}, {@code images}
 * @param categories SearXNG categories to search in (web results), besides the kinds
 * @param crawled search the account's own page index instead of the web
 * @param timeRange SearXNG's {@code day}, {@code week}, {@code month}, {@code year}, or null
 * @param queryTerms operators added to the query ({@code site:github.com}, {@code filetype:pdf})
 * @param scrape scrape each result with these options, or null for titles and snippets only
 */
public record SearchSpec(
    String query,
    int limit,
    Set<String> kinds,
    List<String> categories,
    boolean crawled,
    String language,
    String timeRange,
    List<String> queryTerms,
    List<String> includeDomains,
    List<String> excludeDomains,
    Duration timeout,
    ScrapeSpec scrape) {

  public SearchSpec {
    kinds = Set.copyOf(kinds);
    categories = List.copyOf(categories);
    queryTerms = List.copyOf(queryTerms);
    includeDomains = List.copyOf(includeDomains);
    excludeDomains = List.copyOf(excludeDomains);
  }
}
