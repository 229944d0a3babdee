package io.deskbridge.connector.rest;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.connector.SettingDefinition;
import java.util.List;

/** Partners that call the gateway's REST API and poll it for the manufacturer's changes. */
public final class RestConnectorKind implements ConnectorKind {

  @Override
  public String id() {
    return "rest";
  }

  @Override
  public String description() {
    return "The partner calls /api/v1 with its API key and polls GET /api/v1/tickets?updatedSince= for"
        + " the manufacturer's changes.";
  }

  @Override
  public List<SettingDefinition> settings() {
    return List.of();
  }

  @Override
  public PartnerConnector open(PartnerContext partner) {
    return new PolledByPartner();
  }

  /** Changes are stored with the ticket already; the partner reads them on its next poll. */
  private static final class PolledByPartner implements PartnerConnector {
    @Override
    public DeliveryReceipt deliver(io.deskbridge.connector.OutboundChange change) {
      return DeliveryReceipt.NONE;
    }
  }
}
