package io.deskbridge.connector;

import io.deskbridge.ticket.Attachment;

/** Reads the bytes of a stored attachment, for a connector that sends files to its partner. */
@FunctionalInterface
public interface AttachmentContents {
  byte[] read(Attachment attachment);
}
