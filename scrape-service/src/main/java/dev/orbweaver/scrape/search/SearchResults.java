package dev.orbweaver.scrape.search;

import dev.orbweaver.scrape.scrape.ScrapedPage;
import java.util.List;
import java.util.Map;

/**
 * What a search found, per kind ({@code web}, {@code news}, {@code images}), in the order the
 * backend ranked it.
 */
public record SearchResults(Map<String, List<Result>> byKind, List<String> warnings) {

  /**
   * One result, with its scraped page when the search asked for scraping.
   *
   * @param scrapeError why the page could not be scraped, or null
   */
  public record Result(SearchHit hit, ScrapedPage page, String scrapeError) {}
}
