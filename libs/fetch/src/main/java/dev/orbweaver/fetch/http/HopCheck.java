package dev.orbweaver.fetch.http;

/**
 * A rule every URL of a fetch must pass, the first and each redirect target, before it is requested
 * (robots.txt, a crawl's scope).
 */
@FunctionalInterface
public interface HopCheck {

  HopCheck NONE = url -> {};

  /** Throws to stop the fetch at this URL. */
  void check(String url) throws FetchException;
}
