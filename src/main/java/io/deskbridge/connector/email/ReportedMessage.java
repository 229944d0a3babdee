package io.deskbridge.connector.email;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Message-ID of the message a bounce or complaint is about, so that the report can be
 * threaded to the ticket of the message that did not arrive.
 */
final class ReportedMessage {

  /** Returned copies sit after the bounce's prose and a transcript; a few pages are enough. */
  static final int TEXT_SCAN_CHARS = 32 * 1024;

  private static final Pattern QUOTED_MESSAGE_ID =
      Pattern.compile("(?im)^[ \\t>]*Message-ID:[ \\t]*<?([^<>\\s]+@[^<>\\s]+?)>?[ \\t]*$");

  private ReportedMessage() {}

  /**
   * The Message-ID, bare, in this order: the returned message or its headers attached to the
   * report, then a Message-ID line quoted in the text of a non-standard bounce or in a text file it
   * attached, then the report's own In-Reply-To (some servers thread their bounces); null when none
   * says it.
   */
  static String messageId(ParsedMail mail) {
    String id = fromAttachments(mail.attachments());
    if (id == null) {
      id = fromText(mail.text());
    }
    if (id == null) {
      id = fromTextAttachments(mail.attachments());
    }
    return id != null ? id : mail.inReplyTo();
  }

  private static String fromAttachments(List<MailAttachment> attachments) {
    for (MailAttachment attachment : attachments) {
      if (isReturnedMessage(attachment.mediaType())) {
        String id = bare(HeaderBlock.read(attachment.content(), false).first("Message-ID"));
        if (id != null) {
          return id;
        }
      }
    }
    return null;
  }

  private static String fromTextAttachments(List<MailAttachment> attachments) {
    for (MailAttachment attachment : attachments) {
      if (attachment.mediaType().startsWith("text/")) {
        byte[] content = attachment.content();
        int length = Math.min(content.length, TEXT_SCAN_CHARS);
        String id = fromText(new String(content, 0, length, StandardCharsets.ISO_8859_1));
        if (id != null) {
          return id;
        }
      }
    }
    return null;
  }

  private static boolean isReturnedMessage(String mediaType) {
    return switch (mediaType.toLowerCase(Locale.ROOT)) {
      case "message/rfc822",
          "message/global",
          "message/partial",
          "text/rfc822-headers",
          "message/rfc822-headers",
          "message/global-headers" ->
          true;
      default -> false;
    };
  }

  private static String fromText(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    CharSequence head = text.length() > TEXT_SCAN_CHARS ? text.substring(0, TEXT_SCAN_CHARS) : text;
    Matcher m = QUOTED_MESSAGE_ID.matcher(head);
    return m.find() ? m.group(1) : null;
  }

  private static String bare(String id) {
    if (id == null) {
      return null;
    }
    String value = id.strip();
    int open = value.indexOf('<');
    int close = value.indexOf('>', open + 1);
    if (open >= 0 && close > open) {
      value = value.substring(open + 1, close);
    }
    return value.isBlank() || value.contains(" ") ? null : value;
  }
}
