package dev.orbweaver.scrape.map;

import java.util.List;

/**
 * What map found.
 *
 * @param droppedActionCount URLs left out because they act rather than show (add-to-cart, nonces)
 * @param strippedTrackingCount URLs that lost tracking parameters (utm_*, gclid, …)
 */
public record MapResult(
    List<Link> links, int droppedActionCount, int strippedTrackingCount, List<String> warnings) {

  public MapResult {
    links = List.copyOf(links);
    warnings = List.copyOf(warnings);
  }

  /** A discovered URL, with its title and description when the account's index knows them. */
  public record Link(String url, String title, String description) {}
}
