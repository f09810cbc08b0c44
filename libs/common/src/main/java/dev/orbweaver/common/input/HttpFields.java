package dev.orbweaver.common.input;

import dev.orbweaver.common.error.ApiException;
import java.util.Map;

/**
 * Values a caller asks us to send in an HTTP request of ours (a crawl's or a scrape's headers,
 * cookies and user agent, a webhook's headers). They are checked when the request arrives, so that
 * a CR/LF or a name HTTP cannot carry is a 400 naming the field, not a failed fetch later or an
 * injected header.
 */
public final class HttpFields {
  /** Headers per request; real browsers send about 20. */
  public static final int MAX_HEADERS = 50;

  public static final int MAX_NAME = 256;
  public static final int MAX_VALUE = 8_192;
  public static final int MAX_USER_AGENT = 512;

  private HttpFields() {}

  /**
   * Each name a token (RFC 9110 tchar) and each value {@linkplain #headerValue sendable}; {@code
   * field} names the map, e.g. {@code headers} or {@code webhook.headers}.
   */
  public static void headers(String field, Map<String, String> headers) {
    if (headers == null) {
      return;
    }
    if (headers.size() > MAX_HEADERS) {
      throw invalid(field, "at most " + MAX_HEADERS + " headers");
    }
    headers.forEach(
        (name, value) -> {
          String at = field + "." + printable(name);
          if (name.isEmpty() || name.length() > MAX_NAME) {
            throw invalid(at, "a header name has 1 to " + MAX_NAME + " characters");
          }
          for (int i = 0; i < name.length(); i++) {
            if (!tchar(name.charAt(i))) {
              throw invalid(
                  at,
                  "a header name may hold letters, digits and !#$%&'*+-.^_`|~ only, not "
                      + describe(name.charAt(i)));
            }
          }
          if (value == null) {
            throw invalid(at, "must be a string");
          }
          headerValue(at, value, MAX_VALUE);
        });
  }

  /**
   * Visible ASCII, spaces and tabs: what HTTP/1.1 and our HTTP client carry. CR and LF would end
   * the header (or start a new one); non-ASCII has no agreed encoding in a header.
   */
  public static void headerValue(String field, String value, int maxLength) {
    if (value == null) {
      return;
    }
    if (value.length() > maxLength) {
      throw invalid(field, "at most " + maxLength + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c == '\t' || (c >= 0x20 && c < 0x7f))) {
        throw invalid(field, describe(c) + " cannot be sent in an HTTP header");
      }
    }
  }

  /** A Cookie header value, {@code name=value; name=value}. */
  public static void cookies(String field, String value) {
    headerValue(field, value, MAX_VALUE);
  }

  public static void userAgent(String field, String value) {
    headerValue(field, value, MAX_USER_AGENT);
  }

  private static boolean tchar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  private static String describe(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : ControlCharacters.codePoint(c);
  }

  /** A name as it may go into an error message: control characters spelled as code points. */
  private static String printable(String name) {
    StringBuilder out = new StringBuilder(Math.min(name.length(), 64));
    for (int i = 0; i < name.length() && i < 64; i++) {
      char c = name.charAt(i);
      out.append(c >= 0x20 && c != 0x7f ? String.valueOf(c) : ControlCharacters.codePoint(c));
    }
    return name.length() > 64 ? out + "…" : out.toString();
  }

  private static ApiException invalid(String field, String problem) {
    return ApiException.validation("Invalid value for field '" + field + "': " + problem);
  }
}
