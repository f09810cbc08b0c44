package dev.orbweaver.crawl.adapters;

import dev.orbweaver.crawl.scope.CrawlScope;
import dev.orbweaver.crawl.scope.NormalizedUrl;
import dev.orbweaver.crawl.scope.UrlRules;
import dev.orbweaver.fetch.url.RegistrableDomains;
import dev.orbweaver.fetch.url.TrackingParameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;

/** URL normalization and registrable domains, as libs/fetch defines them. */
@ApplicationScoped
public class FetchUrlRules implements UrlRules {
  /** Slots of the memo below: a few MB of recent URLs. */
  private static final int MEMO_SLOTS = 1 << 15;

  private final FetchClients clients;

  /**
   * The last normalization seen in each slot. A site's pages repeat most of their links (menus,
   * footers, pagination, related pages), and parsing and normalizing a link costs a crawl worker
   * more CPU than anything but the fetch and the page's parse. Direct-mapped and lock-free: a
   * collision only means normalizing again; entries are immutable, so a racing read sees a whole
   * one or none.
   */
  private final Memo[] memo = new Memo[MEMO_SLOTS];

  @Inject
  public FetchUrlRules(FetchClients clients) {
    this.clients = clients;
  }

  /** Normalized, and without campaign tags: one page reached from many campaigns is one URL. */
  @Override
  public Optional<NormalizedUrl> parse(String url) {
    if (url == null) {
      return Optional.empty();
    }
    int slot = (url.hashCode() * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(MEMO_SLOTS));
    Memo seen = memo[slot];
    if (seen != null && seen.url().equals(url)) {
      return seen.normalized();
    }
    Optional<NormalizedUrl> normalized =
        clients
            .normalizer()
            .normalize(url)
            .map(TrackingParameters::strip)
            .map(FetchUrlRules::parts);
    memo[slot] = new Memo(url, normalized);
    return normalized;
  }

  private static NormalizedUrl parts(String normalized) {
    URI uri = URI.create(normalized);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return new NormalizedUrl(
        normalized,
        uri.getHost(),
        uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery(),
        CrawlScope.key(normalized));
  }

  private record Memo(String url, Optional<NormalizedUrl> normalized) {}

  @Override
  public String registrableDomain(String host) {
    return RegistrableDomains.of(host).orElse(host);
  }
}
