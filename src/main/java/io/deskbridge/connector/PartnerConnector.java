package io.deskbridge.connector;

/**
 * A connector opened for one partner. The runtime calls {@link #deliver} from one thread per
 * partner, in order per ticket, and retries on {@link DeliveryException}; a change may be delivered
 * again after a crash, so delivery must be idempotent on {@link OutboundChange#changeId()}.
 */
public interface PartnerConnector extends AutoCloseable {

  /**
   * Hands one change to the partner's system.
   *
   * @return the ids the partner's system gave to the ticket and comment, when it gives any
   * @throws DeliveryException when the partner's system did not take the change
   */
  DeliveryReceipt deliver(OutboundChange change) throws DeliveryException;

  /** A cheap live probe shown in the partner list; must not block for long. */
  default ConnectorHealth check() {
    return ConnectorHealth.up("ready");
  }

  @Override
  default void close() {}
}
