package io.deskbridge.intake;

import io.deskbridge.ticket.TicketRef;
import io.deskbridge.ticket.TicketReferences;
import io.deskbridge.ticket.TicketStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Finds the tickets a side may see by what its messages quote: a Message-ID it sent before, or the
 * gateway's reference. A partner never finds another partner's ticket this way.
 */
@Repository
public class SideTickets {

  private final JdbcClient jdbc;
  private final TicketStore tickets;
  private final TicketReferences references;

  public SideTickets(JdbcClient jdbc, TicketStore tickets, TicketReferences references) {
    this.jdbc = jdbc;
    this.tickets = tickets;
    this.references = references;
  }

  /** The partner's ticket a message id opened (its source key) or was added to as a comment. */
  public Optional<TicketRef> byMessageId(String partnerId, String messageId) {
    if (messageId == null || messageId.isBlank()) {
      return Optional.empty();
    }
    Optional<Long> opened =
        jdbc.sql(
                "SELECT k.ticket_id FROM intake_key k JOIN ticket t ON t.id = k.ticket_id"
                    + " WHERE k.side = :side AND k.source_key = :key AND t.partner_id = :side")
            .param("side", partnerId)
            .param("key", messageId)
            .query(Long.class)
            .optional();
    if (opened.isPresent()) {
      return opened.map(references::of);
    }
    return jdbc
        .sql(
            "SELECT c.ticket_id FROM comment c JOIN ticket t ON t.id = c.ticket_id"
                + " WHERE c.message_id = :id AND t.partner_id = :side ORDER BY c.id")
        .param("id", messageId)
        .param("side", partnerId)
        .query(Long.class)
        .list()
        .stream()
        .findFirst()
        .map(references::of);
  }

  /** The partner's ticket its own system calls by this id. */
  public Optional<TicketRef> byExternalId(String partnerId, String externalId) {
    if (externalId == null || externalId.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(byExternalIds(partnerId, List.of(externalId)).get(externalId));
  }

  /** The partner's tickets its own system calls by these ids, for those there are. */
  public Map<String, TicketRef> byExternalIds(String partnerId, Collection<String> externalIds) {
    Map<String, TicketRef> found = new HashMap<>();
    tickets
        .idsByExternalId(partnerId, externalIds)
        .forEach((externalId, id) -> found.put(externalId, references.of(id)));
    return found;
  }

  /**
   * The Message-IDs of the mail the partner sent about its ticket, oldest first: the one that
   * opened it, then those of its comments. Source keys without an {@code @} are not Message-IDs.
   */
  public List<String> messageIds(String partnerId, TicketRef ref) {
    if (!belongsTo(partnerId, ref)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    jdbc
        .sql(
            "SELECT source_key FROM intake_key WHERE side = :side AND ticket_id = :id"
                + " ORDER BY created_at")
        .param("side", partnerId)
        .param("id", ref.number())
        .query(String.class)
        .list()
        .stream()
        .filter(key -> key.contains("@") && !key.contains("#") && !ids.contains(key))
        .findFirst()
        .ifPresent(ids::add);
    jdbc.sql(
            "SELECT message_id FROM comment WHERE ticket_id = :id AND author_side = :side"
                + " AND message_id IS NOT NULL ORDER BY id")
        .param("side", partnerId)
        .param("id", ref.number())
        .query(String.class)
        .list()
        .forEach(
            id -> {
              if (!ids.contains(id)) {
                ids.add(id);
              }
            });
    return ids;
  }

  /** Whether the ticket exists and belongs to the partner. */
  public boolean belongsTo(String partnerId, TicketRef ref) {
    if (!references.isOurs(ref)) {
      return false;
    }
    // The partner is compared here, not in the query: H2 could take the partner's index for
    // "partner_id = ?" and read all of its tickets, where the id finds one row.
    return jdbc.sql("SELECT partner_id FROM ticket WHERE id = :id")
        .param("id", ref.number())
        .query(String.class)
        .optional()
        .filter(partnerId::equals)
        .isPresent();
  }
}
