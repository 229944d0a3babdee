package io.deskbridge.connector.email;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds where a reply's signature starts: the "-- " delimiter, and the trailers mobile and webmail
 * clients append ("Sent from my iPhone", "Отправлено из мобильной Почты Mail.ru").
 */
final class SignatureBlock {

  /** A real signature is short; a longer tail after "--" is more likely content. */
  private static final int MAX_SIGNATURE_LINES = 20;

  private static final int MAX_TRAILER_CHARS = 120;

  private static final String WORDS = "[\\p{L}\\p{N}'’.&\\- ]{1,40}";

  private static final String LINK = "(?:" + "\\s*<[^<>]{1,300}>|\\s*\\([^()]{1,300}\\))?";

  private static final Pattern TRAILER =
      Pattern.compile(
          "^\\s*(?:sent (?:from|with|via|using) "
              + WORDS
              + LINK
              + "|get outlook for (?:ios|android)"
              + LINK
              + "|envoy[ée] à partir de "
              + WORDS
              + LINK
              + "|obtenir outlook pour (?:ios|android)"
              + LINK
              + "|outlook für (?:ios|android) beziehen"
              + LINK
              + "|(?:получить|скачать) outlook для (?:ios|android)"
              + LINK
              + "|отправлено (?:с|из|через) "
              + WORDS
              + LINK
              + "|надіслано (?:з|із|через) "
              + WORDS
              + LINK
              + "|von meinem "
              + WORDS
              + " gesendet|gesendet (?:von|mit) "
              + WORDS
              + LINK
              + "|envoy[ée] (?:de|depuis|avec) "
              + WORDS
              + LINK
              + "|enviado (?:desde|de|con) "
              + WORDS
              + LINK
              + "|inviato da "
              + WORDS
              + LINK
              + "|verzonden (?:vanaf|met|van) "
              + WORDS
              + LINK
              + "|wys[łl]ane (?:z|ze) "
              + WORDS
              + LINK
              + "|skickat från "
              + WORDS
              + LINK
              + "|sendt fra "
              + WORDS
              + LINK
              + ")\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** A sign-off on a line of its own; thanks are left alone, as partners often mean them. */
  private static final Pattern VALEDICTION =
      Pattern.compile(
          "^\\s*(?:(?:best|kind|warm|warmest|many|with best|with kind)\\s+regards|regards"
              + "|best wishes|с уважением|с наилучшими пожеланиями"
              + "|з повагою|mit freundlichen grüßen|mit freundlichen grüssen|viele grüße"
              + "|beste grüße|cordialement|bien cordialement|salutations|pozdrawiam"
              + "|z poważaniem|met vriendelijke groet|vriendelijke groeten|saludos|un saludo"
              + "|atentamente|cordiali saluti|distinti saluti|med vänlig hälsning|venlig hilsen"
              + "|med vennlig hilsen|ystävällisin terveisin)\\s*[,.!]?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** A sign-off block is a name and a few contact lines, never a paragraph. */
  private static final int MAX_SIGN_OFF_LINES = 6;

  private static final int MAX_SIGN_OFF_LINE_CHARS = 60;

  /** The letters trailers start with, to turn most lines away before the regex runs. */
  private static final String TRAILER_INITIALS = "sgeoviwпсон";

  private SignatureBlock() {}

  private static char firstVisible(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (!Character.isWhitespace(line.charAt(i))) {
        return line.charAt(i);
      }
    }
    return ' ';
  }

  /**
   * The index where a closing sign-off block starts ("Regards," and the name and title under it),
   * or -1 when the lines do not end with one.
   */
  static int signOffIndex(List<String> lines) {
    int nonBlank = 0;
    for (int i = lines.size() - 1; i > 0; i--) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      if (VALEDICTION.matcher(line).matches()) {
        return i;
      }
      if (++nonBlank > MAX_SIGN_OFF_LINES || line.length() > MAX_SIGN_OFF_LINE_CHARS) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * The index of the line the signature starts at: a "-- " delimiter, or a client's "sent from"
   * trailer, below which a client puts nothing the partner wrote; -1 when there is none.
   */
  static int delimiterIndex(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (i > 0 && isTrailer(line)) {
        return i;
      }
      if ((line.equals("--")
              || line.equals("-- ")
              || line.equals("--\u00a0")
              || isUnderscoreRule(line))
          && lines.size() - i - 1 <= MAX_SIGNATURE_LINES) {
        return i;
      }
    }
    return -1;
  }

  /** Mailing lists put their footer under a line of underscores, as Outlook does its history. */
  private static boolean isUnderscoreRule(String line) {
    String stripped = line.strip();
    return stripped.length() >= 2 && stripped.chars().allMatch(c -> c == '_');
  }

  /** Whether the line is a client's "sent from" trailer rather than something the partner wrote. */
  static boolean isTrailer(String line) {
    return line.length() <= MAX_TRAILER_CHARS
        && TRAILER_INITIALS.indexOf(Character.toLowerCase(firstVisible(line))) >= 0
        && TRAILER.matcher(line).matches();
  }

  /** Whether the line only draws a rule (dashes, underscores, equals signs) or is empty. */
  static boolean isRuleOrBlank(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!Character.isWhitespace(c)
          && c != '\u00a0'
          && c != '-'
          && c != '_'
          && c != '='
          && c != '*') {
        return false;
      }
    }
    return true;
  }
}
