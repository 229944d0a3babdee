package io.deskbridge.connector.email;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * One mail the gateway sends: who to, the rendered text and HTML, the ids that thread it, whether
 * it is automatic, and its files; {@link #toMime} builds the MIME message with a fixed Message-ID,
 * so a resend after a crash is recognisably the same mail.
 */
record OutgoingMail(
    MailAddress from,
    String fromName,
    List<String> to,
    MailTemplates.Rendered content,
    String messageId,
    String inReplyTo,
    List<String> references,
    boolean automatic,
    List<File> files,
    Instant date) {

  /** A file to attach. */
  record File(String name, String mediaType, byte[] content) {}

  OutgoingMail {
    to = List.copyOf(to);
    references = List.copyOf(references);
    files = List.copyOf(files);
  }

  MimeMessage toMime(Session session) throws MessagingException {
    MimeMessage message =
        new MimeMessage(session) {
          @Override
          protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
          }
        };
    try {
      message.setFrom(new InternetAddress(from.address(), fromName, "UTF-8"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
    for (String recipient : to) {
      message.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(recipient));
    }
    message.setSubject(content.subject(), "UTF-8");
    message.setSentDate(Date.from(date));
    if (inReplyTo != null) {
      message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
    }
    if (!references.isEmpty()) {
      message.setHeader("References", "<" + String.join("> <", references) + ">");
    }
    if (automatic) {
      // RFC 3834, so that well-behaved systems do not answer it; Exchange reads the second.
      message.setHeader("Auto-Submitted", "auto-replied");
      message.setHeader("X-Auto-Response-Suppress", "All");
    }
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(content.text(), "UTF-8", "plain");
    alternative.addBodyPart(text);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(content.html(), "UTF-8", "html");
    alternative.addBodyPart(html);
    if (files.isEmpty()) {
      message.setContent(alternative);
      return message;
    }
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(alternative);
    mixed.addBodyPart(body);
    for (File file : files) {
      MimeBodyPart part = new MimeBodyPart();
      part.setDataHandler(
          new DataHandler(new ByteArrayDataSource(file.content(), file.mediaType())));
      try {
        part.setFileName(MimeUtility.encodeText(file.name(), StandardCharsets.UTF_8.name(), null));
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException("UTF-8 is always supported", e);
      }
      part.setDisposition(MimeBodyPart.ATTACHMENT);
      mixed.addBodyPart(part);
    }
    message.setContent(mixed);
    return message;
  }
}
