package io.deskbridge.ticket;

import java.util.Map;

/** What a side supplies to open a ticket, before the gateway gives it a reference and a queue. */
public record TicketDraft(
    String externalId,
    String subject,
    String description,
    Priority priority,
    String category,
    Product product,
    Site site,
    Contact requester,
    Map<String, String> attributes) {

  public TicketDraft {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    product = product == null ? Product.UNKNOWN : product;
    site = site == null ? Site.UNKNOWN : site;
    requester = requester == null ? Contact.UNKNOWN : requester;
    priority = priority == null ? Priority.NORMAL : priority;
  }
}
