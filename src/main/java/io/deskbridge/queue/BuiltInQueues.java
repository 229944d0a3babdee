package io.deskbridge.queue;

import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.PartnerConnector;

/**
 * The manufacturer's side when its agents work in the gateway's own queues: the store is the queue,
 * so a change is delivered the moment the dispatcher reaches it. The outbox still carries a row for
 * it, so that switching the manufacturer to its own help desk needs no change to the flow.
 */
public final class BuiltInQueues implements PartnerConnector {

  @Override
  public DeliveryReceipt deliver(OutboundChange change) {
    return DeliveryReceipt.NONE;
  }

  /**
   * Nothing is called and nothing is kept, so several tickets may be delivered at once: after a
   * large import the manufacturer's side has one change per new ticket and event to mark done.
   */
  @Override
  public int parallelTickets() {
    return 4;
  }
}
