package dev.orbweaver.fetch.http;

import java.util.Locale;

/** Why a fetch produced no response; each API maps these onto its own error codes. */
public enum FailureKind {
  /** The host name does not resolve. */
  DNS,
  /** No connection could be made (refused, unreachable) or it broke off mid-response. */
  CONNECT,
  /** The TLS handshake failed: untrusted or mismatched certificate, no common protocol. */
  TLS,
  /** The connect, read or total time limit ran out. */
  TIMEOUT,
  /** The body (compressed or decoded) is larger than the limit. */
  TOO_LARGE,
  /** More redirects than the limit. */
  TOO_MANY_REDIRECTS,
  /** robots.txt disallows the URL (or a redirect target) for our agent. */
  BLOCKED_BY_ROBOTS,
  /** The host is, or resolves to, an address the SSRF guard refuses. */
  BLOCKED_PRIVATE_ADDRESS,
  /** A scheme other than http and https, for the URL or a redirect target. */
  UNSUPPORTED_SCHEME,
  /** Not a URL, or a redirect to something that is not one. */
  INVALID_URL,
  /**
   * The proxy refused us: bad credentials, refused destination, or it does not speak its protocol.
   */
  PROXY,
  /** A header name or value that HTTP cannot carry. */
  INVALID_REQUEST,
  /** The server's answer is not valid HTTP, or its body does not decode as it claims. */
  PROTOCOL,
  /** The calling thread was interrupted. */
  CANCELLED;

  /** The snake_case code APIs report: {@code blocked_private_address}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
