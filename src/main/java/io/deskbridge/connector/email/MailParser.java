package io.deskbridge.connector.email;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
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
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.ContentUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Reads one raw message into a {@link ParsedMail} with Apache James mime4j, tolerant of the
 * malformed mail the world sends: a part it cannot decode is noted in the problems and skipped,
 * never the whole message.
 */
public final class MailParser {

  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
  private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>\"',;()]+@[^\\s<>\"',;()]+");
  private static final Pattern LOCAL_WITH_COMMENT =
      Pattern.compile("\\s*([^\\s()<>\"@]+)\\s*\\(([^()]*)\\)\\s*");
  private static final Pattern COMMENT = Pattern.compile("\\(([^()]+)\\)");
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
      int start = MailShape.headerStart(raw);
      message = builder.parseMessage(new ByteArrayInputStream(raw, start, raw.length - start));
    } catch (IOException | RuntimeException e) {
      throw new UnreadableMailException("not a mail message: " + e.getMessage(), e);
    }
    if (message.getHeader() == null || message.getHeader().getFields().isEmpty()) {
      throw new UnreadableMailException("the message has no header fields");
    }
    try {
      return read(message, raw);
    } catch (RuntimeException unforeseen) {
      // Every step below notes and skips what it cannot read; this is the last guard.
      throw new UnreadableMailException("the message could not be read: " + unforeseen, unforeseen);
    }
  }

  private ParsedMail read(Message message, byte[] raw) {
    List<String> problems = new ArrayList<>();
    Charset hint = declaredCharset(message);
    MailHeaders headers = headers(message, hint, declaresUtf7(message), problems);
    Collector parts = new Collector(problems, hint);
    parts.walk(message, false);
    if (parts.hasNestedMessages()) {
      parts.useSentBytes(NestedMessages.of(raw, MailShape.headerStart(raw), config));
    }
    return new ParsedMail(
        bare(headers.first("Message-ID")),
        firstId(headers.first("In-Reply-To")),
        allIds(headers.first("References")),
        from(message, headers, hint, problems),
        addresses(message, "To", hint, problems),
        addresses(message, "Cc", hint, problems),
        addresses(message, "Reply-To", hint, problems),
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
    private final Charset hint;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private boolean hasHtml;
    private boolean completeBody;
    private final List<Integer> nestedPositions = new ArrayList<>();
    final List<MailAttachment> attachments = new ArrayList<>();

    Collector(List<String> problems, Charset hint) {
      this.problems = problems;
      this.hint = hint;
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
        // An alternative is a whole body: text parts after it are files, not more body.
        completeBody |= alternative && (text.length() > textBefore || hasHtml != htmlBefore);
        return;
      }
      String name = AttachmentNames.declared(entity, hint, problems);
      if (body instanceof Message nested) {
        nestedPositions.add(attachments.size());
        attachments.add(
            new MailAttachment(
                name != null ? name : AttachmentNames.ofMessage(nested, entity, hint, problems),
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
      if (UuEncoded.isUuencoding(entity.getContentTransferEncoding())) {
        content = UuEncoded.decodePart(content);
      }
      boolean attachment = "attachment".equalsIgnoreCase(entity.getDispositionType());
      // A text part marked inline is shown as part of the body, even when it has a name.
      boolean shownInline =
          "inline".equalsIgnoreCase(entity.getDispositionType()) && mediaType.equals("text/plain");
      boolean bodyText = !attachment && (name == null || shownInline) && !completeBody;
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

    boolean hasNestedMessages() {
      return !nestedPositions.isEmpty();
    }

    /**
     * Puts the bytes of the nested messages as sent in place of their rewritten form, when the
     * stream pass found exactly as many as the tree walk.
     */
    void useSentBytes(List<byte[]> sent) {
      if (sent.size() != nestedPositions.size()) {
        return;
      }
      for (int i = 0; i < sent.size(); i++) {
        int at = nestedPositions.get(i);
        MailAttachment written = attachments.get(at);
        attachments.set(
            at, new MailAttachment(written.name(), written.mediaType(), null, false, sent.get(i)));
      }
    }

    private void addAttachmentsOnly(Entity part) {
      Collector inner = new Collector(problems, hint);
      inner.walk(part, true);
      for (int position : inner.nestedPositions) {
        nestedPositions.add(attachments.size() + position);
      }
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
              : AttachmentNames.ofPart(entity, mediaType, attachments.size() + 1, hint, problems),
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

  private static MailHeaders headers(
      Message message, Charset hint, boolean utf7, List<String> problems) {
    List<MailHeaders.Field> fields = new ArrayList<>();
    for (Field field : message.getHeader().getFields()) {
      String value = HeaderText.decode(HeaderText.rawBody(field), hint, problems);
      if (utf7 && field.getName().equalsIgnoreCase("Subject")) {
        // A client that writes its text in UTF-7 writes its raw subject in UTF-7 too.
        value = Utf7.decode(value);
      }
      fields.add(new MailHeaders.Field(field.getName(), value));
    }
    return new MailHeaders(fields);
  }

  private static boolean declaresUtf7(Message message) {
    return MailCharsets.isUtf7(charset(message));
  }

  /**
   * The first charset the message declares for its text, other than US-ASCII: the best guess for
   * raw 8-bit header text, which its client wrote in the same charset.
   */
  private static Charset declaredCharset(Entity entity) {
    String declared = charset(entity);
    if (declared != null) {
      Charset named = MailCharsets.named(declared).orElse(null);
      if (named != null && !named.equals(StandardCharsets.US_ASCII)) {
        return named;
      }
    }
    if (entity.getBody() instanceof Multipart multipart) {
      for (Entity part : multipart.getBodyParts()) {
        Charset found = declaredCharset(part);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
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

  /**
   * The sender: the first mailbox with a domain in any From field (spam and broken gateways write
   * two), else what a loose reading of From finds, else the Sender or Reply-To, which is where an
   * answer would go.
   */
  private static MailAddress from(
      Message message, MailHeaders headers, Charset hint, List<String> problems) {
    List<MailAddress> candidates = new ArrayList<>();
    for (Field field : message.getHeader().getFields("From")) {
      candidates.addAll(addresses(field, "From", hint, problems));
    }
    for (MailAddress address : candidates) {
      if (address.address().indexOf('@') > 0) {
        return address;
      }
    }
    MailAddress loose = loose(headers.first("From"));
    if (loose != null && loose.address().indexOf('@') > 0) {
      return loose;
    }
    for (String other : List.of("Sender", "Reply-To")) {
      for (MailAddress address : addresses(message, other, hint, problems)) {
        if (address.address().indexOf('@') > 0) {
          return address;
        }
      }
    }
    for (MailAddress address : candidates) {
      if (!address.address().isEmpty()) {
        return address;
      }
    }
    return loose;
  }

  /**
   * The address in a From that does not parse as RFC 5322, with the words just before it as the
   * name ({@code "ACME, Ltd" <>, "Sales" <sales@acme.test>} is Sales).
   */
  private static MailAddress loose(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Matcher m = BARE_ADDRESS.matcher(header);
    if (!m.find()) {
      Matcher local = LOCAL_WITH_COMMENT.matcher(header);
      return local.matches()
          ? new MailAddress(local.group(1), local.group(2))
          : new MailAddress("", header.replaceAll("[\"<>]", "").strip());
    }
    String before = header.substring(0, m.start());
    before = before.substring(Math.max(before.lastIndexOf(','), before.lastIndexOf('>')) + 1);
    String name = before.replaceAll("[\"<>]", "").strip();
    if (name.isEmpty()) {
      Matcher comment = COMMENT.matcher(header.substring(m.end()));
      name = comment.find() ? comment.group(1) : "";
    }
    return new MailAddress(m.group(), name);
  }

  /**
   * The mailboxes of an address field, parsed by mime4j from the raw bytes so that a quoted comma
   * in a name never splits it; names in raw 8-bit text are read in the charset they look like.
   */
  private static List<MailAddress> addresses(
      Message message, String fieldName, Charset hint, List<String> problems) {
    Field field = message.getHeader().getField(fieldName);
    return field == null ? new ArrayList<>() : addresses(field, fieldName, hint, problems);
  }

  private static List<MailAddress> addresses(
      Field field, String fieldName, Charset hint, List<String> problems) {
    List<MailAddress> out = new ArrayList<>();
    String raw = MimeUtil.unfold(HeaderText.rawBody(field));
    if (raw.isBlank()) {
      return out;
    }
    boolean eightBit = !CharsetUtil.isASCII(raw);
    AddressList list;
    try {
      list =
          LenientAddressParser.DEFAULT.parseAddressList(
              ContentUtil.encode(StandardCharsets.ISO_8859_1, raw),
              new ParserCursor(0, raw.length()));
    } catch (RuntimeException unparsable) {
      problems.add(fieldName + " could not be read: " + unparsable.getMessage());
      return out;
    }
    List<Mailbox> mailboxes = new ArrayList<>();
    for (Address address : list) {
      if (address instanceof Mailbox mailbox) {
        mailboxes.add(mailbox);
      } else if (address instanceof Group group) {
        group.getMailboxes().forEach(mailboxes::add);
      }
    }
    for (Mailbox mailbox : mailboxes) {
      String name = mailbox.getName();
      if (name != null
          && name.indexOf('\ufffd') >= 0
          && raw.contains("=?")
          && mailboxes.size() == 1) {
        // mime4j decoded an encoded word with the wrong charset; decode the phrase again.
        int angle = raw.indexOf('<');
        name = angle > 0 ? raw.substring(0, angle).replace("\"", "").strip() : name;
      }
      if (name != null) {
        name =
            HeaderText.decodeWords(
                eightBit ? MailCharsets.repairRawHeader(name, hint) : name, problems);
      } else if (mailboxes.size() == 1) {
        // "sales@acme.test (ACME Sales)": the old comment form of a name.
        Matcher comment = COMMENT.matcher(raw);
        name = comment.find() ? HeaderText.decode(comment.group(1), hint, problems) : null;
      }
      out.add(new MailAddress(mailbox.getAddress(), name));
    }
    return out;
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
