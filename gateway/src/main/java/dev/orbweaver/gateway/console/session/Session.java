package dev.orbweaver.gateway.console.session;

import java.time.Instant;

/**
 * A signed-in browser: who it is (a customer's API key, or the operator's admin token), the
 * credential the console calls the public API with, and the session's CSRF token.
 */
public record Session(
    String id,
    Kind kind,
    String credential,
    String csrf,
    long accountId,
    String plan,
    Instant createdAt) {

  public enum Kind {
    /** A customer signed in with one of their API keys. */
    USER,
    /** The platform's operator, signed in with the admin token. */
    OPERATOR
  }

  public boolean operator() {
    return kind == Kind.OPERATOR;
  }

  @Override
  public String toString() {
    return "Session[" + kind + ", account " + accountId + "]"; // never the credential
  }
}
