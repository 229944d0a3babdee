package io.deskbridge.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Waits between delivery attempts grow exponentially, stay under the cap, and spread by jitter. */
class RetryPolicyTest {

  @Test
  void withoutJitterEachWaitDoublesUntilTheCap() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(2), Duration.ofSeconds(20), 0);

    assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(policy.backoff(5)).isEqualTo(Duration.ofSeconds(20));
    assertThat(policy.backoff(60)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void jitterShortensWaitsWithinItsShareAndSpreadsThem() {
    RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(8), Duration.ofMinutes(1), 0.5);

    java.util.Set<Duration> seen = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      Duration wait = policy.backoff(1);
      assertThat(wait).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
      seen.add(wait);
    }
    assertThat(seen).hasSizeGreaterThan(10);
  }

  @Test
  void retriesStopAtTheConfiguredNumberOfAttempts() {
    RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5), 0);

    assertThat(policy.mayRetry(2)).isTrue();
    assertThat(policy.mayRetry(3)).isFalse();
  }

  @Test
  void nonsenseSettingsAreRefusedByName() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
        .hasMessageContaining("deskbridge.outbox.max-attempts");
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
        .hasMessageContaining("deskbridge.outbox.jitter");
  }
}
