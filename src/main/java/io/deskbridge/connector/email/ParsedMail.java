package io.deskbridge.connector.email;

import java.time.Instant;
import java.util.List;

/**
 * What one raw message says, decoded: addresses, subject, threading headers, a readable text body,
 * the HTML body when there was one, and every attachment with its bytes. Message-IDs are kept
 * without their angle brackets.
 *
 * @param mediaType the top-level media type without parameters, lower-case ({@code
 *     multipart/report})
 * @param reportType the {@code report-type} parameter of a {@code multipart/report}, lower-case, or
 *     null
 * @param text the body as readable text: the plain part, or the HTML part turned into text
 * @param html the HTML body, or null when the message had none
 * @param problems what the parser had to guess or skip (an unknown charset, a broken part), for ops
 */
public record ParsedMail(
    String messageId,
    String inReplyTo,
    List<String> references,
    MailAddress from,
    List<MailAddress> to,
    List<MailAddress> cc,
    List<MailAddress> replyTo,
    String subject,
    Instant date,
    String mediaType,
    String reportType,
    String text,
    String html,
    List<MailAttachment> attachments,
    MailHeaders headers,
    List<String> problems) {

  public ParsedMail {
    references = references == null ? List.of() : List.copyOf(references);
    to = to == null ? List.of() : List.copyOf(to);
    cc = cc == null ? List.of() : List.copyOf(cc);
    replyTo = replyTo == null ? List.of() : List.copyOf(replyTo);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    headers = headers == null ? MailHeaders.NONE : headers;
    problems = problems == null ? List.of() : List.copyOf(problems);
    subject = subject == null ? "" : subject;
    text = text == null ? "" : text;
  }

  /** The address answers go to: the first Reply-To, else From; null when there is neither. */
  public MailAddress replyAddress() {
    return replyTo.isEmpty() ? from : replyTo.get(0);
  }
}
