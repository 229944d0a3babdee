package io.deskbridge.ticket;

import java.time.Instant;

/** A file on a ticket; its bytes are stored once per distinct SHA-256 and fetched separately. */
public record Attachment(
    long id,
    long ticketId,
    Long commentId,
    String name,
    String mediaType,
    long size,
    String sha256,
    Instant createdAt) {}
