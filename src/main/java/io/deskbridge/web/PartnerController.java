package io.deskbridge.web;

import io.deskbridge.connector.ConnectorHealth;
import io.deskbridge.intake.RawInputStore;
import io.deskbridge.partner.Caller;
import io.deskbridge.partner.ConnectorRuntime;
import io.deskbridge.partner.Partner;
import io.deskbridge.partner.PartnerDirectory;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/partners}: for ops, every partner with its connector, health and last activity.
 */
@RestController
@RequestMapping("/api/v1/partners")
public class PartnerController {

  /** A partner as ops see it. */
  public record PartnerView(
      String id,
      String name,
      String connector,
      String mapping,
      String file,
      ConnectorHealth health,
      Instant lastActivityAt) {}

  private final PartnerDirectory partners;
  private final ConnectorRuntime connectors;
  private final RawInputStore rawInputs;
  private final ConfigurationControl control;

  public PartnerController(
      PartnerDirectory partners,
      ConnectorRuntime connectors,
      RawInputStore rawInputs,
      ConfigurationControl control) {
    this.partners = partners;
    this.connectors = connectors;
    this.rawInputs = rawInputs;
    this.control = control;
  }

  /** The partner list with the state of the configuration it comes from. */
  public record PartnerList(
      ConfigurationControl.Status configuration, List<PartnerView> partners) {}

  @GetMapping
  public PartnerList list(@RequestAttribute(ApiAuthentication.CALLER) Caller caller) {
    StaffOnly.ops(caller);
    return new PartnerList(control.status(), partners.all().stream().map(this::view).toList());
  }

  private PartnerView view(Partner partner) {
    return new PartnerView(
        partner.id(),
        partner.name(),
        partner.connector(),
        partner.mapping(),
        String.valueOf(partner.file()),
        connectors.health(partner.id()),
        rawInputs.lastReceivedAt(partner.id()));
  }
}
