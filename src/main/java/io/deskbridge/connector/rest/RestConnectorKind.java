package io.deskbridge.connector.rest;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.PartnerConnector;
import io.deskbridge.connector.PartnerContext;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Partners that call the gateway's REST API, and either poll it for the manufacturer's changes or
 * have them pushed to their own API when their file names its {@code baseUrl}.
 */
public final class RestConnectorKind implements ConnectorKind {

  @Override
  public String id() {
    return "rest";
  }

  @Override
  public String description() {
    return "The partner calls /api/v1 with its API key; the manufacturer's changes are pushed to"
        + " the partner's own API (baseUrl) or polled from GET /api/v1/tickets?updatedSince=.";
  }

  @Override
  public List<SettingDefinition> settings() {
    return RestSettings.DEFINITIONS;
  }

  @Override
  public List<SettingProblem> validate(ConnectorSettings settings) {
    List<SettingProblem> problems = new ArrayList<>();
    for (SettingProblem problem : ConnectorKind.super.validate(settings)) {
      // headers is declared a list, but a map of name to value is just as welcome.
      boolean headersAsMap =
          problem.setting().equals("headers") && settings.raw("headers") instanceof Map<?, ?>;
      if (!headersAsMap) {
        problems.add(problem);
      }
    }
    problems.addAll(RestSettings.check(settings));
    return problems;
  }

  @Override
  public PartnerConnector open(PartnerContext partner) {
    if (!RestSettings.pushes(partner.settings())) {
      return new PolledByPartner();
    }
    return new PushingPartnerConnector(
        partner.partnerId(),
        RestSettings.of(partner.settings()),
        partner.settings().string("signingSecret", null),
        partner.clock());
  }

  /** Changes are stored with the ticket already; the partner reads them on its next poll. */
  private static final class PolledByPartner implements PartnerConnector {
    @Override
    public DeliveryReceipt deliver(OutboundChange change) {
      return DeliveryReceipt.NONE;
    }
  }
}
