package io.deskbridge.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The signatures already accepted, in the store rather than in memory, so that a captured request
 * is refused after a restart and by every instance sharing the database.
 */
public class SignatureReplays {

  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final AtomicReference<Instant> lastPrune;

  public SignatureReplays(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.lastPrune = new AtomicReference<>(clock.instant().minus(PRUNE_EVERY));
  }

  /**
   * Records a signature's first use.
   *
   * @return false when the partner used the same signature before and it has not expired
   */
  public boolean firstUse(String partnerId, String signature, Instant expires, Instant now) {
    prune(now);
    try {
      jdbc.sql(
              "INSERT INTO request_signature (partner_id, signature, expires_at)"
                  + " VALUES (:partner, :signature, :expires)")
          .param("partner", partnerId)
          .param("signature", signature)
          .param("expires", expires.atOffset(ZoneOffset.UTC))
          .update();
      return true;
    } catch (DuplicateKeyException seen) {
      return false;
    }
  }

  /** Deletes expired signatures, at most once a minute: they can no longer pass as fresh. */
  void prune(Instant now) {
    Instant last = lastPrune.get();
    if (now.isBefore(last.plus(PRUNE_EVERY)) || !lastPrune.compareAndSet(last, now)) {
      return;
    }
    jdbc.sql("DELETE FROM request_signature WHERE expires_at < :now")
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** How many signatures are kept, for tests and metrics. */
  public long size() {
    return jdbc.sql("SELECT COUNT(*) FROM request_signature").query(Long.class).single();
  }
}
