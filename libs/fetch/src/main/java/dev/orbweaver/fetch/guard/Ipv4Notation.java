package dev.orbweaver.fetch.guard;

import java.net.Inet4Address;
import java.util.Optional;

/**
 * IPv4 hosts the way browsers read them (WHATWG URL "IPv4 parser"), because that is also how the C
 * resolver reads them: {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} and {@code 127.1} all
 * mean 127.0.0.1. A guard that only knew dotted decimal would let these through as "names".
 */
public final class Ipv4Notation {

  private Ipv4Notation() {}

  /**
   * The address when the host is an IPv4 address in any notation, empty when it is a domain name.
   *
   * @throws IllegalArgumentException when the host ends in a number but is no valid IPv4 address
   *     (e.g. {@code 1.2.3.256} or {@code example.123}); browsers refuse such URLs.
   */
  public static Optional<Inet4Address> parse(String host) {
    String s = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (s.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = s.split("\\.", -1);
    if (!endsInNumber(parts[parts.length - 1])) {
      return Optional.empty();
    }
    if (parts.length > 4) {
      throw invalid(host, "more than four parts");
    }
    long[] numbers = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty()) {
        throw invalid(host, "an empty part");
      }
      numbers[i] = number(parts[i]).orElseThrow(() -> invalid(host, "a part that is not a number"));
    }
    for (int i = 0; i < numbers.length - 1; i++) {
      if (numbers[i] > 255) {
        throw invalid(host, "a part above 255");
      }
    }
    long last = numbers[numbers.length - 1];
    if (last >= 1L << (8 * (5 - numbers.length))) {
      throw invalid(host, "a last part too large");
    }
    long value = last;
    for (int i = 0; i < numbers.length - 1; i++) {
      value += numbers[i] << (8 * (3 - i));
    }
    byte[] bytes = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    return Optional.of((Inet4Address) InetAddresses.fromBytes(bytes));
  }

  private static boolean endsInNumber(String last) {
    if (!last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return true;
    }
    return number(last).isPresent();
  }

  /** One part: 0x-prefixed hex, 0-prefixed octal or decimal; empty when it is none of them. */
  private static Optional<Long> number(String part) {
    String digits = part;
    int radix = 10;
    if (digits.length() >= 2 && (digits.startsWith("0x") || digits.startsWith("0X"))) {
      digits = digits.substring(2);
      radix = 16;
    } else if (digits.length() >= 2 && digits.charAt(0) == '0') {
      digits = digits.substring(1);
      radix = 8;
    }
    if (digits.isEmpty()) {
      return Optional.of(0L);
    }
    final int r = radix;
    if (!digits.chars().allMatch(c -> Character.digit(c, r) >= 0)) {
      return Optional.empty();
    }
    // Anything longer than 32 bits is out of range anyway; cap to avoid overflow.
    if (digits.length() > 12) {
      return Optional.of(Long.MAX_VALUE >>> 1);
    }
    return Optional.of(Long.parseLong(digits, radix));
  }

  private static IllegalArgumentException invalid(String host, String why) {
    return new IllegalArgumentException(
        "'" + host + "' ends in a number but is no IPv4 address: " + why);
  }
}
