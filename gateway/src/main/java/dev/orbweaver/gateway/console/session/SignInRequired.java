package dev.orbweaver.gateway.console.session;

/** No live session (never signed in, expired, signed out, or its key revoked): sign in again. */
public class SignInRequired extends RuntimeException {
  private final boolean htmx;

  public SignInRequired(boolean htmx) {
    super("sign-in required", null, false, false);
    this.htmx = htmx;
  }

  public boolean htmx() {
    return htmx;
  }
}
