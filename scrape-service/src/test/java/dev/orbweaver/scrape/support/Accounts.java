package dev.orbweaver.scrape.support;

import java.util.concurrent.ThreadLocalRandom;

/** Account ids for tests whose data outlives the run (snapshots, index, batch jobs). */
public final class Accounts {
  private Accounts() {}

  /** An account id no earlier run used (with overwhelming likelihood). */
  public static long fresh() {
    return ThreadLocalRandom.current().nextLong(10_000_000L, 9_000_000_000_000L);
  }
}
