package io.deskbridge.connector.email;

/**
 * Tells bytes that are a mail from bytes that are not (nothing, binary data, text without a
 * header), before a MIME parser makes a message out of anything.
 */
final class MailShape {

  /** How much of the header is looked at for binary bytes. */
  private static final int SAMPLE = 8192;

  private MailShape() {}

  /**
   * Passes when the bytes start with a header field (after an optional mbox {@code From } line).
   *
   * @throws UnreadableMailException saying why the bytes are not a mail
   */
  static void check(byte[] raw) throws UnreadableMailException {
    if (raw == null || raw.length == 0) {
      throw new UnreadableMailException("the message is empty");
    }
    int start = headerStart(raw);
    if (start == raw.length) {
      throw new UnreadableMailException("the message is blank");
    }
    int end = headerEnd(raw, start);
    int controls = 0;
    for (int i = start; i < end; i++) {
      int b = raw[i] & 0xFF;
      if (b == 0) {
        throw new UnreadableMailException("binary data, not a mail (NUL byte at " + i + ")");
      }
      // ESC belongs to ISO-2022-JP headers; tab, CR and LF to every mail.
      if (b < 0x20 && b != '\t' && b != '\r' && b != '\n' && b != 0x1B) {
        controls++;
      }
    }
    if (controls * 20 > end - start) {
      throw new UnreadableMailException("binary data, not a mail (control bytes)");
    }
    if (!isFieldLine(raw, start)) {
      throw new UnreadableMailException("no header: the first line is not a header field");
    }
  }

  /**
   * Where the header starts: after leading blank lines and an mbox {@code From } line, which is the
   * mailbox file's separator, not part of the message.
   */
  static int headerStart(byte[] raw) {
    int start = 0;
    while (start < raw.length && (raw[start] == '\r' || raw[start] == '\n')) {
      start++;
    }
    return startsWith(raw, start, "From ") ? nextLine(raw, start) : start;
  }

  /** The end of the header (its blank line), looking no further than the sample. */
  private static int headerEnd(byte[] raw, int start) {
    int limit = Math.min(raw.length, start + SAMPLE);
    for (int i = start; i + 1 < limit; i++) {
      if (raw[i] == '\n'
          && (raw[i + 1] == '\n' || (raw[i + 1] == '\r' && i + 2 < limit && raw[i + 2] == '\n'))) {
        return i + 1;
      }
    }
    return limit;
  }

  private static boolean isFieldLine(byte[] raw, int start) {
    int i = start;
    while (i < raw.length) {
      int b = raw[i] & 0xFF;
      if (b == ':') {
        return i > start;
      }
      if (b == ' ' || b == '\t') {
        // Some writers put a space before the colon ("Subject : x").
        int j = i;
        while (j < raw.length && (raw[j] == ' ' || raw[j] == '\t')) {
          j++;
        }
        return j < raw.length && raw[j] == ':' && i > start;
      }
      if (b <= 0x20 || b >= 0x7F) {
        return false;
      }
      i++;
    }
    return false;
  }

  private static boolean startsWith(byte[] raw, int start, String prefix) {
    if (raw.length - start < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (raw[start + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int nextLine(byte[] raw, int start) {
    int i = start;
    while (i < raw.length && raw[i] != '\n') {
      i++;
    }
    return Math.min(raw.length, i + 1);
  }
}
