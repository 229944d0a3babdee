package io.deskbridge.connector.email;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Decodes header values: unfolds them, reads raw 8-bit text in the charset it looks like, and
 * decodes RFC 2047 encoded words with mime4j after mapping misspelt charset labels to real ones.
 */
final class HeaderText {

  /** An encoded word; group 1 the charset, group 2 an RFC 2231 language to drop. */
  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?*\\s]+)(\\*[^?\\s]*)?\\?([bBqQ])\\?([^?\\s]*)\\?=");

  private HeaderText() {}

  /** The readable value of a raw header field body. */
  static String decode(String raw, List<String> problems) {
    if (raw == null) {
      return "";
    }
    String value = MailCharsets.repairRawHeader(MimeUtil.unfold(raw)).strip();
    return decodeWords(value, problems);
  }

  /** The value with its encoded words decoded; unknown charsets are read as UTF-8, noted. */
  static String decodeWords(String value, List<String> problems) {
    if (value == null || !value.contains("=?")) {
      return value;
    }
    Matcher word = ENCODED_WORD.matcher(value);
    StringBuilder normalised = new StringBuilder(value.length());
    while (word.find()) {
      Optional<Charset> charset = MailCharsets.named(word.group(1));
      if (charset.isEmpty()) {
        problems.add("unknown charset '" + word.group(1) + "' in a header, read as UTF-8");
      }
      String label = charset.map(Charset::name).orElse("UTF-8");
      word.appendReplacement(
          normalised,
          Matcher.quoteReplacement(
              "=?" + label + "?" + word.group(3) + "?" + word.group(4) + "?="));
    }
    word.appendTail(normalised);
    try {
      return DecoderUtil.decodeEncodedWords(normalised.toString(), DecodeMonitor.SILENT);
    } catch (RuntimeException undecodable) {
      problems.add("a header's encoded words could not be decoded: " + undecodable.getMessage());
      return value;
    }
  }
}
