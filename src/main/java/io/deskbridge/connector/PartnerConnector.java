package io.deskbridge.connector;

/**
 * A connector opened for one partner. The runtime calls {@link #deliver} in order per ticket, from
 * one thread per partner unless the connector asks for {@link #parallelTickets()}, and retries on
 * {@link DeliveryException}; a change may be delivered again after a crash, so delivery must be
 * idempotent on {@link OutboundChange#changeId()}.
 */
public interface PartnerConnector extends AutoCloseable {

  /**
   * Hands one change to the partner's system.
   *
   * @return the ids the partner's system gave to the ticket and comment, when it gives any
   * @throws DeliveryException when the partner's system did not take the change
   */
  DeliveryReceipt deliver(OutboundChange change) throws DeliveryException;

  /**
   * How many of the partner's tickets may have a change in delivery at the same time. Changes of
   * one ticket are always delivered one after the other, in order; above one, {@link #deliver} is
   * called from several threads at once and must be safe for that.
   */
  default int parallelTickets() {
    return 1;
  }

  /** A cheap live probe shown in the partner list; must not block for long. */
  default ConnectorHealth check() {
    return ConnectorHealth.up("ready");
  }

  @Override
  default void close() {}
}
