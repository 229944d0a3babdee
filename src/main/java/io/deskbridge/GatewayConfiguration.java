package io.deskbridge;

import io.deskbridge.partner.Partner;
import io.deskbridge.queue.ManufacturerSide;
import io.deskbridge.routing.RoutingRules;
import java.util.List;

/**
 * Everything ops configure, read and checked as a whole: the manufacturer, the partners, the
 * routing.
 */
public record GatewayConfiguration(
    ManufacturerSide manufacturer, List<Partner> partners, RoutingRules routing) {

  public GatewayConfiguration {
    partners = List.copyOf(partners);
  }
}
