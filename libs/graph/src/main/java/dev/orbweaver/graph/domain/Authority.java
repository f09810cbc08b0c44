package dev.orbweaver.graph.domain;

/**
 * {@code cg_authority}: a 0–100 percentile of a domain's harmonic-centrality position on a log
 * scale, so that the top of a power-law ranking is spread out and the long tail compressed. The
 * first position is 100, the last one 0.
 */
public final class Authority {
  /** What a vertex missing from the ranks file has: no authority (the API's null). */
  public static final int NONE = -1;

  private Authority() {}

  /**
   * @param position the 1-based harmonic-centrality position
   * @param lastPosition the largest position in the ranks file
   */
  public static int of(long position, long lastPosition) {
    if (position <= 0) {
      return NONE;
    }
    if (lastPosition <= 1 || position == 1) {
      return 100;
    }
    double fraction = Math.log(Math.min(position, lastPosition)) / Math.log(lastPosition);
    return (int) Math.round(100.0 * (1.0 - fraction));
  }
}
