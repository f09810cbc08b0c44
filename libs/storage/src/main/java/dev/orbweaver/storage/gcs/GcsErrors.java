package dev.orbweaver.storage.gcs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.orbweaver.fetch.guard.BlockedAddressException;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectStoreException.Kind;
import java.io.IOException;

/**
 * GCS's and the token endpoint's error bodies in their own words: {@code "forbidden: … does not
 * have storage.objects.create access"}, {@code "invalid_grant: Invalid JWT Signature."}. The
 * credentials travel in headers and the request body, never in what an error message quotes.
 */
final class GcsErrors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 500;

  /** The token endpoint refused the assertion ({@code {"error", "error_description"}}). */
  ObjectStoreException tokenRefused(int status, String body) {
    String message = "HTTP " + status;
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.path("error").isTextual()) {
        message = json.get("error").asText();
        if (json.path("error_description").isTextual()) {
          message += ": " + json.get("error_description").asText();
        }
      }
    } catch (IOException notJson) {
      // keep the status
    }
    Kind kind =
        status >= 500
            ? Kind.STORE_ERROR
            : status == 429 ? Kind.STORE_ERROR : Kind.INVALID_CREDENTIALS;
    return new ObjectStoreException(kind, status, "token endpoint: " + clip(message));
  }

  /** The JSON API's error ({@code {"error": {"code", "message", "errors": [{"reason"}]}}}). */
  ObjectStoreException apiError(int status, String body) {
    String reason = null;
    String message = null;
    try {
      JsonNode error = JSON.readTree(body).path("error");
      if (error.path("message").isTextual()) {
        message = error.get("message").asText();
      }
      JsonNode first = error.path("errors").path(0);
      if (first.path("reason").isTextual()) {
        reason = first.get("reason").asText();
      }
    } catch (IOException | NullPointerException notJson) {
      // keep the status
    }
    String text =
        (reason == null ? "HTTP " + status : reason) + (message == null ? "" : ": " + message);
    return new ObjectStoreException(kindOf(status, message), status, clip(text));
  }

  ObjectStoreException io(String what, IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlockedAddressException blocked) {
        return new ObjectStoreException(Kind.BLOCKED_ADDRESS, 0, blocked.getMessage());
      }
    }
    return new ObjectStoreException(Kind.UNREACHABLE, 0, clip(what + ": " + e.getMessage()), e);
  }

  private static Kind kindOf(int status, String message) {
    return switch (status) {
      case 401 -> Kind.INVALID_CREDENTIALS;
      case 403 -> Kind.ACCESS_DENIED;
      case 404 ->
          message != null && message.contains("bucket does not exist")
              ? Kind.NO_SUCH_BUCKET
              : Kind.NOT_FOUND;
      case 408, 429 -> Kind.STORE_ERROR;
      default -> status >= 400 && status < 500 ? Kind.INVALID_REQUEST : Kind.STORE_ERROR;
    };
  }

  private static String clip(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
  }
}
