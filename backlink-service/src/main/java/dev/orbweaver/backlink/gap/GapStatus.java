package dev.orbweaver.backlink.gap;

import java.util.Locale;

/** A gap job's life: queued, running (with progress), then completed or failed, exactly once. */
public enum GapStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED;

  /** The word the database and the API use. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static GapStatus of(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
