package dev.orbweaver.fetch.guard;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's exceptions to the SSRF guard ({@code orbweaver.fetch.allowed-private-cidrs}, env
 * {@code ORBWEAVER_FETCH_ALLOWED_PRIVATE_CIDRS}): non-public ranges that fetching may reach anyway.
 * Empty by default, so that everything private is refused; cloud metadata endpoints stay refused
 * even inside these ranges.
 */
public record AllowedPrivateCidrs(List<Cidr> ranges) {

  public AllowedPrivateCidrs {
    ranges = List.copyOf(ranges);
  }

  public static AllowedPrivateCidrs none() {
    return new AllowedPrivateCidrs(List.of());
  }

  public static AllowedPrivateCidrs of(String... cidrs) {
    return new AllowedPrivateCidrs(List.of(cidrs).stream().map(Cidr::parse).toList());
  }

  /**
   * Parses the setting's value: comma-separated CIDRs, blanks ignored, {@code null} or empty
   * meaning none.
   *
   * @throws IllegalArgumentException naming the setting and the entry that does not parse
   */
  public static AllowedPrivateCidrs parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return none();
    }
    List<Cidr> ranges = new ArrayList<>();
    for (String entry : commaSeparated.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      try {
        ranges.add(Cidr.parse(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "orbweaver.fetch.allowed-private-cidrs (ORBWEAVER_FETCH_ALLOWED_PRIVATE_CIDRS): "
                + e.getMessage()
                + "; expected comma-separated CIDRs such as 10.0.0.0/8,fd00::/8",
            e);
      }
    }
    return new AllowedPrivateCidrs(ranges);
  }

  /** True when a range holds the address or the IPv4 address it embeds. */
  public boolean allows(InetAddress address) {
    if (ranges.stream().anyMatch(r -> r.contains(address))) {
      return true;
    }
    return SpecialAddresses.embeddedIpv4(address)
        .map(v4 -> ranges.stream().anyMatch(r -> r.contains(v4)))
        .orElse(false);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  @Override
  public String toString() {
    return String.join(",", ranges.stream().map(Cidr::toString).toList());
  }
}
