package dev.orbweaver.scrape.changetracking;

import java.time.Duration;

/**
 * How much work a request's line diffs may do: an exact (Myers) diff of one region stops past
 * {@code maxEdits} differing lines, and no exact diff starts after the deadline. What is left is
 * diffed coarsely, in linear time (see {@link LineDiff}). One budget serves a whole request, so a
 * batch of diffs shares one deadline.
 *
 * @param maxEdits the edit distance past which an exact diff of one region is abandoned
 * @param deadline a {@link System#nanoTime()} value
 */
public record DiffBudget(int maxEdits, long deadline) {
  /** What a diff gets when its caller names no budget: generous for a page, bounded for abuse. */
  public static final int DEFAULT_MAX_EDITS = 1000;

  public static final Duration DEFAULT_TIME = Duration.ofSeconds(1);

  public static DiffBudget startingNow(int maxEdits, Duration time) {
    return new DiffBudget(maxEdits, System.nanoTime() + time.toNanos());
  }

  public static DiffBudget standard() {
    return startingNow(DEFAULT_MAX_EDITS, DEFAULT_TIME);
  }

  boolean spent() {
    return System.nanoTime() - deadline >= 0;
  }
}
