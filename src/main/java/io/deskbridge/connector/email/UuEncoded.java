package io.deskbridge.connector.email;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads uuencoded files, which old clients send as a part with Content-Transfer-Encoding x-uuencode
 * or as {@code begin 644 name ... end} blocks inside a plain-text body.
 */
final class UuEncoded {

  private static final Pattern BLOCK =
      Pattern.compile(
          "(?m)^begin [0-7]{3,4} ([^\\r\\n]+)\\r?\\n((?:[^\\r\\n]*\\r?\\n)*?)`?\\r?\\n?end[ \\t]*$");

  private UuEncoded() {}

  /** Whether a Content-Transfer-Encoding names uuencoding. */
  static boolean isUuencoding(String transferEncoding) {
    if (transferEncoding == null) {
      return false;
    }
    String encoding = transferEncoding.strip().toLowerCase(Locale.ROOT);
    return encoding.equals("x-uuencode") || encoding.equals("uuencode") || encoding.equals("x-uue");
  }

  /** The file inside a uuencoded part; the bytes as they are when there is no begin line. */
  static byte[] decodePart(byte[] part) {
    String text = new String(part, java.nio.charset.StandardCharsets.ISO_8859_1);
    Matcher block = BLOCK.matcher(text);
    if (block.find()) {
      return decodeLines(block.group(2));
    }
    // Some writers send the encoded lines without the begin and end lines around them.
    return decodeLines(text.replaceAll("(?m)^(begin [0-7]{3,4} .*|end\\s*)$", ""));
  }

  private static byte[] decodeLines(String lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String line : lines.split("\\r?\\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int length = (line.charAt(0) - ' ') & 0x3F;
      int written = 0;
      for (int i = 1; written < length && i + 3 < line.length() + 3; i += 4) {
        int a = sixBits(line, i);
        int b = sixBits(line, i + 1);
        int c = sixBits(line, i + 2);
        int d = sixBits(line, i + 3);
        int[] bytes = {(a << 2) | (b >> 4), ((b & 0xF) << 4) | (c >> 2), ((c & 0x3) << 6) | d};
        for (int k = 0; k < 3 && written < length; k++, written++) {
          out.write(bytes[k] & 0xFF);
        }
      }
    }
    return out.toByteArray();
  }

  private static int sixBits(String line, int at) {
    return at < line.length() ? (line.charAt(at) - ' ') & 0x3F : 0;
  }
}
