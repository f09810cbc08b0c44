package dev.orbweaver.gateway.console.session;

/** A state-changing request without the session's CSRF token: 403. */
public class CsrfRefused extends RuntimeException {
  public CsrfRefused() {
    super("csrf token missing or wrong", null, false, false);
  }
}
