package dev.orbweaver.graph.domain;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A domain as the graph names it: lower case, ASCII (IDN in punycode), without a trailing dot or a
 * {@code www.} prefix. Common Crawl's files store it reversed ({@code com.example}); callers write
 * it forwards ({@code example.com}).
 */
public record DomainName(String name) {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TOP_LABEL = Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");

  public DomainName {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a domain is required");
    }
  }

  /**
   * Normalizes what a caller typed: case, surrounding blanks, a trailing dot, a {@code www.}
   * prefix, Unicode labels to punycode.
   *
   * @throws IllegalArgumentException with a message fit for the caller when it is not a domain
   */
  public static DomainName parse(String input) {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("a domain is required");
    }
    String candidate = input.strip();
    if (candidate.contains("://") || candidate.contains("/") || candidate.contains(":")) {
      throw new IllegalArgumentException(
          "'" + input + "' is not a domain name: give a bare domain such as example.com");
    }
    if (candidate.endsWith(".")) {
      candidate = candidate.substring(0, candidate.length() - 1);
    }
    String ascii;
    try {
      ascii = IDN.toASCII(candidate, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + input + "' is not a valid domain name");
    }
    if (ascii.startsWith("www.") && ascii.indexOf('.', 4) > 0) {
      ascii = ascii.substring(4);
    }
    if (!isWellFormed(ascii)) {
      throw new IllegalArgumentException("'" + input + "' is not a valid domain name");
    }
    return new DomainName(ascii);
  }

  /**
   * A name read back from the graph's reversed form, {@code com.example} to {@code example.com}.
   */
  public static DomainName fromReversed(String reversed) {
    return new DomainName(flip(reversed));
  }

  static boolean isWellFormed(String ascii) {
    if (ascii.length() > 253) {
      return false;
    }
    String[] labels = ascii.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return TOP_LABEL.matcher(labels[labels.length - 1]).matches();
  }

  /** The form Common Crawl's files use: labels in reverse order. */
  public String reversed() {
    return flip(name);
  }

  public byte[] reversedBytes() {
    return reversed().getBytes(StandardCharsets.US_ASCII);
  }

  /** The top-level label, as the CrawlGraph API reports it ({@code uk} for {@code bbc.co.uk}). */
  public String tld() {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** Turns {@code a.b.c} into {@code c.b.a}; its own inverse. */
  public static String flip(String dotted) {
    int dot = dotted.indexOf('.');
    if (dot < 0) {
      return dotted;
    }
    StringBuilder out = new StringBuilder(dotted.length());
    int end = dotted.length();
    for (int i = dotted.length() - 1; i >= 0; i--) {
      if (dotted.charAt(i) == '.') {
        out.append(dotted, i + 1, end).append('.');
        end = i;
      }
    }
    return out.append(dotted, 0, end).toString();
  }

  /** {@link #flip(String)} of an ASCII name given as bytes, without an intermediate string. */
  public static String flip(byte[] dotted) {
    return new String(flipBytes(dotted), StandardCharsets.US_ASCII);
  }

  /** {@link #flip(byte[])} as bytes: the labels of a dotted name in reverse order. */
  public static byte[] flipBytes(byte[] dotted) {
    byte[] out = new byte[dotted.length];
    int to = 0;
    int end = dotted.length;
    for (int i = dotted.length - 1; i >= 0; i--) {
      if (dotted[i] == '.') {
        System.arraycopy(dotted, i + 1, out, to, end - i - 1);
        to += end - i - 1;
        out[to++] = '.';
        end = i;
      }
    }
    System.arraycopy(dotted, 0, out, to, end);
    return out;
  }

  @Override
  public String toString() {
    return name;
  }
}
