package dev.orbweaver.crawl.worker;

import dev.orbweaver.crawl.model.Crawl;
import java.util.List;

/**
 * robots.txt as it applies to a crawl: what it may fetch, how slowly, and the sitemaps it names.
 */
public interface RobotsGate {
  Rules rulesFor(Crawl crawl, String url);

  /** The rules of one host for one crawl's user agent. */
  interface Rules {
    boolean allowed(String url);

    /** robots.txt crawl-delay in milliseconds, 0 when none. */
    long crawlDelayMs();

    List<String> sitemaps();

    /**
     * Whether robots.txt could be read or is known to be absent. When it cannot (a 5xx, no answer,
     * or a site the crawler may not reach), RFC 9309 disallows the whole site, and a crawl must say
     * so rather than skip the site quietly.
     */
    boolean reachable();

    /** Why robots.txt could not be read, with its URL; asked only when not {@link #reachable()}. */
    String unreachableReason();
  }
}
