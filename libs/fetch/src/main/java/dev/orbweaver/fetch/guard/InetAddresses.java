package dev.orbweaver.fetch.guard;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Address literals without ever asking DNS: every parse here is purely textual. */
public final class InetAddresses {

  private InetAddresses() {}

  /**
   * Dotted-decimal IPv4 or an IPv6 literal (with or without brackets, with or without a zone). The
   * strict form operators write in configuration; see {@link Ipv4Notation} for what URLs may hold.
   */
  public static Optional<InetAddress> parseStrictLiteral(String text) {
    String s = text.strip();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.indexOf(':') >= 0) {
      return parseIpv6(s);
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      String part = parts[i];
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')
          || (part.length() > 1 && part.charAt(0) == '0')) {
        return Optional.empty();
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return Optional.empty();
      }
      bytes[i] = (byte) value;
    }
    return Optional.of(fromBytes(bytes));
  }

  /** The address a URL host denotes when it is a literal: IPv6 in brackets or any IPv4 notation. */
  public static Optional<InetAddress> parseUrlHost(String host) {
    if (host.startsWith("[") || host.indexOf(':') >= 0) {
      return parseStrictLiteral(host);
    }
    return Ipv4Notation.parse(host).map(InetAddress.class::cast);
  }

  static InetAddress fromBytes(byte[] bytes) {
    try {
      // 16 bytes stay IPv6 even when IPv4-mapped; getByAddress would fold them into IPv4.
      return bytes.length == 16
          ? Inet6Address.getByAddress(null, bytes, -1)
          : InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }
  }

  /**
   * The same address carrying the host name it was resolved for, so that TLS can verify the name
   * when the connection is made to this exact address.
   */
  public static InetAddress withHostName(String hostName, InetAddress address) {
    try {
      return InetAddress.getByAddress(hostName, address.getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<InetAddress> parseIpv6(String text) {
    String s = text;
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    // Only hex digits, colons and dots (an embedded IPv4 tail) may reach InetAddress, which then
    // parses the literal itself without any lookup.
    if (s.isEmpty()
        || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return Optional.empty();
    }
    try {
      InetAddress address = InetAddress.getByName("[" + s + "]");
      if (address instanceof Inet4Address v4) {
        // Java folds ::ffff:a.b.c.d into an IPv4 address; keep the mapped form visible to callers.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        System.arraycopy(v4.getAddress(), 0, mapped, 12, 4);
        return Optional.of(Inet6Address.getByAddress(null, mapped, -1));
      }
      return Optional.of(address);
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
