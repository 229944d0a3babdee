package io.deskbridge.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system's time moved forward by as much as the test says, so a gateway can live through
 * minutes of retries and cool-downs while the test takes seconds; time still runs between jumps.
 */
public final class ShiftedClock extends Clock {

  private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

  public void advance(Duration by) {
    shift.accumulateAndGet(by, Duration::plus);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
