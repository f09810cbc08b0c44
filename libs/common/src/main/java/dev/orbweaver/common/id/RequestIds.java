package dev.orbweaver.common.id;

import java.util.regex.Pattern;

/** The {@code X-Request-ID} every response carries: echoed when the client sent a sane one. */
public final class RequestIds {
  public static final String HEADER = "X-Request-ID";

  /** Mapped diagnostic context key, so that JSON logs carry the request id. */
  public static final String MDC_KEY = "request_id";

  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

  private RequestIds() {}

  /** Request ids identify, they do not protect: a fast non-cryptographic source is enough. */
  public static String generate() {
    return "req_"
        + java.util.HexFormat.of()
            .toHexDigits(java.util.concurrent.ThreadLocalRandom.current().nextLong());
  }

  /**
   * The client's id when it is printable and short, else a fresh one; never echoes header
   * injection.
   */
  public static String acceptOrGenerate(String incoming) {
    return incoming != null && SANE.matcher(incoming).matches() ? incoming : generate();
  }
}
