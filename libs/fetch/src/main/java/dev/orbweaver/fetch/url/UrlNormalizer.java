package dev.orbweaver.fetch.url;

import crawlercommons.filters.basic.BasicURLNormalizer;
import dev.orbweaver.fetch.guard.Ipv4Notation;
import java.net.Inet4Address;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * One spelling per URL, so that a frontier deduplicates what is really the same page:
 * crawler-commons' {@link BasicURLNormalizer} (lower-case scheme and host, default port dropped,
 * fragment dropped, dot segments resolved, percent-encoding normalized, IDN to punycode), with
 * hosts in any IPv4 notation written in dotted decimal first. crawler-commons also sorts query
 * parameters by name, so {@code ?b=2&a=1} and {@code ?a=1&b=2} are one URL; tracking parameters are
 * a separate step ({@link TrackingParameters}).
 */
public final class UrlNormalizer {

  private final BasicURLNormalizer normalizer =
      BasicURLNormalizer.newBuilder()
          .idnNormalization(BasicURLNormalizer.IdnNormalization.PUNYCODE)
          .build();

  /** The normalized URL, or empty when the text is not an absolute http or https URL. */
  public Optional<String> normalize(String url) {
    if (url == null) {
      return Optional.empty();
    }
    HttpUrl parsed = HttpUrl.parse(url.strip());
    if (parsed == null) {
      return Optional.empty();
    }
    try {
      Optional<Inet4Address> v4 = Ipv4Notation.parse(parsed.host());
      if (v4.isPresent()) {
        parsed = parsed.newBuilder().host(v4.get().getHostAddress()).build();
      }
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(normalizer.filter(parsed.toString()));
  }
}
