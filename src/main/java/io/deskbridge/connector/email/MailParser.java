package io.deskbridge.connector.email;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.message.DefaultMessageWriter;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads one raw message into a {@link ParsedMail} with Apache James mime4j, tolerant of the
 * malformed mail the world sends: a part it cannot decode is noted in the problems and skipped,
 * never the whole message.
 */
public final class MailParser {

  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
  private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>\"',;()]+@[^\\s<>\"',;()]+");
  private static final Pattern META_CHARSET =
      Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

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
    MailShape.check(raw);
    Message message;
    try {
      DefaultMessageBuilder builder = new DefaultMessageBuilder();
      builder.setMimeEntityConfig(config);
      builder.setFieldParser(LenientFieldParser.getParser());
      builder.setDecodeMonitor(DecodeMonitor.SILENT);
      message = builder.parseMessage(new ByteArrayInputStream(raw));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableMailException("not a mail message: " + e.getMessage(), e);
    }
    if (message.getHeader() == null || message.getHeader().getFields().isEmpty()) {
      throw new UnreadableMailException("the message has no header fields");
    }
    List<String> problems = new ArrayList<>();
    MailHeaders headers = headers(message, problems);
    Collector parts = new Collector(problems);
    parts.walk(message, false);
    return new ParsedMail(
        bare(headers.first("Message-ID")),
        firstId(headers.first("In-Reply-To")),
        allIds(headers.first("References")),
        from(message, headers, problems),
        addresses(message, "To", problems),
        addresses(message, "Cc", problems),
        addresses(message, "Reply-To", problems),
        headers.first("Subject"),
        date(message),
        mediaType(message),
        parameter(message, "report-type"),
        parts.text(),
        parts.html(),
        parts.attachments,
        headers,
        problems);
  }

  /** Gathers the body text, the HTML and the attachments while walking the MIME tree. */
  private static final class Collector {
    private final List<String> problems;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private boolean hasHtml;
    final List<MailAttachment> attachments = new ArrayList<>();

    Collector(List<String> problems) {
      this.problems = problems;
    }

    String text() {
      String plain = text.toString().strip();
      return plain.isEmpty() && hasHtml ? HtmlText.of(html.toString()) : plain;
    }

    String html() {
      return hasHtml ? html.toString() : null;
    }

    void walk(Entity entity, boolean alternative) {
      try {
        visit(entity, alternative);
      } catch (RuntimeException e) {
        problems.add("a " + mediaType(entity) + " part was skipped: " + e);
      }
    }

    private void visit(Entity entity, boolean inAlternative) {
      Body body = entity.getBody();
      String mediaType = mediaType(entity);
      if (body instanceof Multipart multipart) {
        boolean alternative = mediaType.equals("multipart/alternative");
        int textBefore = text.length();
        boolean htmlBefore = hasHtml;
        for (Entity part : multipart.getBodyParts()) {
          if (alternative && text.length() > textBefore && hasHtml != htmlBefore) {
            // One plain and one HTML rendering are enough; later ones are the same content.
            addAttachmentsOnly(part);
          } else {
            walk(part, alternative);
          }
        }
        return;
      }
      String name = AttachmentNames.declared(entity, problems);
      if (body instanceof Message nested) {
        attachments.add(
            new MailAttachment(
                name != null ? name : AttachmentNames.ofMessage(nested, entity, problems),
                mediaType,
                null,
                false,
                bytes(nested)));
        return;
      }
      if (!(body instanceof SingleBody single)) {
        return;
      }
      byte[] content;
      try (InputStream in = single.getInputStream()) {
        content = in.readAllBytes();
      } catch (IOException e) {
        problems.add("a " + mediaType + " part could not be decoded: " + e.getMessage());
        return;
      }
      boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType());
      boolean bodyText = !attachment && name == null;
      if (bodyText && mediaType.equals("text/plain") && !(inAlternative && text.length() > 0)) {
        append(text, MailCharsets.decode(content, charset(entity), problems));
      } else if (bodyText && mediaType.equals("text/html") && !(inAlternative && hasHtml)) {
        append(html, MailCharsets.decode(content, htmlCharset(entity, content), problems));
        hasHtml = true;
      } else if (WinmailAttachments.isWinmail(mediaType, name, content)) {
        addWinmail(entity, name, mediaType, content);
      } else {
        attachments.add(attachment(entity, name, mediaType, content));
      }
    }

    private void addAttachmentsOnly(Entity part) {
      Collector inner = new Collector(problems);
      inner.walk(part, true);
      attachments.addAll(inner.attachments);
    }

    private void addWinmail(Entity entity, String name, String mediaType, byte[] content) {
      try {
        List<MailAttachment> files = WinmailAttachments.unpack(content);
        if (!files.isEmpty()) {
          attachments.addAll(files);
          return;
        }
        problems.add("winmail.dat holds no files, kept as it is");
      } catch (IOException e) {
        problems.add("winmail.dat could not be unpacked, kept as it is: " + e.getMessage());
      }
      attachments.add(attachment(entity, name, mediaType, content));
    }

    private MailAttachment attachment(
        Entity entity, String name, String mediaType, byte[] content) {
      String contentId = bare(fieldBody(entity, "Content-ID"));
      String disposition = entity.getDispositionType();
      boolean inline =
          "inline".equalsIgnoreCase(disposition) || (disposition == null && contentId != null);
      return new MailAttachment(
          name != null
              ? name
              : AttachmentNames.ofPart(entity, mediaType, attachments.size() + 1, problems),
          mediaType,
          contentId,
          inline,
          content);
    }

    private static void append(StringBuilder target, String part) {
      if (target.length() > 0 && !part.isBlank()) {
        target.append("\n\n");
      }
      target.append(part);
    }
  }

  private static String charset(Entity entity) {
    Field field = entity.getHeader() == null ? null : entity.getHeader().getField("Content-Type");
    return field instanceof ContentTypeField type ? type.getParameter("charset") : null;
  }

  /** The declared charset, else the one a {@code <meta>} tag near the top names. */
  private static String htmlCharset(Entity entity, byte[] content) {
    String declared = charset(entity);
    if (declared != null && !declared.isBlank()) {
      return declared;
    }
    String head =
        new String(content, 0, Math.min(content.length, 2048), StandardCharsets.ISO_8859_1);
    Matcher meta = META_CHARSET.matcher(head);
    return meta.find() ? meta.group(1) : null;
  }

  static String mediaType(Entity entity) {
    String type = entity.getMimeType();
    return type == null ? "text/plain" : type.toLowerCase(Locale.ROOT);
  }

  private static String mediaType(Message message) {
    String type = message.getMimeType();
    return type == null ? "text/plain" : type.toLowerCase(Locale.ROOT);
  }

  static String fieldBody(Entity entity, String name) {
    Field field = entity.getHeader() == null ? null : entity.getHeader().getField(name);
    return field == null || field.getBody() == null ? null : field.getBody().strip();
  }

  private static byte[] bytes(Message nested) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new DefaultMessageWriter().writeMessage(nested, out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static MailHeaders headers(Message message, List<String> problems) {
    List<MailHeaders.Field> fields = new ArrayList<>();
    for (Field field : message.getHeader().getFields()) {
      fields.add(
          new MailHeaders.Field(field.getName(), HeaderText.decode(field.getBody(), problems)));
    }
    return new MailHeaders(fields);
  }

  private static Instant date(Message message) {
    try {
      return message.getDate() == null ? null : message.getDate().toInstant();
    } catch (RuntimeException unreadableDate) {
      return null;
    }
  }

  private static String parameter(Message message, String name) {
    Field type = message.getHeader().getField("Content-Type");
    if (type instanceof ContentTypeField contentType) {
      String value = contentType.getParameter(name);
      return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
    return null;
  }

  private static MailAddress from(Message message, MailHeaders headers, List<String> problems) {
    List<MailAddress> from = addresses(message, "From", problems);
    if (!from.isEmpty() && !from.get(0).address().isEmpty()) {
      return from.get(0);
    }
    return loose(headers.first("From"));
  }

  /** An address picked out of a From that does not parse as RFC 5322. */
  private static MailAddress loose(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Matcher m = BARE_ADDRESS.matcher(header);
    if (!m.find()) {
      return new MailAddress("", header.replaceAll("[\"<>]", "").strip());
    }
    String name = header.substring(0, m.start()) + header.substring(m.end());
    return new MailAddress(m.group(), name.replaceAll("[\"<>()]", "").strip());
  }

  /**
   * The mailboxes of an address field, parsed by mime4j from the raw text so that a quoted comma in
   * a name never splits it; names in raw 8-bit text are read in the charset they look like.
   */
  private static List<MailAddress> addresses(
      Message message, String fieldName, List<String> problems) {
    List<MailAddress> out = new ArrayList<>();
    Field field = message.getHeader().getField(fieldName);
    if (field == null || field.getBody() == null || field.getBody().isBlank()) {
      return out;
    }
    String raw = MimeUtil.unfold(field.getBody());
    boolean eightBit = !CharsetUtil.isASCII(raw);
    AddressList list;
    try {
      list = LenientAddressParser.DEFAULT.parseAddressList(raw);
    } catch (RuntimeException unparsable) {
      problems.add(fieldName + " could not be read: " + unparsable.getMessage());
      return out;
    }
    for (Address address : list) {
      if (address instanceof Mailbox mailbox) {
        out.add(address(mailbox, eightBit, problems));
      } else if (address instanceof Group group) {
        for (Mailbox mailbox : group.getMailboxes()) {
          out.add(address(mailbox, eightBit, problems));
        }
      }
    }
    return out;
  }

  private static MailAddress address(Mailbox mailbox, boolean eightBit, List<String> problems) {
    String name = mailbox.getName();
    if (name != null) {
      name = HeaderText.decodeWords(eightBit ? MailCharsets.repairRawHeader(name) : name, problems);
    }
    return new MailAddress(mailbox.getAddress(), name);
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
