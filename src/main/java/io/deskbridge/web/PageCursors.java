package io.deskbridge.web;

import io.deskbridge.ticket.Ticket;
import io.deskbridge.ticket.TicketQuery;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Opaque cursors for keyset pagination over (updated, id): stable under concurrent writes, unlike
 * offsets, so a partner polling with {@code updatedSince} never skips a ticket.
 */
@Component
public class PageCursors {

  public String write(Ticket last) {
    Instant at = last.updatedAt();
    String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + last.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
  }

  public TicketQuery.Position read(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      String[] parts = raw.split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException("three parts expected");
      }
      return new TicketQuery.Position(
          Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
          Long.parseLong(parts[2]));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("cursor", "cursor is not one this API gave out");
    }
  }
}
