package dev.orbweaver.fetch.proxy;

import java.io.IOException;

/** A proxy that answered, but not with a connection to the target. */
public final class ProxyException extends IOException {

  /** Whose fault it is: the proxy's, or the target's as the proxy reports it. */
  public enum Reason {
    /** The proxy refused us (authentication, policy) or does not speak the protocol. */
    PROXY_REFUSED,
    /** The proxy could not reach the target (refused, unreachable). */
    TARGET_UNREACHABLE,
    /** The proxy gave up waiting for the target. */
    TARGET_TIMEOUT
  }

  private final Reason reason;

  public ProxyException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
