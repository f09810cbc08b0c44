package dev.orbweaver.fetch.guard;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The special-purpose address registries (IANA IPv4 and IPv6) as the guard needs them, plus the
 * IPv6 forms that carry an IPv4 address inside (mapped, compatible, NAT64, 6to4, Teredo): those are
 * judged by the IPv4 address they lead to.
 */
public final class SpecialAddresses {

  private record Range(Cidr cidr, AddressClass kind) {}

  private static final List<Range> IPV4 =
      List.of(
          range("0.0.0.0/8", AddressClass.UNSPECIFIED),
          range("10.0.0.0/8", AddressClass.PRIVATE),
          range("100.64.0.0/10", AddressClass.CARRIER_GRADE_NAT),
          range("127.0.0.0/8", AddressClass.LOOPBACK),
          range("169.254.0.0/16", AddressClass.LINK_LOCAL),
          range("172.16.0.0/12", AddressClass.PRIVATE),
          range("192.0.0.0/24", AddressClass.PROTOCOL_ASSIGNMENT),
          range("192.0.2.0/24", AddressClass.DOCUMENTATION),
          range("192.88.99.0/24", AddressClass.RESERVED),
          range("192.168.0.0/16", AddressClass.PRIVATE),
          range("198.18.0.0/15", AddressClass.BENCHMARKING),
          range("198.51.100.0/24", AddressClass.DOCUMENTATION),
          range("203.0.113.0/24", AddressClass.DOCUMENTATION),
          range("224.0.0.0/4", AddressClass.MULTICAST),
          range("255.255.255.255/32", AddressClass.BROADCAST),
          range("240.0.0.0/4", AddressClass.RESERVED));

  private static final List<Range> IPV6 =
      List.of(
          range("::/128", AddressClass.UNSPECIFIED),
          range("::1/128", AddressClass.LOOPBACK),
          range("64:ff9b:1::/48", AddressClass.PRIVATE),
          range("100::/64", AddressClass.RESERVED),
          range("2001:2::/48", AddressClass.BENCHMARKING),
          range("2001:10::/28", AddressClass.RESERVED),
          range("2001:20::/28", AddressClass.RESERVED),
          range("2001:db8::/32", AddressClass.DOCUMENTATION),
          range("3fff::/20", AddressClass.DOCUMENTATION),
          range("5f00::/16", AddressClass.RESERVED),
          range("fc00::/7", AddressClass.UNIQUE_LOCAL),
          range("fe80::/10", AddressClass.LINK_LOCAL),
          range("fec0::/10", AddressClass.SITE_LOCAL),
          range("ff00::/8", AddressClass.MULTICAST));

  private static final Cidr GLOBAL_UNICAST = Cidr.parse("2000::/3");

  /**
   * Instance metadata services hand out cloud credentials; they are refused even inside an
   * operator's allowed ranges. 168.63.129.16 (Azure) is a public address, so ranges alone miss it.
   */
  private static final List<Cidr> CLOUD_METADATA =
      List.of(
          Cidr.parse("169.254.169.254"), // AWS, GCP, Azure, OpenStack, DigitalOcean
          Cidr.parse("169.254.170.2"), // AWS ECS task metadata
          Cidr.parse("169.254.170.23"), // AWS EKS pod identity
          Cidr.parse("100.100.100.200"), // Alibaba Cloud
          Cidr.parse("168.63.129.16"), // Azure wire server
          Cidr.parse("192.0.0.192"), // Oracle Cloud
          Cidr.parse("fd00:ec2::254"), // AWS over IPv6
          Cidr.parse("fd00:ec2::23")); // AWS EKS pod identity over IPv6

  private static final Cidr MAPPED = Cidr.parse("::ffff:0:0/96");
  private static final Cidr TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
  private static final Cidr COMPATIBLE = Cidr.parse("::/96");
  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
  private static final Cidr TEREDO = Cidr.parse("2001::/32");

  private SpecialAddresses() {}

  /** The class of an address, judging IPv6 forms that embed IPv4 by their IPv4 address. */
  public static AddressClass classify(InetAddress address) {
    if (isCloudMetadata(address)) {
      return AddressClass.CLOUD_METADATA;
    }
    Optional<Inet4Address> embedded = embeddedIpv4(address);
    if (embedded.isPresent()) {
      return classify(embedded.get());
    }
    List<Range> table = address instanceof Inet4Address ? IPV4 : IPV6;
    for (Range range : table) {
      if (range.cidr().contains(address)) {
        return range.kind();
      }
    }
    if (!(address instanceof Inet4Address) && !GLOBAL_UNICAST.contains(address)) {
      return AddressClass.NOT_GLOBAL_UNICAST;
    }
    return AddressClass.PUBLIC;
  }

  /** True for the instance metadata endpoints, also when reached through an IPv6 embedding. */
  public static boolean isCloudMetadata(InetAddress address) {
    if (CLOUD_METADATA.stream().anyMatch(c -> c.contains(address))) {
      return true;
    }
    return embeddedIpv4(address).map(SpecialAddresses::isCloudMetadata).orElse(false);
  }

  /**
   * The IPv4 address an IPv6 address leads to: IPv4-mapped ({@code ::ffff:a.b.c.d}), SIIT
   * translated, IPv4-compatible ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d}), 6to4 ({@code
   * 2002:AABB:CCDD::}) and Teredo (client address, bit-inverted in the last 32 bits).
   */
  public static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length != 16) {
      return Optional.empty();
    }
    if (MAPPED.contains(address)
        || TRANSLATED.contains(address)
        || NAT64.contains(address)
        || (COMPATIBLE.contains(address) && !isZeroOrOne(b))) {
      return Optional.of(ipv4(b[12], b[13], b[14], b[15]));
    }
    if (SIX_TO_FOUR.contains(address)) {
      return Optional.of(ipv4(b[2], b[3], b[4], b[5]));
    }
    if (TEREDO.contains(address)) {
      return Optional.of(ipv4((byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]));
    }
    return Optional.empty();
  }

  private static boolean isZeroOrOne(byte[] b) {
    for (int i = 0; i < 15; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[15] == 0 || b[15] == 1;
  }

  private static Inet4Address ipv4(byte a, byte b, byte c, byte d) {
    return (Inet4Address) InetAddresses.fromBytes(new byte[] {a, b, c, d});
  }

  private static Range range(String cidr, AddressClass kind) {
    return new Range(Cidr.parse(cidr), kind);
  }
}
