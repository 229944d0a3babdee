package io.deskbridge.outbox;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What ops do with dead letters: list them, replay one (a delivery goes back to the head of its
 * lane with fresh attempts; rejected input goes back to its connector) or discard one (its lane
 * moves on).
 */
public class DeadLetters {

  /** The answer to a replay or discard. */
  public enum Outcome {
    DONE,
    NOT_FOUND,
    NOT_OPEN,
    NOT_REPLAYABLE,
    /**
     * Replayed, and it failed again; the dead letter stays open and {@link #lastFailure} says why.
     */
    FAILED_AGAIN
  }

  /** What a replay that failed again said, by dead letter id. */
  private final java.util.Map<Long, String> lastFailures =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final DeadLetterStore store;
  private final OutboxStore outbox;
  private final IntakeReplayer intakeReplayer;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Runnable wakeDispatcher;

  public DeadLetters(
      DeadLetterStore store,
      OutboxStore outbox,
      IntakeReplayer intakeReplayer,
      TransactionTemplate tx,
      Clock clock,
      Runnable wakeDispatcher) {
    this.store = store;
    this.outbox = outbox;
    this.intakeReplayer = intakeReplayer;
    this.tx = tx;
    this.clock = clock;
    this.wakeDispatcher = wakeDispatcher;
  }

  public List<DeadLetter> list(DeadLetter.State state, String side, long afterId, int limit) {
    return store.list(state, side, afterId, limit);
  }

  public Optional<DeadLetter> find(long id) {
    return store.find(id);
  }

  public Outcome replay(long id) {
    Optional<DeadLetter> found = store.find(id);
    if (found.isEmpty()) {
      return Outcome.NOT_FOUND;
    }
    DeadLetter letter = found.get();
    if (letter.state() != DeadLetter.State.OPEN) {
      return Outcome.NOT_OPEN;
    }
    if (letter.kind() == DeadLetter.Kind.INTAKE) {
      try {
        if (!intakeReplayer.replay(letter)) {
          return Outcome.NOT_REPLAYABLE;
        }
      } catch (RuntimeException e) {
        lastFailures.put(id, e.getMessage() == null ? e.toString() : e.getMessage());
        return Outcome.FAILED_AGAIN;
      }
      store.resolve(id, DeadLetter.State.REPLAYED, clock.instant());
      return Outcome.DONE;
    }
    Boolean done =
        tx.execute(
            s -> {
              if (!store.resolve(id, DeadLetter.State.REPLAYED, clock.instant())) {
                return false;
              }
              outbox.revive(letter.outboxId(), clock.instant());
              return true;
            });
    if (!Boolean.TRUE.equals(done)) {
      return Outcome.NOT_OPEN;
    }
    wakeDispatcher.run();
    return Outcome.DONE;
  }

  /** Why the last replay of a dead letter failed again, or null. */
  public String lastFailure(long id) {
    return lastFailures.get(id);
  }

  public Outcome discard(long id) {
    Optional<DeadLetter> found = store.find(id);
    if (found.isEmpty()) {
      return Outcome.NOT_FOUND;
    }
    DeadLetter letter = found.get();
    Boolean done =
        tx.execute(
            s -> {
              if (!store.resolve(id, DeadLetter.State.DISCARDED, clock.instant())) {
                return false;
              }
              if (letter.outboxId() != null) {
                outbox.skip(letter.outboxId());
              }
              return true;
            });
    if (!Boolean.TRUE.equals(done)) {
      return Outcome.NOT_OPEN;
    }
    wakeDispatcher.run();
    return Outcome.DONE;
  }
}
