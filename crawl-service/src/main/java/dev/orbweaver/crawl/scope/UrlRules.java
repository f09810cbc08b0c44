package dev.orbweaver.crawl.scope;

import java.util.Optional;

/** URL normalization and registrable domains, as libs/fetch defines them for the whole platform. */
public interface UrlRules {
  /** The normalized form used for dedup, or empty when the URL is not a fetchable http(s) URL. */
  default Optional<String> normalize(String url) {
    return parse(url).map(NormalizedUrl::url);
  }

  /** The normalized form with its parts, or empty when the URL is not a fetchable http(s) URL. */
  Optional<NormalizedUrl> parse(String url);

  /** The registrable domain of a host (example.co.uk for a.b.example.co.uk), or the host itself. */
  String registrableDomain(String host);
}
