package dev.orbweaver.storage;

/**
 * The one failure of an {@link ObjectStore}: what kind it is, and the store's own words ({@code
 * "SignatureDoesNotMatch: The request signature we calculated does not match…"}, {@code
 * "invalid_grant: Invalid JWT Signature."}). Messages never carry a credential: the stores are
 * built to scrub their access and secret keys out of anything they wrap.
 */
public final class ObjectStoreException extends RuntimeException {

  /** What went wrong, in the words a caller decides on (retry, report, give up). */
  public enum Kind {
    /** No object under the key. */
    NOT_FOUND,
    /** The bucket does not exist. */
    NO_SUCH_BUCKET,
    /** The credentials were refused (unknown key, bad signature, bad service account). */
    INVALID_CREDENTIALS,
    /** The credentials are valid but may not do this. */
    ACCESS_DENIED,
    /** The endpoint is an address the SSRF guard refuses. */
    BLOCKED_ADDRESS,
    /** The store could not be reached or did not answer in time. */
    UNREACHABLE,
    /** The request was refused as malformed (a key too long, an expiry out of range). */
    INVALID_REQUEST,
    /** Anything else the store answered with, usually a 5xx; worth a retry. */
    STORE_ERROR
  }

  private final Kind kind;
  private final int status;

  public ObjectStoreException(Kind kind, int status, String message) {
    super(message);
    this.kind = kind;
    this.status = status;
  }

  public ObjectStoreException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status the store answered with, or 0 when it did not answer. */
  public int status() {
    return status;
  }

  /** True for failures that may pass on their own: unreachable, 5xx, throttling. */
  public boolean retryable() {
    return kind == Kind.UNREACHABLE || kind == Kind.STORE_ERROR;
  }
}
