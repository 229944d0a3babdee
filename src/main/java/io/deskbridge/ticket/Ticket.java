package io.deskbridge.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A support case as the gateway holds it: what the partner reported, where the manufacturer works
 * on it, and the timings both sides are measured by.
 */
public record Ticket(
    long id,
    TicketRef ref,
    String partnerId,
    String externalId,
    String subject,
    String description,
    Status status,
    Priority priority,
    String category,
    Product product,
    Site site,
    Contact requester,
    String queue,
    String assignee,
    String routingRule,
    Duration responseTarget,
    Map<String, String> attributes,
    Instant createdAt,
    Instant updatedAt,
    Instant firstResponseAt,
    Instant resolvedAt,
    long version) {

  public Ticket {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    product = product == null ? Product.UNKNOWN : product;
    site = site == null ? Site.UNKNOWN : site;
    requester = requester == null ? Contact.UNKNOWN : requester;
  }

  public Side partnerSide() {
    return Side.partner(partnerId);
  }

  /** Time from creation to the manufacturer's first public answer, once there is one. */
  public Duration firstResponseTime() {
    return firstResponseAt == null ? null : Duration.between(createdAt, firstResponseAt);
  }

  /** Time from creation to resolution, while the ticket stays resolved. */
  public Duration resolutionTime() {
    return resolvedAt == null ? null : Duration.between(createdAt, resolvedAt);
  }

  /** When the first response is due under the routing rule's target, if it set one. */
  public Instant firstResponseDueAt() {
    return responseTarget == null ? null : createdAt.plus(responseTarget);
  }

  /**
   * The ticket as its partner may see it: without the manufacturer's queue, assignee and routing,
   * which are the manufacturer's internal organisation.
   */
  public Ticket forPartner() {
    return copy(
        subject,
        status,
        priority,
        category,
        null,
        null,
        null,
        null,
        attributes,
        firstResponseAt,
        resolvedAt,
        updatedAt,
        version);
  }

  /** This ticket with its changeable fields replaced; identity, origin and timings stay. */
  public Ticket withFields(
      String subject,
      Status status,
      Priority priority,
      String category,
      String queue,
      String assignee,
      Map<String, String> attributes) {
    return copy(
        subject,
        status,
        priority,
        category,
        queue,
        assignee,
        routingRule,
        responseTarget,
        attributes,
        firstResponseAt,
        resolvedAt,
        updatedAt,
        version);
  }

  /** This ticket with its measured timings replaced. */
  public Ticket withTimings(Instant firstResponseAt, Instant resolvedAt) {
    return copy(
        subject,
        status,
        priority,
        category,
        queue,
        assignee,
        routingRule,
        responseTarget,
        attributes,
        firstResponseAt,
        resolvedAt,
        updatedAt,
        version);
  }

  /** This ticket as a change stores it at that moment: one version on, changed then. */
  public Ticket storedAt(Instant changedAt) {
    return copy(
        subject,
        status,
        priority,
        category,
        queue,
        assignee,
        routingRule,
        responseTarget,
        attributes,
        firstResponseAt,
        resolvedAt,
        changedAt,
        version + 1);
  }

  private Ticket copy(
      String subject,
      Status status,
      Priority priority,
      String category,
      String queue,
      String assignee,
      String routingRule,
      Duration responseTarget,
      Map<String, String> attributes,
      Instant firstResponseAt,
      Instant resolvedAt,
      Instant updatedAt,
      long version) {
    return new Ticket(
        id,
        ref,
        partnerId,
        externalId,
        subject,
        description,
        status,
        priority,
        category,
        product,
        site,
        requester,
        queue,
        assignee,
        routingRule,
        responseTarget,
        attributes,
        createdAt,
        updatedAt,
        firstResponseAt,
        resolvedAt,
        version);
  }
}
