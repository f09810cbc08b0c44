package dev.orbweaver.scrape.render.cdp;

/** A DevTools command that failed: an error answer, a timeout, or a connection that is gone. */
public class CdpException extends Exception {
  private final boolean connectionLost;

  public CdpException(String message, boolean connectionLost) {
    super(message);
    this.connectionLost = connectionLost;
  }

  /** True when the browser's connection closed (the browser crashed or was killed). */
  public boolean connectionLost() {
    return connectionLost;
  }
}
