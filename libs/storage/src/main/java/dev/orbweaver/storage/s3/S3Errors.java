package dev.orbweaver.storage.s3;

import dev.orbweaver.fetch.guard.BlockedAddressException;
import dev.orbweaver.storage.ObjectStoreException;
import dev.orbweaver.storage.ObjectStoreException.Kind;
import dev.orbweaver.storage.Redaction;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The SDK's exceptions in the store's own words ({@code "SignatureDoesNotMatch: …"}), scrubbed of
 * the credentials. A service error's SDK exception is not kept as the cause: its message is fully
 * rendered here, and what it wraps is the SDK's, not ours to vouch for.
 */
final class S3Errors {

  private static final Set<String> CREDENTIAL_CODES =
      Set.of(
          "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "InvalidToken",
          "ExpiredToken",
          "TokenRefreshRequired",
          "AuthorizationHeaderMalformed",
          "InvalidSecurity");

  private final Redaction redaction;

  S3Errors(Redaction redaction) {
    this.redaction = redaction;
  }

  ObjectStoreException notFound(AwsServiceException e) {
    return new ObjectStoreException(Kind.NOT_FOUND, e.statusCode(), describe(e));
  }

  ObjectStoreException deleteFailed(String key, String code, String message) {
    return new ObjectStoreException(
        Kind.STORE_ERROR, 200, redaction.apply(code + ": " + message + " (deleting " + key + ")"));
  }

  ObjectStoreException translate(RuntimeException e) {
    if (e instanceof ObjectStoreException already) {
      return already;
    }
    if (e instanceof AwsServiceException service) {
      return new ObjectStoreException(kindOf(service), service.statusCode(), describe(service));
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BlockedAddressException blocked) {
        return new ObjectStoreException(Kind.BLOCKED_ADDRESS, 0, blocked.getMessage());
      }
    }
    if (e instanceof SdkClientException client) {
      return new ObjectStoreException(
          Kind.UNREACHABLE, 0, redaction.apply(client.getMessage()), client);
    }
    return new ObjectStoreException(Kind.STORE_ERROR, 0, redaction.apply(e.toString()), e);
  }

  private static Kind kindOf(AwsServiceException e) {
    String code = code(e);
    int status = e.statusCode();
    if ("NoSuchKey".equals(code) || (status == 404 && code == null)) {
      return Kind.NOT_FOUND;
    }
    if ("NoSuchBucket".equals(code)) {
      return Kind.NO_SUCH_BUCKET;
    }
    if (code != null && CREDENTIAL_CODES.contains(code)) {
      return Kind.INVALID_CREDENTIALS;
    }
    if (status == 403 || "AccessDenied".equals(code)) {
      return Kind.ACCESS_DENIED;
    }
    if (status == 404) {
      return Kind.NOT_FOUND;
    }
    if (status >= 400 && status < 500 && status != 408 && status != 429) {
      return Kind.INVALID_REQUEST;
    }
    return Kind.STORE_ERROR;
  }

  private String describe(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = code(e);
    String message = details == null ? null : details.errorMessage();
    String text =
        (code == null ? "HTTP " + e.statusCode() : code)
            + (message == null || message.isBlank() ? "" : ": " + message);
    return redaction.apply(text);
  }

  private static String code(AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    return details == null || details.errorCode() == null || details.errorCode().isBlank()
        ? null
        : details.errorCode();
  }
}
