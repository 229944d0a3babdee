package io.deskbridge.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Attachments of tickets; identical content is stored once, however often it is attached. */
@Repository
public class AttachmentStore {

  private final JdbcClient jdbc;

  public AttachmentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Attachment add(long ticketId, Long commentId, AttachmentUpload upload, Instant now) {
    String sha256 = ContentDigest.sha256Hex(upload.content());
    int known =
        jdbc.sql("SELECT COUNT(*) FROM attachment_content WHERE sha256 = :sha")
            .param("sha", sha256)
            .query(Integer.class)
            .single();
    if (known == 0) {
      jdbc.sql(
              "INSERT INTO attachment_content (sha256, size, content) VALUES (:sha, :size, :content)")
          .param("sha", sha256)
          .param("size", upload.content().length)
          .param("content", upload.content())
          .update();
    }
    var key = new GeneratedKeyHolder();
    jdbc.sql(
            "INSERT INTO attachment (ticket_id, comment_id, name, media_type, size, sha256, created_at)"
                + " VALUES (:ticket, :comment, :name, :type, :size, :sha, :now)")
        .param("ticket", ticketId)
        .param("comment", commentId)
        .param("name", upload.name())
        .param("type", upload.mediaType())
        .param("size", upload.content().length)
        .param("sha", sha256)
        .param("now", TicketStore.timestamp(now))
        .update(key, "id");
    return new Attachment(
        key.getKey().longValue(),
        ticketId,
        commentId,
        upload.name(),
        upload.mediaType(),
        upload.content().length,
        sha256,
        now);
  }

  public List<Attachment> ofTicket(long ticketId) {
    return jdbc.sql(
            "SELECT id, ticket_id, comment_id, name, media_type, size, sha256, created_at"
                + " FROM attachment WHERE ticket_id = :ticket ORDER BY id")
        .param("ticket", ticketId)
        .query(
            (rs, n) ->
                new Attachment(
                    rs.getLong("id"),
                    rs.getLong("ticket_id"),
                    rs.getObject("comment_id", Long.class),
                    rs.getString("name"),
                    rs.getString("media_type"),
                    rs.getLong("size"),
                    rs.getString("sha256"),
                    TicketStore.instant(rs, "created_at")))
        .list();
  }

  public Optional<Attachment> find(long ticketId, long attachmentId) {
    return ofTicket(ticketId).stream().filter(a -> a.id() == attachmentId).findFirst();
  }

  public byte[] content(String sha256) {
    return jdbc.sql("SELECT content FROM attachment_content WHERE sha256 = :sha")
        .param("sha", sha256)
        .query((rs, n) -> rs.getBytes(1))
        .single();
  }

  public long distinctContents() {
    return jdbc.sql("SELECT COUNT(*) FROM attachment_content").query(Long.class).single();
  }
}
