package dev.orbweaver.fetch.http;

/** A fetch that produced no response, with the kind that says why and the URL it failed on. */
public final class FetchException extends Exception {

  private final FailureKind kind;
  private final String url;

  public FetchException(FailureKind kind, String url, String message) {
    this(kind, url, message, null);
  }

  public FetchException(FailureKind kind, String url, String message, Throwable cause) {
    super(kind.code() + ": " + message + " (" + url + ")", cause);
    this.kind = kind;
    this.url = url;
  }

  public FailureKind kind() {
    return kind;
  }

  /** The URL of the hop that failed, which after redirects is not the one asked for. */
  public String url() {
    return url;
  }
}
