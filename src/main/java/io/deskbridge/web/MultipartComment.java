package io.deskbridge.web;

import io.deskbridge.ticket.AttachmentUpload;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentDispositionField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A comment sent as {@code multipart/form-data}: a part named {@code comment} holding the same JSON
 * as a plain comment, and one part per file. Read from the raw body with mime4j, so the body stays
 * the bytes that were signed, fingerprinted for idempotency and stored raw.
 */
final class MultipartComment {

  /** The comment's JSON and its files. */
  record Parts(byte[] json, List<AttachmentUpload> files) {}

  private MultipartComment() {}

  static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  /**
   * Splits the body into the comment and its files.
   *
   * @throws ApiProblem naming the part at fault
   */
  static Parts read(String contentType, byte[] body) {
    Message message;
    try {
      DefaultMessageBuilder builder = new DefaultMessageBuilder();
      builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
      builder.setDecodeMonitor(DecodeMonitor.SILENT);
      InputStream whole =
          new SequenceInputStream(
              new ByteArrayInputStream(
                  ("Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)),
              new ByteArrayInputStream(body));
      message = builder.parseMessage(whole);
    } catch (IOException | RuntimeException e) {
      throw ApiProblem.badRequest("body", "the multipart body cannot be read: " + e.getMessage());
    }
    if (!(message.getBody() instanceof Multipart multipart)) {
      throw ApiProblem.badRequest("body", "the multipart body has no boundary it can be split at");
    }
    byte[] json = null;
    List<AttachmentUpload> files = new ArrayList<>();
    for (Entity part : multipart.getBodyParts()) {
      ContentDispositionField disposition =
          part.getHeader().getField("Content-Disposition") instanceof ContentDispositionField d
              ? d
              : null;
      String name = disposition == null ? null : disposition.getParameter("name");
      String filename = disposition == null ? null : disposition.getFilename();
      byte[] content = bytes(part, name);
      if (filename != null && !filename.isBlank()) {
        files.add(new AttachmentUpload(filename, part.getMimeType(), content));
      } else if ("comment".equals(name)) {
        json = content;
      } else {
        throw ApiProblem.badRequest(
            name == null ? "body" : name,
            "part '"
                + name
                + "' is neither the comment (a part named 'comment' with its JSON) nor a file"
                + " (a part with a filename)");
      }
    }
    if (json == null) {
      throw ApiProblem.badRequest(
          "comment", "a multipart comment needs a part named 'comment' with its JSON");
    }
    return new Parts(json, files);
  }

  private static byte[] bytes(Entity part, String name) {
    if (!(part.getBody() instanceof SingleBody single)) {
      throw ApiProblem.badRequest(name == null ? "body" : name, "a nested multipart is not a file");
    }
    try (InputStream in = single.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw ApiProblem.badRequest(
          name == null ? "body" : name, "part cannot be decoded: " + e.getMessage());
    }
  }
}
