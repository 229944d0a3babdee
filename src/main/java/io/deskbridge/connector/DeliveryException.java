package io.deskbridge.connector;

import java.time.Duration;

/**
 * The destination did not take a change. A transient failure is retried with backoff (or after the
 * destination's own {@code retryAfter}); a permanent one is parked as a dead letter at once; a
 * deferred one was never tried (the connector held it back, say behind an open circuit breaker) and
 * is tried again after the wait without using up one of its attempts.
 */
public class DeliveryException extends Exception {

  private final boolean permanent;
  private final Duration retryAfter;
  private final boolean deferred;

  private DeliveryException(
      String reason, boolean permanent, Duration retryAfter, boolean deferred, Throwable cause) {
    super(reason, cause);
    this.permanent = permanent;
    this.retryAfter = retryAfter;
    this.deferred = deferred;
  }

  public static DeliveryException transientFailure(String reason, Throwable cause) {
    return new DeliveryException(reason, false, null, false, cause);
  }

  public static DeliveryException retryAfter(String reason, Duration retryAfter) {
    return new DeliveryException(reason, false, retryAfter, false, null);
  }

  /** The change was held back without reaching the destination; try again after the wait. */
  public static DeliveryException deferred(String reason, Duration wait) {
    return new DeliveryException(reason, false, wait, true, null);
  }

  public static DeliveryException permanent(String reason) {
    return new DeliveryException(reason, true, null, false, null);
  }

  /** Whether the change never reached the destination, so the attempt does not count. */
  public boolean deferred() {
    return deferred;
  }

  public boolean permanent() {
    return permanent;
  }

  /** How long the destination asked us to wait, or null to use the retry policy. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
