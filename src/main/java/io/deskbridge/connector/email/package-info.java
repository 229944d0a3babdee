/**
 * The {@code email} connector kind: partners who only have a mailbox open tickets by writing to the
 * manufacturer's support address and follow them by replying. It polls IMAP, stores every message
 * raw before reading it, reads MIME with mime4j, tells personal mail from automatic answers,
 * bounces and complaints, threads replies onto their ticket, keeps only the new text of a reply,
 * and sends the manufacturer's answers back by SMTP, threaded so the partner's mail client shows
 * one conversation.
 */
package io.deskbridge.connector.email;
