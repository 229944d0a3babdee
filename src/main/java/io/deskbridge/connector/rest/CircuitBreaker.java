package io.deskbridge.connector.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops calling a partner's API for a cool-down after a run of failed calls, so that an unreachable
 * partner costs a fast refusal instead of a timeout per change. After the cool-down one call is let
 * through, the probe; if it fails too the breaker opens again at once.
 */
final class CircuitBreaker {

  private final int threshold;
  private final Duration coolDown;
  private final Clock clock;
  private int consecutiveFailures;
  private Instant openUntil;

  CircuitBreaker(int threshold, Duration coolDown, Clock clock) {
    this.threshold = threshold;
    this.coolDown = coolDown;
    this.clock = clock;
  }

  /** How long calls stay refused, or empty when a call may go out. */
  synchronized Optional<Duration> remainingCoolDown() {
    if (openUntil == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), openUntil);
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  /** Whether the failures so far opened the breaker, so the next call out is a probe. */
  synchronized boolean tripped() {
    return consecutiveFailures >= threshold;
  }

  synchronized void succeeded() {
    consecutiveFailures = 0;
    openUntil = null;
  }

  synchronized void failed() {
    consecutiveFailures++;
    if (consecutiveFailures >= threshold) {
      openUntil = clock.instant().plus(coolDown);
    }
  }
}
