package io.deskbridge.web;

import io.deskbridge.outbox.DeadLetterStore;
import io.deskbridge.outbox.OutboxStore;
import io.deskbridge.partner.ConnectorRuntime;
import io.deskbridge.partner.Partner;
import io.deskbridge.partner.PartnerDirectory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The gateway's part of {@code /actuator/health}: deliveries waiting, dead letters open and each
 * partner connector's state. One partner's outage is shown, not turned into the gateway being down,
 * since the gateway goes on serving everyone else.
 */
@Component("deskbridge")
public class GatewayHealth implements HealthIndicator {

  private final OutboxStore outbox;
  private final DeadLetterStore deadLetters;
  private final PartnerDirectory partners;
  private final ConnectorRuntime connectors;

  public GatewayHealth(
      OutboxStore outbox,
      DeadLetterStore deadLetters,
      PartnerDirectory partners,
      ConnectorRuntime connectors) {
    this.outbox = outbox;
    this.deadLetters = deadLetters;
    this.partners = partners;
    this.connectors = connectors;
  }

  @Override
  public Health health() {
    Map<String, String> partnerStates = new LinkedHashMap<>();
    for (Partner partner : partners.all()) {
      var health = connectors.health(partner.id());
      partnerStates.put(partner.id(), (health.up() ? "UP: " : "DOWN: ") + health.detail());
    }
    return Health.up()
        .withDetail("pendingDeliveries", outbox.countPending())
        .withDetail("openDeadLetters", deadLetters.countOpen())
        .withDetail("partners", partnerStates)
        .build();
  }
}
