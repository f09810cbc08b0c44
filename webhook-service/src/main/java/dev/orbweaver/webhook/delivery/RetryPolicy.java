package dev.orbweaver.webhook.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * crawlcrawl's retry policy, for every style: 5 attempts in all, backoff 1 s, 2 s, 4 s, 8 s; 2xx
 * delivered; other 4xx (and redirects, which are not followed) dead at once; 5xx, timeouts and
 * network errors retried. A 429 or 503 with Retry-After waits as long as the receiver asks (up to
 * an hour) and counts as an attempt.
 */
public final class RetryPolicy {
  public static final int MAX_ATTEMPTS = 5;
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

  private RetryPolicy() {}

  /** What happens after an attempt. */
  public sealed interface Verdict {
    record Delivered() implements Verdict {}

    record Dead(String error) implements Verdict {}

    record Retry(Instant at, String error) implements Verdict {}
  }

  /**
   * @param attempt the attempt just made, 1-based
   * @param status the receiver's status, or empty after a network error or timeout
   */
  public static Verdict after(
      int attempt,
      Optional<Integer> status,
      Optional<Duration> retryAfter,
      String error,
      Instant now) {
    if (status.isPresent() && status.get() >= 200 && status.get() < 300) {
      return new Verdict.Delivered();
    }
    boolean retriable =
        status.isEmpty() || status.get() >= 500 || (status.get() == 429 && retryAfter.isPresent());
    if (!retriable) {
      return new Verdict.Dead(error);
    }
    if (attempt >= MAX_ATTEMPTS) {
      return new Verdict.Dead(error);
    }
    Duration wait = backoff(attempt);
    if (retryAfter.isPresent() && (status.get() == 429 || status.get() == 503)) {
      wait = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
    }
    return new Verdict.Retry(now.plus(wait), error);
  }

  /** 1 s after the first attempt, then 2 s, 4 s, 8 s. */
  static Duration backoff(int attempt) {
    return Duration.ofSeconds(1L << (attempt - 1));
  }
}
