package io.deskbridge.outbox;

import io.deskbridge.connector.PartnerConnector;
import java.util.Optional;

/**
 * Finds the open connector of a destination side; empty when the side is not (or no longer)
 * configured.
 */
public interface DeliveryTargets {
  Optional<PartnerConnector> connectorFor(String destination);
}
