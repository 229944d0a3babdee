package io.deskbridge.connector;

import java.time.Duration;

/**
 * The destination did not take a change. A transient failure is retried with backoff (or after the
 * destination's own {@code retryAfter}); a permanent one is parked as a dead letter at once.
 */
public class DeliveryException extends Exception {

  private final boolean permanent;
  private final Duration retryAfter;

  private DeliveryException(
      String reason, boolean permanent, Duration retryAfter, Throwable cause) {
    super(reason, cause);
    this.permanent = permanent;
    this.retryAfter = retryAfter;
  }

  public static DeliveryException transientFailure(String reason, Throwable cause) {
    return new DeliveryException(reason, false, null, cause);
  }

  public static DeliveryException retryAfter(String reason, Duration retryAfter) {
    return new DeliveryException(reason, false, retryAfter, null);
  }

  public static DeliveryException permanent(String reason) {
    return new DeliveryException(reason, true, null, null);
  }

  public boolean permanent() {
    return permanent;
  }

  /** How long the destination asked us to wait, or null to use the retry policy. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
