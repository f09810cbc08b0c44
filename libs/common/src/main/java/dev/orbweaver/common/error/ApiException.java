package dev.orbweaver.common.error;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error a service reports to its caller. The resource's dialect turns it into the right envelope
 * and status; a custom {@code code} overrides the dialect's code where a seed names a specific one
 * (e.g. CRW's {@code search_disabled}).
 */
public class ApiException extends RuntimeException {
  private final ErrorKind kind;
  private final String code;
  private final Map<String, JsonNode> details;

  public ApiException(ErrorKind kind, String message) {
    this(kind, null, message, Map.of());
  }

  public ApiException(ErrorKind kind, String code, String message, Map<String, JsonNode> details) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
    this.details = new LinkedHashMap<>(details);
  }

  public static ApiException validation(String message) {
    return new ApiException(ErrorKind.VALIDATION, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(ErrorKind.NOT_FOUND, message);
  }

  public ErrorKind kind() {
    return kind;
  }

  /** A code that overrides the dialect's default for {@link #kind()}, or null. */
  public String code() {
    return code;
  }

  /** Extra top-level fields for the error body. */
  public Map<String, JsonNode> details() {
    return details;
  }
}
