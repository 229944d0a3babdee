package io.deskbridge.connector.email;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.CharsetUtil;
import org.apache.james.mime4j.util.ContentUtil;

/** Names attachments: the name the sender gave, else one made from what the part is. */
final class AttachmentNames {

  /** Report parts a reader recognises by their description ("Delivery report"). */
  private static final Set<String> REPORT_TYPES =
      Set.of(
          "message/delivery-status",
          "message/disposition-notification",
          "message/feedback-report",
          "text/rfc822-headers");

  /** A bare file name with a short extension, as opposed to a URL or an opaque id. */
  private static final Pattern LOOKS_LIKE_FILE =
      Pattern.compile("[^/\\\\:?#<>\"]{1,200}\\.[A-Za-z0-9]{1,5}");

  /** A plain (not RFC 2231) file name parameter, quoted or not. */
  private static final Pattern RAW_NAME =
      Pattern.compile("(?i)[;\\s](?:file)?name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

  private AttachmentNames() {}

  /**
   * The file name parameter when it was written as raw 8-bit bytes (one char per byte), which
   * mime4j would have turned into replacement characters; null otherwise.
   */
  private static String rawEightBitName(Entity entity) {
    if (entity.getHeader() == null) {
      return null;
    }
    for (String fieldName : List.of("Content-Disposition", "Content-Type")) {
      Field field = entity.getHeader().getField(fieldName);
      if (field == null || field.getRaw() == null) {
        continue;
      }
      String raw = ContentUtil.decode(StandardCharsets.ISO_8859_1, field.getRaw());
      if (CharsetUtil.isASCII(raw)) {
        continue;
      }
      // mime4j's parameter parser reads 8-bit bytes as replacement characters.
      Matcher parameter = RAW_NAME.matcher(raw);
      if (parameter.find()) {
        String value = parameter.group(1) != null ? parameter.group(1) : parameter.group(2);
        if (!CharsetUtil.isASCII(value)) {
          return value;
        }
      }
    }
    return null;
  }

  /**
   * The decoded file name from Content-Disposition (RFC 2231 and RFC 2047 both read by mime4j),
   * else the Content-Type name; null when the sender gave none.
   */
  static String declared(Entity entity, Charset hint, List<String> problems) {
    String name = rawEightBitName(entity);
    if (name != null) {
      name = MailCharsets.repairRawHeader(name, hint);
    } else {
      name = entity.getFilename();
    }
    if (name == null || name.isBlank()) {
      Field type = entity.getHeader() == null ? null : entity.getHeader().getField("Content-Type");
      if (type instanceof ContentTypeField contentType) {
        name = contentType.getParameter("name");
      }
    }
    if (name == null || name.isBlank()) {
      return null;
    }
    String decoded = HeaderText.decodeWords(name, problems);
    // A name is a name, not a path on the sender's disk.
    int slash = Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\'));
    return safe(
        slash >= 0 && slash < decoded.length() - 1 ? decoded.substring(slash + 1) : decoded);
  }

  /** A nested message is named by its subject, as mail clients save it. */
  static String ofMessage(Message nested, Entity part, Charset hint, List<String> problems) {
    Field subject = nested.getHeader() == null ? null : nested.getHeader().getField("Subject");
    String decoded =
        subject == null ? "" : HeaderText.decode(HeaderText.rawBody(subject), hint, problems);
    if (decoded.isBlank()) {
      String description = MailParser.fieldBody(part, "Content-Description");
      decoded = description == null || description.isBlank() ? "message" : description;
    }
    return safe(decoded) + ".eml";
  }

  /** A part without a name: a report part by its description or type, any other by position. */
  static String ofPart(
      Entity entity, String mediaType, int position, Charset hint, List<String> problems) {
    String extension = MediaTypes.extension(mediaType);
    String location = MailParser.fieldBody(entity, "Content-Location");
    if (location != null && LOOKS_LIKE_FILE.matcher(location).matches()) {
      return safe(location.substring(location.lastIndexOf('/') + 1));
    }
    String contentId = MailParser.bare(MailParser.fieldBody(entity, "Content-ID"));
    if (contentId != null) {
      // Outlook and Apple Mail name inline images in the Content-ID: image001.jpg@01CDB132.D8A510F0
      String local = contentId.substring(0, Math.max(0, contentId.indexOf('@')));
      if (LOOKS_LIKE_FILE.matcher(local).matches()) {
        return safe(local);
      }
    }
    if (REPORT_TYPES.contains(mediaType)) {
      String description = MailParser.fieldBody(entity, "Content-Description");
      if (description != null && !description.isBlank()) {
        return safe(HeaderText.decode(description, hint, problems)) + extension;
      }
      return mediaType.substring(mediaType.indexOf('/') + 1) + extension;
    }
    return "attachment-" + position + extension;
  }

  /** Without path separators and control characters, which have no place in a file name. */
  private static String safe(String name) {
    String clean = name.replaceAll("\\p{Cntrl}", "").replace('/', '_').replace('\\', '_').strip();
    return clean.isEmpty() ? "attachment" : clean;
  }
}
