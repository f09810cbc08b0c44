package dev.orbweaver.scrape.fetch;

import dev.orbweaver.common.error.ApiException;
import dev.orbweaver.common.error.ErrorKind;
import dev.orbweaver.fetch.http.FetchException;
import java.util.Map;

/**
 * Turns a fetch that produced no response into the error a client sees, keeping libs/fetch's typed
 * reason as the error code ({@code dns}, {@code timeout}, {@code blocked_by_robots}, …) so that a
 * caller can tell a dead host from a refused one.
 */
public final class FetchFailures {
  private FetchFailures() {}

  /**
   * @param field the request field that named the URL, for validation messages
   */
  public static ApiException toApi(FetchException e, String field) {
    String code = e.kind().code();
    return switch (e.kind()) {
      case INVALID_URL, UNSUPPORTED_SCHEME ->
          new ApiException(
              ErrorKind.VALIDATION,
              code,
              "Invalid value for field '" + field + "': " + e.getMessage(),
              Map.of());
      case INVALID_REQUEST ->
          new ApiException(
              ErrorKind.VALIDATION,
              code,
              "Invalid value for field 'headers': " + e.getMessage(),
              Map.of());
      case BLOCKED_PRIVATE_ADDRESS, BLOCKED_BY_ROBOTS ->
          new ApiException(ErrorKind.FORBIDDEN, code, e.getMessage(), Map.of());
      case CANCELLED -> new ApiException(ErrorKind.UNAVAILABLE, code, e.getMessage(), Map.of());
      // The target site (or the proxy in front of it) is the upstream that failed.
      case DNS, CONNECT, TLS, TIMEOUT, TOO_LARGE, TOO_MANY_REDIRECTS, PROXY, PROTOCOL ->
          new ApiException(ErrorKind.BAD_GATEWAY, code, e.getMessage(), Map.of());
    };
  }
}
