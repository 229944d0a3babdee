package io.deskbridge.support;

import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.OutboundChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The partner system behind {@link ScriptedConnectorKind}, one per partner id: tests tell it which
 * tickets to refuse and read what it accepted, in the order it accepted it.
 */
public final class ScriptedPartnerSystem {

  private static final Map<String, ScriptedPartnerSystem> SYSTEMS = new ConcurrentHashMap<>();

  /** A change the system accepted: the ticket reference, event type and the comment text if any. */
  public record Received(long changeId, String ticket, String event, String commentText) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, List<Map<String, Object>>> records = new ConcurrentHashMap<>();
  private final Set<String> refusing = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refusals = new AtomicInteger();
  private final Map<String, CountDownLatch> holding = new ConcurrentHashMap<>();
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();

  public static ScriptedPartnerSystem of(String partnerId) {
    return SYSTEMS.computeIfAbsent(partnerId, id -> new ScriptedPartnerSystem());
  }

  /** Forgets everything, for a test that starts from scratch. */
  public static void resetAll() {
    SYSTEMS.clear();
  }

  public void refuse(String ticketRef) {
    refusing.add(ticketRef);
  }

  public void accept(String ticketRef) {
    refusing.remove(ticketRef);
  }

  /** Makes deliveries of the ticket hang, like a partner system that stopped answering. */
  public void hold(String ticketRef) {
    holding.put(ticketRef, new CountDownLatch(1));
  }

  /** Lets held deliveries of the ticket complete. */
  public void release(String ticketRef) {
    CountDownLatch latch = holding.remove(ticketRef);
    if (latch != null) {
      latch.countDown();
    }
  }

  /** Whether a delivery of the ticket is hanging in the partner system right now. */
  public boolean isHanging(String ticketRef) {
    return waiting.contains(ticketRef);
  }

  public int refusals() {
    return refusals.get();
  }

  public List<Received> received() {
    return new ArrayList<>(received);
  }

  /** The records in the partner's own words it received for a ticket, in order. */
  public List<Map<String, Object>> recordsFor(String ticketRef) {
    return records.getOrDefault(ticketRef, List.of());
  }

  public List<Received> receivedFor(String ticketRef) {
    return received.stream().filter(r -> r.ticket().equals(ticketRef)).toList();
  }

  DeliveryReceipt receive(OutboundChange change) throws DeliveryException {
    String ticket = change.ticket().ref().value();
    CountDownLatch held = holding.get(ticket);
    if (held != null) {
      waiting.add(ticket);
      try {
        held.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw DeliveryException.transientFailure("interrupted while the partner system hung", e);
      } finally {
        waiting.remove(ticket);
      }
    }
    if (refusing.contains(ticket)) {
      refusals.incrementAndGet();
      throw DeliveryException.transientFailure("partner system answered 503 for " + ticket, null);
    }
    boolean seen = received.stream().anyMatch(r -> r.changeId() == change.changeId());
    if (!seen) {
      records.computeIfAbsent(ticket, t -> new CopyOnWriteArrayList<>()).add(change.record());
      received.add(
          new Received(
              change.changeId(),
              ticket,
              change.event().type().name(),
              change.comment() == null ? null : change.comment().text()));
    }
    return new DeliveryReceipt("SCRIPTED-" + change.ticket().id(), null);
  }
}
