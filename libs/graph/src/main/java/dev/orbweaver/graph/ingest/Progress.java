package dev.orbweaver.graph.ingest;

/**
 * Where long-running work reports how far it got. Phases are coarse steps ("vertices", "edges",
 * "compress", "commit"); within a phase, {@code done} counts bytes or items towards {@code total}.
 */
public interface Progress {
  Progress NONE = new Progress() {};

  /** A new phase begins; {@code total} is -1 when unknown. */
  default void phase(String name, long total, String unit) {}

  /** How far the current phase got. */
  default void update(long done, long records) {}

  /** The current phase finished with this summary. */
  default void finish(String summary) {}
}
