package io.deskbridge.connector.email;

import java.util.List;
import java.util.Set;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.stream.Field;

/** Names attachments: the name the sender gave, else one made from what the part is. */
final class AttachmentNames {

  /** Report parts a reader recognises by their description ("Delivery report"). */
  private static final Set<String> REPORT_TYPES =
      Set.of(
          "message/delivery-status",
          "message/disposition-notification",
          "message/feedback-report",
          "text/rfc822-headers");

  private AttachmentNames() {}

  /**
   * The decoded file name from Content-Disposition (RFC 2231 and RFC 2047 both read by mime4j),
   * else the Content-Type name; null when the sender gave none.
   */
  static String declared(Entity entity, List<String> problems) {
    String name = entity.getFilename();
    if (name == null || name.isBlank()) {
      Field type = entity.getHeader() == null ? null : entity.getHeader().getField("Content-Type");
      if (type instanceof ContentTypeField contentType) {
        name = contentType.getParameter("name");
      }
    }
    if (name == null || name.isBlank()) {
      return null;
    }
    String decoded = HeaderText.decodeWords(MailCharsets.repairRawHeader(name), problems);
    // A name is a name, not a path on the sender's disk.
    int slash = Math.max(decoded.lastIndexOf('/'), decoded.lastIndexOf('\\'));
    return safe(
        slash >= 0 && slash < decoded.length() - 1 ? decoded.substring(slash + 1) : decoded);
  }

  /** A nested message is named by its subject, as mail clients save it. */
  static String ofMessage(Message nested, Entity part, List<String> problems) {
    Field subject = nested.getHeader() == null ? null : nested.getHeader().getField("Subject");
    String decoded = subject == null ? "" : HeaderText.decode(subject.getBody(), problems);
    if (decoded.isBlank()) {
      String description = MailParser.fieldBody(part, "Content-Description");
      decoded = description == null || description.isBlank() ? "message" : description;
    }
    return safe(decoded) + ".eml";
  }

  /** A part without a name: a report part by its description or type, any other by position. */
  static String ofPart(Entity entity, String mediaType, int position, List<String> problems) {
    String extension = MediaTypes.extension(mediaType);
    if (REPORT_TYPES.contains(mediaType)) {
      String description = MailParser.fieldBody(entity, "Content-Description");
      if (description != null && !description.isBlank()) {
        return safe(HeaderText.decode(description, problems)) + extension;
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
