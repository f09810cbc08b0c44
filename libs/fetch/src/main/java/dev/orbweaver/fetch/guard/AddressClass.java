package dev.orbweaver.fetch.guard;

/** Why an address is not an ordinary public unicast address; see {@link SpecialAddresses}. */
public enum AddressClass {
  PUBLIC("public"),
  UNSPECIFIED("unspecified or 'this network' (0.0.0.0/8, ::)"),
  LOOPBACK("loopback"),
  PRIVATE("private (RFC 1918)"),
  CARRIER_GRADE_NAT("carrier-grade NAT (100.64.0.0/10)"),
  LINK_LOCAL("link-local"),
  CLOUD_METADATA("cloud metadata endpoint"),
  UNIQUE_LOCAL("unique local IPv6 (fc00::/7)"),
  SITE_LOCAL("site-local IPv6 (fec0::/10)"),
  MULTICAST("multicast"),
  BROADCAST("broadcast"),
  DOCUMENTATION("documentation range"),
  BENCHMARKING("benchmarking range"),
  PROTOCOL_ASSIGNMENT("IETF protocol assignment"),
  RESERVED("reserved"),
  NOT_GLOBAL_UNICAST("outside IPv6 global unicast (2000::/3)");

  private final String description;

  AddressClass(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
