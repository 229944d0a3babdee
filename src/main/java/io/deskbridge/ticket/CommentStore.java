package io.deskbridge.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The thread of each ticket: comments in the order they were added, with their attachments. */
@Repository
public class CommentStore {

  private final JdbcClient jdbc;
  private final AttachmentStore attachments;

  public CommentStore(JdbcClient jdbc, AttachmentStore attachments) {
    this.jdbc = jdbc;
    this.attachments = attachments;
  }

  public Comment add(long ticketId, Side author, CommentDraft draft, Instant now) {
    var key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO comment (ticket_id, author_side, author_name, author_email, visibility,"
                + " body_text, body_html, external_id, message_id, created_at) VALUES (:ticket,"
                + " :side, :name, :email, :visibility, :text, :html, :external, :messageId, :now)")
        .param("ticket", ticketId)
        .param("side", author.id())
        .param("name", draft.authorName())
        .param("email", draft.authorEmail())
        .param("visibility", draft.visibility().name())
        .param("text", draft.text())
        .param("html", draft.html())
        .param("external", draft.externalId())
        .param("messageId", draft.messageId())
        .param("now", TicketStore.timestamp(now))
        .update(key, "id");
    long id = key.getKey().longValue();
    List<Attachment> stored = new ArrayList<>();
    for (AttachmentUpload upload : draft.attachments()) {
      stored.add(attachments.add(ticketId, id, upload, now));
    }
    return new Comment(
        id,
        ticketId,
        author,
        draft.authorName(),
        draft.authorEmail(),
        draft.visibility(),
        draft.text(),
        draft.html(),
        draft.externalId(),
        draft.messageId(),
        now,
        stored);
  }

  public List<Comment> ofTicket(long ticketId) {
    Map<Long, List<Attachment>> files =
        attachments.ofTicket(ticketId).stream()
            .filter(a -> a.commentId() != null)
            .collect(Collectors.groupingBy(Attachment::commentId));
    return jdbc.sql(
            "SELECT id, ticket_id, author_side, author_name, author_email, visibility, body_text,"
                + " body_html, external_id, message_id, created_at FROM comment"
                + " WHERE ticket_id = :ticket ORDER BY id")
        .param("ticket", ticketId)
        .query(
            (rs, n) ->
                new Comment(
                    rs.getLong("id"),
                    rs.getLong("ticket_id"),
                    new Side(rs.getString("author_side")),
                    rs.getString("author_name"),
                    rs.getString("author_email"),
                    Visibility.valueOf(rs.getString("visibility")),
                    rs.getString("body_text"),
                    rs.getString("body_html"),
                    rs.getString("external_id"),
                    rs.getString("message_id"),
                    TicketStore.instant(rs, "created_at"),
                    files.getOrDefault(rs.getLong("id"), List.of())))
        .list();
  }

  public Comment get(long ticketId, long commentId) {
    return ofTicket(ticketId).stream()
        .filter(c -> c.id() == commentId)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no comment " + commentId));
  }
}
