/**
 * The canonical ticket model every side is translated to and from, and its durable store: tickets,
 * the partners' references to them, comments, attachments stored once by content hash, and the
 * append-only event journal that records every change with the side it came from.
 */
package io.deskbridge.ticket;
