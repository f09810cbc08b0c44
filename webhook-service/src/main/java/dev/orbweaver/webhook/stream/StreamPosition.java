package dev.orbweaver.webhook.stream;

/**
 * Where an entry sits in the Redis Stream: its id {@code <ms>-<seq>}, which Redis hands out in
 * increasing order. Events are delivered to a {@code stream} subscription in this order.
 */
public record StreamPosition(long ms, long seq) implements Comparable<StreamPosition> {
  /** Before every entry. */
  public static final StreamPosition START = new StreamPosition(0, 0);

  /** After every entry. */
  public static final StreamPosition END = new StreamPosition(Long.MAX_VALUE, Long.MAX_VALUE);

  /** Parses a stream entry id such as {@code 1795373630307-0}. */
  public static StreamPosition of(String entryId) {
    int dash = entryId.indexOf('-');
    if (dash < 0) {
      return new StreamPosition(Long.parseLong(entryId), 0);
    }
    return new StreamPosition(
        Long.parseLong(entryId.substring(0, dash)), Long.parseLong(entryId.substring(dash + 1)));
  }

  public static StreamPosition min(StreamPosition a, StreamPosition b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  public static StreamPosition max(StreamPosition a, StreamPosition b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public int compareTo(StreamPosition other) {
    int byMs = Long.compare(ms, other.ms);
    return byMs != 0 ? byMs : Long.compare(seq, other.seq);
  }

  @Override
  public String toString() {
    return ms + "-" + seq;
  }
}
