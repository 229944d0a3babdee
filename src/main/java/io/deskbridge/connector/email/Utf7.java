package io.deskbridge.connector.email;

import java.nio.charset.StandardCharsets;

/** Reads UTF-7 (RFC 2152), which old Outlook versions sent and Java has no charset for. */
final class Utf7 {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private Utf7() {}

  /** The text of UTF-7 bytes; a broken shifted run is kept as it was written. */
  static String decode(byte[] bytes) {
    return decode(new String(bytes, StandardCharsets.US_ASCII));
  }

  /** The text of UTF-7 text already read as characters. */
  static String decode(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c != '+') {
        out.append(c);
        i++;
        continue;
      }
      int end = i + 1;
      while (end < text.length() && isBase64(text.charAt(end))) {
        end++;
      }
      if (end == i + 1) {
        // "+-" is a literal plus sign.
        out.append('+');
      } else {
        out.append(shifted(text.substring(i + 1, end), text.substring(i, end)));
      }
      i = end < text.length() && text.charAt(end) == '-' ? end + 1 : end;
    }
    return out.toString();
  }

  /** A shifted run: base64 of UTF-16BE without padding; left-over bits are dropped. */
  private static String shifted(String base64, String original) {
    byte[] utf16 = new byte[base64.length() * 6 / 8];
    int length = 0;
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < base64.length(); i++) {
      buffer = (buffer << 6) | ALPHABET.indexOf(base64.charAt(i));
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        utf16[length++] = (byte) (buffer >> bits);
      }
    }
    if (length < 2) {
      return original;
    }
    return new String(utf16, 0, length - length % 2, StandardCharsets.UTF_16BE);
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/';
  }
}
