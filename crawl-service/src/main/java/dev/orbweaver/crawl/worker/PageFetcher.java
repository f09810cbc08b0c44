package dev.orbweaver.crawl.worker;

import dev.orbweaver.crawl.model.Crawl;
import dev.orbweaver.crawl.model.Tier;

/**
 * Fetches one URL the way a crawl asked (headers, cookies, proxy, user agent), guarded. Each
 * implementation serves one tier; a crawl's pages go to the fetcher of the tier it was priced at.
 */
public interface PageFetcher {
  Fetched fetch(Crawl crawl, String url) throws FetchFailure;

  /** The tier this fetcher serves, which is what a page it fetched is billed at. */
  Tier tier();

  /** What the target answered: any status counts, 404s and 500s included. */
  record Fetched(
      String finalUrl, int status, String contentType, byte[] body, String charset, int fetchMs) {
    public boolean html() {
      return contentType == null
          || contentType.startsWith("text/html")
          || contentType.startsWith("application/xhtml");
    }
  }

  /** A crawler-side failure: the target never answered (dns, connect, tls, timeout, …). */
  final class FetchFailure extends Exception {
    private final String kind;

    public FetchFailure(String kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    public String kind() {
      return kind;
    }
  }
}
