package dev.orbweaver.common.web;

/**
 * An answer that repeats an earlier one for the same idempotency key says so in a header: the
 * client learns its retry started nothing new, and the gateway refunds the call's quota instead of
 * charging a second time for work done once.
 */
public final class Replays {
  /** Set to {@code true} on a replayed answer (the name Stripe's clients already know). */
  public static final String HEADER = "Idempotent-Replayed";

  private Replays() {}

  /** Whether a service's answer carries the header with {@code true}. */
  public static boolean replayed(String headerValue) {
    return headerValue != null && headerValue.trim().equalsIgnoreCase("true");
  }
}
