package io.deskbridge.outbox;

import io.deskbridge.connector.DeliveryReceipt;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records the ids a destination's system gave to what it received, so that later changes update the
 * same ticket there and the gateway recognises the ticket when that system mentions it.
 */
@Repository
public class DeliveryReceipts {

  private final JdbcClient jdbc;

  public DeliveryReceipts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(OutboxRow row, DeliveryReceipt receipt, Instant now) {
    if (receipt == null
        || (receipt.externalTicketId() == null && receipt.externalCommentId() == null)) {
      return;
    }
    jdbc.sql(
            "INSERT INTO delivery_receipt (outbox_id, destination, ticket_id, external_ticket_id,"
                + " external_comment_id, delivered_at) VALUES (:outbox, :destination, :ticket,"
                + " :externalTicket, :externalComment, :now)")
        .param("outbox", row.id())
        .param("destination", row.destination())
        .param("ticket", row.ticketId())
        .param("externalTicket", receipt.externalTicketId())
        .param("externalComment", receipt.externalCommentId())
        .param("now", OutboxStore.utc(now))
        .update();
    if (receipt.externalTicketId() != null) {
      int known =
          jdbc.sql(
                  "SELECT COUNT(*) FROM partner_ticket_ref WHERE partner_id = :side"
                      + " AND ticket_id = :ticket")
              .param("side", row.destination())
              .param("ticket", row.ticketId())
              .query(Integer.class)
              .single();
      if (known == 0) {
        jdbc.sql(
                "INSERT INTO partner_ticket_ref (partner_id, external_id, ticket_id)"
                    + " VALUES (:side, :external, :ticket)")
            .param("side", row.destination())
            .param("external", receipt.externalTicketId())
            .param("ticket", row.ticketId())
            .update();
      }
    }
  }

  /** The destination's own id of a ticket, learned from an earlier delivery, or null. */
  public String externalTicketId(String destination, long ticketId) {
    return jdbc.sql(
            "SELECT external_id FROM partner_ticket_ref WHERE partner_id = :side AND ticket_id = :ticket")
        .param("side", destination)
        .param("ticket", ticketId)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
