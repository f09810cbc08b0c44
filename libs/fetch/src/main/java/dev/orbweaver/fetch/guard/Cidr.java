package dev.orbweaver.fetch.guard;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare
 * address is a single-host range.
 */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException(
          "prefix length " + prefixLength + " is outside 0.." + bits + " for " + network);
    }
    network = InetAddresses.fromBytes(mask(network.getAddress(), prefixLength));
  }

  /**
   * Parses {@code address/prefix} or a bare address. Only strict literals are accepted (dotted
   * decimal IPv4, RFC 4291 IPv6), never host names, so that a typo cannot trigger a DNS lookup.
   */
  public static Cidr parse(String text) {
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress network =
        InetAddresses.parseStrictLiteral(address)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'" + trimmed + "' is not a CIDR: '" + address + "' is not an IP address"));
    int bits = network.getAddress().length * 8;
    if (slash < 0) {
      return new Cidr(network, bits);
    }
    String prefix = trimmed.substring(slash + 1);
    if (prefix.isEmpty() || prefix.length() > 3 || !prefix.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "'" + trimmed + "' is not a CIDR: prefix length '" + prefix + "' is not a number");
    }
    int length = Integer.parseInt(prefix);
    if (length > bits) {
      throw new IllegalArgumentException(
          "'" + trimmed + "' is not a CIDR: prefix length " + length + " is above " + bits);
    }
    return new Cidr(network, length);
  }

  /** True when the address is of the same family and inside this range. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] base = network.getAddress();
    if (candidate.length != base.length) {
      return false;
    }
    return Arrays.equals(mask(candidate, prefixLength), base);
  }

  @Override
  public String toString() {
    return network.getHostAddress() + "/" + prefixLength;
  }

  private static byte[] mask(byte[] address, int prefixLength) {
    byte[] masked = address.clone();
    for (int i = 0; i < masked.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      masked[i] = (byte) (masked[i] & (0xFF << (8 - keep)));
    }
    return masked;
  }
}
