package io.deskbridge.connector.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Small hand-written messages for the reader's tests. */
final class MailFixtures {

  private MailFixtures() {}

  /** The message text as the bytes a mail server would hand over, CRLF line ends. */
  static byte[] mail(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A header in ASCII followed by a body in raw bytes. */
  static byte[] mail(String header, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(mail(header.strip() + "\n\n"));
    out.writeBytes(body);
    return out.toByteArray();
  }

  /** An Outlook-style message whose only attachment is the given TNEF stream. */
  static byte[] withWinmail(byte[] tnef) {
    String encoded = Base64.getMimeEncoder().encodeToString(tnef);
    return mail(
        """
        From: Outlook User <user@example.com>
        To: support@example.com
        Subject: with winmail.dat
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="b1"

        --b1
        Content-Type: text/plain; charset=us-ascii

        See attached.
        --b1
        Content-Type: application/ms-tnef; name="winmail.dat"
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment; filename="winmail.dat"

        """
            + encoded
            + "\n--b1--\n");
  }
}
