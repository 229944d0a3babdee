package io.deskbridge.connector.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;

/**
 * Unpacks the files Outlook wraps in a {@code winmail.dat} (TNEF, {@code application/ms-tnef})
 * attachment, with Apache POI's HMEF reader.
 */
public final class WinmailAttachments {

  /** The four bytes every TNEF stream starts with (0x223E9F78, little-endian). */
  private static final byte[] SIGNATURE = {0x78, (byte) 0x9F, 0x3E, 0x22};

  private WinmailAttachments() {}

  /** Whether a part is a TNEF stream, judged by its media type, its name or its first bytes. */
  public static boolean isWinmail(String mediaType, String name, byte[] content) {
    return "application/ms-tnef".equals(mediaType)
        || "application/vnd.ms-tnef".equals(mediaType)
        || "winmail.dat".equalsIgnoreCase(name)
        || startsWithSignature(content);
  }

  /**
   * The files inside a TNEF stream, in order, as attachments.
   *
   * @throws IOException when the stream is not TNEF or is broken
   */
  public static List<MailAttachment> unpack(byte[] tnef) throws IOException {
    if (!startsWithSignature(tnef)) {
      throw new IOException("not a TNEF stream (no TNEF signature)");
    }
    try {
      return withPoi(tnef);
    } catch (IOException | RuntimeException poiRejected) {
      List<MailAttachment> files = TnefStream.files(tnef);
      if (files.isEmpty()) {
        throw new IOException("TNEF stream without readable files: " + poiRejected, poiRejected);
      }
      return files;
    }
  }

  private static List<MailAttachment> withPoi(byte[] tnef) throws IOException {
    HMEFMessage message;
    try {
      message = new HMEFMessage(new ByteArrayInputStream(tnef));
    } catch (RuntimeException e) {
      // POI signals malformed TNEF with unchecked exceptions.
      throw new IOException("broken TNEF stream: " + e, e);
    }
    List<MailAttachment> files = new ArrayList<>();
    int position = 0;
    for (Attachment attachment : message.getAttachments()) {
      position++;
      byte[] content;
      String name;
      try {
        content = attachment.getContents();
        name = name(attachment, position);
      } catch (RuntimeException e) {
        throw new IOException("broken file " + position + " in TNEF stream: " + e, e);
      }
      if (content == null) {
        // An embedded Outlook item or OLE object, not a file.
        continue;
      }
      files.add(new MailAttachment(name, MediaTypes.byName(name), null, false, content));
    }
    return files;
  }

  private static String name(Attachment attachment, int position) {
    String name = attachment.getLongFilename();
    if (name == null || name.isBlank()) {
      name = attachment.getFilename();
    }
    return name == null || name.isBlank() ? "attachment-" + position : name.strip();
  }

  private static boolean startsWithSignature(byte[] content) {
    if (content == null || content.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (content[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }
}
