package io.deskbridge.outbox;

import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.mapping.MappingRejectedException;
import io.deskbridge.mapping.PartnerView;
import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.CommentStore;
import io.deskbridge.ticket.EventJournal;
import io.deskbridge.ticket.EventType;
import io.deskbridge.ticket.Side;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import io.deskbridge.ticket.TicketStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers outbox rows. One poller finds the due lane heads; each destination has its own worker
 * threads (its lanes: one, or as many as its connector's {@code parallelTickets}, a ticket always
 * in the same one), so a slow or failing destination only ever holds up itself. A worker delivers a
 * row, then the next row of the same ticket at once, and stops at the first failure: later rows of
 * that ticket stay behind the failed one, which is what keeps the order under retries.
 */
public class OutboxDispatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  /** Settings of the dispatcher, from {@code deskbridge.outbox.*}. */
  public record Settings(RetryPolicy retry, Duration pollInterval, Duration lease, int batchSize) {}

  private final OutboxStore outbox;
  private final DeadLetterStore deadLetters;
  private final DeliveryReceipts receipts;
  private final EventJournal journal;
  private final TicketStore tickets;
  private final CommentStore comments;
  private final DeliveryTargets targets;
  private final OutboundViews views;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Settings settings;
  private final MeterRegistry meters;

  private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
  private final Set<String> busyLanes = ConcurrentHashMap.newKeySet();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private volatile boolean wakeRequested;
  private volatile boolean running;
  private Thread poller;

  public OutboxDispatcher(
      OutboxStore outbox,
      DeadLetterStore deadLetters,
      DeliveryReceipts receipts,
      EventJournal journal,
      TicketStore tickets,
      CommentStore comments,
      DeliveryTargets targets,
      OutboundViews views,
      TransactionTemplate tx,
      Clock clock,
      Settings settings,
      MeterRegistry meters) {
    this.outbox = outbox;
    this.deadLetters = deadLetters;
    this.receipts = receipts;
    this.journal = journal;
    this.tickets = tickets;
    this.comments = comments;
    this.targets = targets;
    this.views = views;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
    this.meters = meters;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    poller = new Thread(this::pollLoop, "outbox-poller");
    poller.setDaemon(true);
    poller.start();
  }

  /** Asks the poller to look now instead of at its next interval, e.g. after a change committed. */
  public void wakeUp() {
    lock.lock();
    try {
      wakeRequested = true;
      wake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void pollLoop() {
    while (running) {
      try {
        dispatchDue();
      } catch (RuntimeException e) {
        log.warn("outbox poll failed, will try again: {}", e.toString());
      }
      lock.lock();
      try {
        if (!wakeRequested && running) {
          wake.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        wakeRequested = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Hands every due lane head to its destination's worker; lanes already at work are left alone.
   */
  public void dispatchDue() {
    for (String destination : targets.workingInTheStore()) {
      closeDeliveredInStore(destination);
    }
    List<OutboxRow> heads = outbox.dueHeads(clock.instant(), settings.batchSize());
    Map<String, List<OutboxRow>> byLane = new LinkedHashMap<>();
    Map<String, Integer> parallel = new java.util.HashMap<>();
    for (OutboxRow row : heads) {
      int lanes =
          parallel.computeIfAbsent(
              row.destination(),
              d -> targets.connectorFor(d).map(c -> Math.max(1, c.parallelTickets())).orElse(1));
      byLane.computeIfAbsent(laneOf(row, lanes), d -> new java.util.ArrayList<>()).add(row);
    }
    byLane.forEach(
        (lane, rows) -> {
          if (busyLanes.add(lane)) {
            lane(lane)
                .execute(
                    () -> {
                      try {
                        rows.forEach(this::deliverLane);
                      } finally {
                        busyLanes.remove(lane);
                        if (rows.size() >= 1) {
                          wakeUp();
                        }
                      }
                    });
          }
        });
  }

  /**
   * Closes the due rows of a destination that works in the store, in rounds of the batch size so
   * that no transaction grows with the backlog: after a file of thousands of new tickets, one
   * statement per round instead of a delivery per ticket.
   */
  private void closeDeliveredInStore(String destination) {
    int closed;
    do {
      closed = outbox.markDeliveredInStore(destination, clock.instant(), settings.batchSize());
      meters.counter("deskbridge.outbox.delivered", "destination", destination).increment(closed);
    } while (closed > 0 && running);
  }

  /**
   * The destination's lane a ticket's rows always take, so they stay in order. A side id has no
   * {@code #}, so the lanes of one destination never share a name with another destination's.
   */
  private static String laneOf(OutboxRow row, int lanes) {
    return lanes == 1
        ? row.destination()
        : row.destination() + "#" + Math.floorMod(row.ticketId(), lanes);
  }

  private ExecutorService lane(String destination) {
    return lanes.computeIfAbsent(
        destination,
        d ->
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread thread = new Thread(r, "outbox-lane-" + d);
                  thread.setDaemon(true);
                  return thread;
                }));
  }

  /** Delivers a head row and then the rows after it in the same lane, until one fails. */
  private void deliverLane(OutboxRow head) {
    Optional<OutboxRow> current = Optional.of(head);
    while (running && current.isPresent()) {
      OutboxRow row = current.get();
      if (!attempt(row)) {
        return;
      }
      current = outbox.nextInLane(row.destination(), row.ticketId(), row.id());
    }
  }

  /** One delivery attempt; true when the row was delivered. */
  boolean attempt(OutboxRow row) {
    Instant now = clock.instant();
    if (!outbox.lease(row.id(), now, now.plus(settings.lease()))) {
      return false;
    }
    Optional<PartnerConnector> connector = targets.connectorFor(row.destination());
    if (connector.isEmpty()) {
      fail(
          row,
          DeliveryException.transientFailure(
              "side '" + row.destination() + "' is not configured", null));
      return false;
    }
    OutboundChange change;
    try {
      change = change(row);
    } catch (MappingRejectedException rejected) {
      fail(row, DeliveryException.permanent(rejected.getMessage()));
      return false;
    }
    if (change == null) {
      return true;
    }
    try {
      DeliveryReceipt receipt = connector.get().deliver(change);
      tx.executeWithoutResult(
          s -> {
            receipts.record(row, receipt, clock.instant());
            outbox.markDelivered(row.id(), clock.instant());
          });
      meters.counter("deskbridge.outbox.delivered", "destination", row.destination()).increment();
      return true;
    } catch (DeliveryException e) {
      fail(row, e);
    } catch (RuntimeException e) {
      fail(row, DeliveryException.transientFailure("connector failed: " + e, e));
    }
    return false;
  }

  private void fail(OutboxRow row, DeliveryException failure) {
    Instant now = clock.instant();
    String reason = failure.getMessage();
    if (failure.deferred() && !failure.permanent()) {
      outbox.defer(row.id(), reason, now.plus(failure.retryAfter()));
      meters.counter("deskbridge.outbox.deferred", "destination", row.destination()).increment();
      log.debug("delivery {} to {} held back: {}", row.id(), row.destination(), reason);
      return;
    }
    int attemptsMade = row.attempts() + 1;
    if (failure.permanent() || !settings.retry().mayRetry(attemptsMade)) {
      String why =
          (failure.permanent()
                  ? "permanent failure"
                  : "gave up after " + attemptsMade + " attempts")
              + ": "
              + reason;
      tx.executeWithoutResult(
          s -> {
            outbox.markDead(row.id(), reason);
            deadLetters.park(
                DeadLetter.Kind.DELIVERY,
                row.destination(),
                row.ticketId(),
                row.id(),
                null,
                why,
                attemptsMade,
                now);
          });
      meters.counter("deskbridge.outbox.dead", "destination", row.destination()).increment();
      log.warn("delivery {} to {} parked as a dead letter: {}", row.id(), row.destination(), why);
      return;
    }
    Duration wait =
        failure.retryAfter() != null
            ? failure.retryAfter()
            : settings.retry().backoff(attemptsMade);
    outbox.scheduleRetry(row.id(), reason, now.plus(wait));
    meters.counter("deskbridge.outbox.retried", "destination", row.destination()).increment();
    log.info(
        "delivery {} to {} failed (attempt {}), retry in {} ms: {}",
        row.id(),
        row.destination(),
        attemptsMade,
        wait.toMillis(),
        reason);
  }

  /**
   * The change as its destination may see it, or null when its outbound mapping lets nothing of it
   * leave (the row is then closed as filtered, with the reason).
   */
  private OutboundChange change(OutboxRow row) {
    TicketEvent event = journal.get(row.eventId());
    Ticket ticket = tickets.findById(row.ticketId()).orElseThrow();
    Comment comment = null;
    if (event.type() == EventType.COMMENTED) {
      comment = comments.get(row.ticketId(), ((Number) event.data().get("commentId")).longValue());
    }
    String external = receipts.externalTicketId(row.destination(), row.ticketId());
    if (Side.MANUFACTURER_ID.equals(row.destination())) {
      return new OutboundChange(
          row.id(), row.destination(), event, ticket, comment, external, null);
    }
    PartnerView view = views.view(row.destination(), ticket.forPartner(), event, comment);
    if (!view.send()) {
      outbox.markFiltered(row.id(), view.filteredReason(), clock.instant());
      meters.counter("deskbridge.outbox.filtered", "destination", row.destination()).increment();
      return null;
    }
    return new OutboundChange(
        row.id(), row.destination(), event, view.ticket(), view.comment(), external, view.record());
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public synchronized void stop() {
    running = false;
    wakeUp();
    if (poller != null) {
      try {
        poller.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lanes.values().forEach(ExecutorService::shutdown);
    for (ExecutorService lane : lanes.values()) {
      try {
        lane.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    lanes.clear();
    busyLanes.clear();
  }
}
