package dev.orbweaver.scrape.changetracking;

import java.util.Optional;

/** The diff surfaces a caller asks for: a Markdown diff, per-field JSON changes, or both. */
public enum Mode {
  GIT_DIFF,
  JSON;

  /**
   * CRW spells them {@code gitDiff} and {@code json}; Firecrawl v2 spells the first {@code
   * git-diff}.
   */
  public static Optional<Mode> of(String wire) {
    return switch (wire) {
      case "gitDiff", "git-diff" -> Optional.of(GIT_DIFF);
      case "json" -> Optional.of(JSON);
      default -> Optional.empty();
    };
  }
}
