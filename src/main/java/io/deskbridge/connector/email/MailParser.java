package io.deskbridge.connector.email;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.MessageWriter;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads one raw message into a {@link ParsedMail} with Apache James mime4j, tolerant of the
 * malformed mail the world sends: a part it cannot decode is noted in the problems and skipped,
 * never the whole message.
 */
public final class MailParser {

  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");

  private final MimeConfig config =
      MimeConfig.custom()
          .setMaxLineLen(-1)
          .setMaxHeaderLen(-1)
          .setMaxHeaderCount(-1)
          .setMaxContentLen(-1)
          .build();

  /**
   * Reads a message.
   *
   * @throws UnreadableMailException when the bytes are not a mail message at all
   */
  public ParsedMail parse(byte[] raw) throws UnreadableMailException {
    if (raw == null || raw.length == 0) {
      throw new UnreadableMailException("the message is empty");
    }
    Message message;
    try {
      DefaultMessageBuilder builder = new DefaultMessageBuilder();
      builder.setMimeEntityConfig(config);
      builder.setDecodeMonitor(DecodeMonitor.SILENT);
      message = builder.parseMessage(new ByteArrayInputStream(raw));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableMailException("not a mail message: " + e.getMessage(), e);
    }
    if (message.getHeader() == null || message.getHeader().getFields().isEmpty()) {
      throw new UnreadableMailException("the message has no header fields");
    }
    Collector parts = new Collector();
    walk(message, parts);
    MailHeaders headers = headers(message);
    return new ParsedMail(
        bare(message.getMessageId()),
        firstId(headers.first("In-Reply-To")),
        allIds(headers.first("References")),
        first(mailboxes(message.getFrom())),
        addresses(message.getTo()),
        addresses(message.getCc()),
        addresses(message.getReplyTo()),
        message.getSubject(),
        message.getDate() == null ? null : message.getDate().toInstant(),
        message.getMimeType() == null
            ? "text/plain"
            : message.getMimeType().toLowerCase(Locale.ROOT),
        reportType(message),
        parts.text != null ? parts.text : HtmlText.of(parts.html),
        parts.html,
        parts.attachments,
        headers,
        parts.problems);
  }

  private static final class Collector {
    String text;
    String html;
    final List<MailAttachment> attachments = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
  }

  private void walk(Entity entity, Collector parts) {
    Body body = entity.getBody();
    String mimeType = entity.getMimeType() == null ? "text/plain" : entity.getMimeType();
    mimeType = mimeType.toLowerCase(Locale.ROOT);
    if (body instanceof Multipart multipart) {
      for (Entity part : multipart.getBodyParts()) {
        walk(part, parts);
      }
      return;
    }
    boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType());
    String name = filename(entity);
    if (body instanceof Message nested) {
      parts.attachments.add(
          new MailAttachment(
              name != null ? name : nestedName(nested), mimeType, null, false, bytes(nested)));
      return;
    }
    if (!(body instanceof SingleBody single)) {
      return;
    }
    byte[] content;
    try (InputStream in = single.getInputStream()) {
      content = in.readAllBytes();
    } catch (IOException e) {
      parts.problems.add("a " + mimeType + " part could not be decoded: " + e.getMessage());
      return;
    }
    if (!attachment && name == null && mimeType.equals("text/plain") && parts.text == null) {
      parts.text = decode(content, entity.getCharset(), parts.problems);
    } else if (!attachment && name == null && mimeType.equals("text/html") && parts.html == null) {
      parts.html = decode(content, entity.getCharset(), parts.problems);
    } else {
      parts.attachments.add(
          new MailAttachment(
              name != null ? name : "part-" + (parts.attachments.size() + 1),
              mimeType,
              bare(contentId(entity)),
              "inline".equalsIgnoreCase(entity.getDispositionType()),
              content));
    }
  }

  private static String decode(byte[] content, String charset, List<String> problems) {
    if (charset == null || charset.isBlank()) {
      return new String(content, StandardCharsets.UTF_8);
    }
    try {
      return new String(content, Charset.forName(charset.strip()));
    } catch (IllegalArgumentException e) {
      problems.add("unknown charset '" + charset + "', read as UTF-8");
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private static String filename(Entity entity) {
    String name = entity.getFilename();
    if (name == null && entity.getHeader() != null) {
      Field type = entity.getHeader().getField("Content-Type");
      if (type instanceof org.apache.james.mime4j.dom.field.ContentTypeField contentType) {
        name = contentType.getParameter("name");
      }
    }
    if (name == null || name.isBlank()) {
      return null;
    }
    return DecoderUtil.decodeEncodedWords(name, DecodeMonitor.SILENT).strip();
  }

  private static String contentId(Entity entity) {
    Field field = entity.getHeader() == null ? null : entity.getHeader().getField("Content-ID");
    return field == null ? null : field.getBody().strip();
  }

  private static String nestedName(Message nested) {
    String subject = nested.getSubject();
    return (subject == null || subject.isBlank() ? "message" : subject.strip()) + ".eml";
  }

  private static byte[] bytes(Message nested) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MessageWriter writer = new DefaultMessageWriter();
    try {
      writer.writeMessage(nested, out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static MailHeaders headers(Message message) {
    List<MailHeaders.Field> fields = new ArrayList<>();
    for (Field field : message.getHeader().getFields()) {
      String value = MimeUtil.unfold(field.getBody() == null ? "" : field.getBody()).strip();
      fields.add(
          new MailHeaders.Field(
              field.getName(), DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT)));
    }
    return new MailHeaders(fields);
  }

  private static String reportType(Message message) {
    Field type = message.getHeader().getField("Content-Type");
    if (type instanceof org.apache.james.mime4j.dom.field.ContentTypeField contentType) {
      String report = contentType.getParameter("report-type");
      return report == null ? null : report.toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static List<MailAddress> mailboxes(MailboxList list) {
    List<MailAddress> out = new ArrayList<>();
    if (list != null) {
      for (Mailbox mailbox : list) {
        out.add(new MailAddress(mailbox.getAddress(), mailbox.getName()));
      }
    }
    return out;
  }

  private static List<MailAddress> addresses(AddressList list) {
    List<MailAddress> out = new ArrayList<>();
    if (list != null) {
      for (Address address : list) {
        if (address instanceof Mailbox mailbox) {
          out.add(new MailAddress(mailbox.getAddress(), mailbox.getName()));
        } else if (address instanceof Group group) {
          out.addAll(mailboxes(group.getMailboxes()));
        }
      }
    }
    return out;
  }

  private static MailAddress first(List<MailAddress> addresses) {
    return addresses.isEmpty() ? null : addresses.get(0);
  }

  /** A Message-ID without its angle brackets, or null. */
  static String bare(String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    Matcher m = ANGLE_ID.matcher(id);
    return m.find() ? m.group(1) : id.strip();
  }

  private static String firstId(String header) {
    List<String> ids = allIds(header);
    return ids.isEmpty() ? null : ids.get(ids.size() - 1);
  }

  private static List<String> allIds(String header) {
    List<String> ids = new ArrayList<>();
    if (header != null) {
      Matcher m = ANGLE_ID.matcher(header);
      while (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }
}
