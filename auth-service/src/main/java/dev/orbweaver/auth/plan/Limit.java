package dev.orbweaver.auth.plan;

/** A limit that may be unlimited ({@code max == null}). */
public record Limit(Long max) {
  public static final Limit UNLIMITED = new Limit(null);

  public boolean unlimited() {
    return max == null;
  }

  /** Whether {@code wanted} more fit on top of {@code taken}. */
  public boolean allows(long taken, long wanted) {
    return max == null || taken + wanted <= max;
  }

  /** What is left after {@code taken}, or null when unlimited. */
  public Long remaining(long taken) {
    return max == null ? null : Math.max(0, max - taken);
  }
}
