package dev.orbweaver.gateway.auth;

import io.vertx.core.MultiMap;

/** Where clients put their key: {@code Authorization: Bearer …} or AlterLab's {@code X-API-Key}. */
public final class ApiKeyHeaders {
  private ApiKeyHeaders() {}

  /** The presented key, or null when none is presented in a usable shape. */
  public static String presented(MultiMap headers) {
    String apiKey = headers.get("X-API-Key");
    if (apiKey != null && !apiKey.isBlank()) {
      return apiKey.strip();
    }
    String authorization = headers.get("Authorization");
    if (authorization != null
        && authorization.length() > 7
        && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = authorization.substring(7).strip();
      return key.isEmpty() ? null : key;
    }
    return null;
  }
}
