package io.deskbridge.support;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingType;
import java.util.List;

/**
 * A connector kind for tests that stands in for a partner's system: it records what it receives and
 * fails on demand, as {@link ScriptedPartnerSystem} is told to. It is the system outside the
 * gateway, not a mock of the gateway's own code.
 */
public final class ScriptedConnectorKind implements ConnectorKind {

  @Override
  public String id() {
    return "scripted";
  }

  @Override
  public String description() {
    return "A partner system driven by tests: records deliveries, fails when told to.";
  }

  @Override
  public List<SettingDefinition> settings() {
    return List.of(
        SettingDefinition.optional(
            "label", SettingType.STRING, null, "Free text shown in the partner list."));
  }

  @Override
  public PartnerConnector open(PartnerContext partner) {
    ScriptedPartnerSystem system = ScriptedPartnerSystem.of(partner.partnerId());
    return new PartnerConnector() {
      @Override
      public DeliveryReceipt deliver(OutboundChange change) throws DeliveryException {
        return system.receive(change);
      }
    };
  }
}
