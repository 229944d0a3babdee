package io.deskbridge.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how far apart a delivery is tried: exponential backoff from {@code initialBackoff},
 * doubled per attempt up to {@code maxBackoff}, each wait shortened by a random share of up to
 * {@code jitter} so that retries of many rows do not arrive at a partner in step.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("deskbridge.outbox.max-attempts must be at least 1");
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("deskbridge.outbox.jitter must be in [0, 1)");
    }
  }

  /** Whether a row that has now failed {@code attemptsMade} times may be tried again. */
  public boolean mayRetry(int attemptsMade) {
    return attemptsMade < maxAttempts;
  }

  /** The wait before attempt {@code attemptsMade + 1}. */
  public Duration backoff(int attemptsMade) {
    int exponent = Math.min(Math.max(attemptsMade - 1, 0), 30);
    long millis = initialBackoff.toMillis() << exponent;
    if (millis <= 0 || millis > maxBackoff.toMillis()) {
      millis = maxBackoff.toMillis();
    }
    double cut = jitter == 0 ? 0 : ThreadLocalRandom.current().nextDouble(jitter);
    return Duration.ofMillis(Math.max(1, Math.round(millis * (1 - cut))));
  }
}
