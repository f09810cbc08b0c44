package dev.orbweaver.common.principal;

/** Claim names of Orbweaver's internal JWT, in one place for the issuer and every verifier. */
public final class Claims {
  public static final String ISSUER = "orbweaver";

  /** Standard subject: the account id, or {@code service:<name>} for service tokens. */
  public static final String ACCOUNT = "sub";

  public static final String PROJECT = "pid";
  public static final String KEY_ID = "key_id";
  public static final String PLAN = "plan";

  /** MicroProfile JWT's role claim. */
  public static final String ROLES = "groups";

  public static final String SERVICE_SUBJECT_PREFIX = "service:";

  private Claims() {}
}
