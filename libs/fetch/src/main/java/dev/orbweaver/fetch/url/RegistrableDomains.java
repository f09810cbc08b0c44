package dev.orbweaver.fetch.url;

import crawlercommons.domains.EffectiveTldFinder;
import dev.orbweaver.fetch.guard.InetAddresses;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;

/**
 * The registrable domain ("eTLD+1") of a host from the Public Suffix List that crawler-commons
 * ships: {@code www.bbc.co.uk} → {@code bbc.co.uk}. Private suffixes count (a {@code blogspot.com}
 * blog is its own site), so that "this site and its subdomains" never spans strangers.
 */
public final class RegistrableDomains {

  private RegistrableDomains() {}

  /**
   * The registrable domain in punycode, the address itself for an IP literal, or empty for a public
   * suffix on its own ({@code co.uk}) and for names under no known suffix.
   */
  public static Optional<String> of(String host) {
    if (host == null || host.isBlank()) {
      return Optional.empty();
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (InetAddresses.parseUrlHost(h).isPresent()) {
      return Optional.of(h);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(EffectiveTldFinder.getAssignedDomain(ascii, true, false));
  }

  /** True when both hosts belong to the same registrable domain. */
  public static boolean sameSite(String hostA, String hostB) {
    Optional<String> a = of(hostA);
    return a.isPresent() && a.equals(of(hostB));
  }
}
