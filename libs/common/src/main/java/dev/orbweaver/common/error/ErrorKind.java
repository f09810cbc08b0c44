package dev.orbweaver.common.error;

/**
 * What went wrong, in Orbweaver's own words. Each wire dialect maps a kind onto its own status code
 * and error code at the edge (see {@link Dialect}); nothing inside a service speaks a dialect's
 * codes.
 */
public enum ErrorKind {
  /** No credentials, or credentials in the wrong shape. */
  AUTH_MISSING,
  /** Credentials present but unknown, revoked, expired or of a disabled account. */
  AUTH_INVALID,
  /** Authenticated, but this caller may not do this (admin-only, service-only). */
  FORBIDDEN,
  /** The request body or query failed validation. */
  VALIDATION,
  /** The resource does not exist or belongs to another tenant. */
  NOT_FOUND,
  /**
   * The request conflicts with current state (e.g. an idempotency key reused with another body).
   */
  CONFLICT,
  /** Not enough credits for the work asked for. */
  INSUFFICIENT_CREDITS,
  /** A monthly quota is spent. */
  QUOTA_EXCEEDED,
  /** The IP burst limiter refused the call. */
  RATE_LIMITED,
  /** Too many concurrent runs of something (e.g. crawls) for this account. */
  CONCURRENCY_LIMIT,
  /** A feature that is switched off in this installation (e.g. web search without a backend). */
  DISABLED,
  /** An upstream that Orbweaver depends on answered badly. */
  BAD_GATEWAY,
  /** Orbweaver or one of its dependencies is not available right now. */
  UNAVAILABLE,
  /** A bug: quote the request id. */
  INTERNAL
}
