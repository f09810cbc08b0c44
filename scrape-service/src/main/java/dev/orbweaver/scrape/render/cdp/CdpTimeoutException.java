package dev.orbweaver.scrape.render.cdp;

/** A DevTools command that got no answer in time. */
public final class CdpTimeoutException extends CdpException {
  public CdpTimeoutException(String method) {
    super(method + " got no answer in time", false);
  }
}
