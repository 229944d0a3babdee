package io.deskbridge.connector.email;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.ContentUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Decodes header values: unfolds them, reads raw 8-bit text in the charset it looks like, and
 * decodes RFC 2047 encoded words with mime4j after mapping misspelt charset labels to real ones.
 */
final class HeaderText {

  /** An encoded word; group 1 the charset, group 2 an RFC 2231 language to drop. */
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?*\\s]+)(\\*[^?\\s]*)?\\?([bBqQ])\\?([^?]*)\\?=");

  private HeaderText() {}

  /** The readable value of a raw header field body. */
  static String decode(String raw, List<String> problems) {
    return decode(raw, null, problems);
  }

  /** The readable value of a raw header field body; raw 8-bit text tried in the hint first. */
  static String decode(String raw, Charset hint, List<String> problems) {
    if (raw == null) {
      return "";
    }
    String value = MailCharsets.repairRawHeader(MimeUtil.unfold(raw), hint).strip();
    return decodeWords(value, problems);
  }

  /**
   * The body of a field as its bytes were, one char per byte: mime4j's own reading turns 8-bit
   * bytes into replacement characters, losing what a charset guess needs.
   */
  static String rawBody(Field field) {
    ByteSequence raw = field.getRaw();
    if (raw == null) {
      return field.getBody() == null ? "" : field.getBody();
    }
    String text = ContentUtil.decode(StandardCharsets.ISO_8859_1, raw);
    int colon = text.indexOf(':');
    return colon < 0 ? text : text.substring(colon + 1);
  }

  /**
   * The value with its RFC 2047 encoded words decoded, forgiving what real clients write: spaces or
   * raw 8-bit bytes inside a word, misspelt charset labels, UTF-7, and Shift_JIS bytes under an
   * ISO-2022-JP label. An unknown charset is guessed from the bytes and noted.
   */
  static String decodeWords(String value, List<String> problems) {
    if (value == null || !value.contains("=?")) {
      return value;
    }
    Matcher word = ENCODED_WORD.matcher(value);
    StringBuilder out = new StringBuilder(value.length());
    int last = 0;
    while (word.find()) {
      String between = value.substring(last, word.start());
      // White space between two encoded words only separates them (RFC 2047, 6.2).
      if (last == 0 || !between.isBlank()) {
        out.append(between);
      }
      out.append(decodeWord(word.group(1), word.group(3), word.group(4), problems));
      last = word.end();
    }
    out.append(value, last, value.length());
    return out.toString();
  }

  private static String decodeWord(
      String label, String encoding, String encoded, List<String> problems) {
    Optional<Charset> charset = MailCharsets.named(label);
    byte[] bytes =
        encoding.equalsIgnoreCase("B")
            ? base64(encoded)
            : quotedPrintable(encoded, charset.orElse(StandardCharsets.ISO_8859_1));
    if (MailCharsets.isUtf7(label)) {
      return Utf7.decode(bytes);
    }
    if (charset.isEmpty()) {
      Charset guessed = MailCharsets.guess(bytes);
      problems.add("unknown charset '" + label + "' in a header, read as " + guessed.name());
      return new String(bytes, guessed);
    }
    if (charset.get().name().contains("2022") && !MailCharsets.isAscii(bytes)) {
      // Japanese clients label 8-bit Shift_JIS as ISO-2022-JP.
      return new String(bytes, Charset.forName("windows-31j"));
    }
    return new String(bytes, charset.get());
  }

  private static byte[] base64(String encoded) {
    StringBuilder clean = new StringBuilder(encoded.length() + 3);
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (Character.isLetterOrDigit(c) && c < 0x80 || c == '+' || c == '/') {
        clean.append(c);
      }
    }
    if (clean.length() % 4 == 1) {
      clean.setLength(clean.length() - 1);
    }
    while (clean.length() % 4 != 0) {
      clean.append('=');
    }
    return Base64.getDecoder().decode(clean.toString());
  }

  private static byte[] quotedPrintable(String encoded, Charset charset) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '=' && isHex(encoded, i + 1)) {
        out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c < 0x80) {
        out.write(c);
      } else {
        // A raw 8-bit character inside a word, already read as text: back to its bytes.
        out.writeBytes(String.valueOf(c).getBytes(charset));
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(String text, int at) {
    return at + 1 < text.length()
        && Character.digit(text.charAt(at), 16) >= 0
        && Character.digit(text.charAt(at + 1), 16) >= 0;
  }
}
