package io.deskbridge.partner;

import io.deskbridge.mapping.Mapping;
import io.deskbridge.mapping.OutboundMapping;
import io.deskbridge.mapping.PartnerView;
import io.deskbridge.outbox.OutboundViews;
import io.deskbridge.ticket.Comment;
import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketEvent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The mappings in force and which partner uses which. A reload swaps the whole set at once; a
 * change already being mapped keeps the mapping object it started with.
 */
public class PartnerMappings implements OutboundViews {

  private final PartnerDirectory partners;
  private final AtomicReference<Map<String, Mapping>> mappings;

  public PartnerMappings(PartnerDirectory partners, Map<String, Mapping> initial) {
    this.partners = partners;
    this.mappings = new AtomicReference<>(Map.copyOf(initial));
  }

  public Optional<Mapping> find(String name) {
    return Optional.ofNullable(mappings.get().get(name));
  }

  public Map<String, Mapping> all() {
    return mappings.get();
  }

  /** The mapping a partner's file names, if it names one. */
  public Optional<Mapping> forPartner(String partnerId) {
    return partners.find(partnerId).map(Partner::mapping).flatMap(this::find);
  }

  /**
   * What may leave toward a partner, and in which words; every public field when it has no mapping.
   */
  public OutboundMapping outboundFor(String partnerId) {
    return forPartner(partnerId).map(Mapping::outbound).orElse(OutboundMapping.defaults());
  }

  @Override
  public PartnerView view(String destination, Ticket ticket, TicketEvent event, Comment comment) {
    return outboundFor(destination).view(ticket, event, comment);
  }

  public void replace(Map<String, Mapping> next) {
    mappings.set(Map.copyOf(next));
  }
}
