package io.deskbridge.outbox;

import io.deskbridge.connector.PartnerConnector;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Finds the open connector of a destination side; empty when the side is not (or no longer)
 * configured.
 */
public interface DeliveryTargets {
  Optional<PartnerConnector> connectorFor(String destination);

  /**
   * The destinations that work in the gateway's own store, such as the manufacturer's built-in
   * queues: a change for them is there once it is written, so delivering it is only closing its
   * row, which is done for many rows at once.
   */
  default Collection<String> workingInTheStore() {
    return List.of();
  }
}
