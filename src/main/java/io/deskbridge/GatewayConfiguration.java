package io.deskbridge;

import io.deskbridge.mapping.Mapping;
import io.deskbridge.partner.Partner;
import io.deskbridge.queue.ManufacturerSide;
import io.deskbridge.routing.RoutingRules;
import java.util.List;
import java.util.Map;

/**
 * Everything ops configure, read and checked as a whole: the manufacturer, the partners, the
 * routing and the mappings by name.
 */
public record GatewayConfiguration(
    ManufacturerSide manufacturer,
    List<Partner> partners,
    RoutingRules routing,
    Map<String, Mapping> mappings) {

  public GatewayConfiguration {
    partners = List.copyOf(partners);
    mappings = Map.copyOf(mappings);
  }
}
