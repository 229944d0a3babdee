package io.deskbridge.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A date pattern made only of fixed-width numbers and punctuation ({@code dd.MM.yyyy HH:mm}), read
 * without the general formatter. Partner exports nearly always use such a pattern, and the general
 * formatter's strict resolution is the dearest step of an inbound mapping. It accepts exactly the
 * texts the formatter would accept for the same pattern and gives the same instant; any text it is
 * unsure of it leaves to the formatter.
 */
final class DigitDatePattern {

  private static final int YEAR = 0;
  private static final int MONTH = 1;
  private static final int DAY = 2;
  private static final int HOUR = 3;
  private static final int MINUTE = 4;
  private static final int SECOND = 5;

  // Per position of the text: the field a digit belongs to, or -1 for a literal character.
  private final int[] fieldAt;
  private final char[] literalAt;
  private final boolean hasTime;

  private DigitDatePattern(int[] fieldAt, char[] literalAt, boolean hasTime) {
    this.fieldAt = fieldAt;
    this.literalAt = literalAt;
    this.hasTime = hasTime;
  }

  /** The pattern compiled, or null when it has anything but the fixed-width numbers it knows. */
  static DigitDatePattern compile(String pattern) {
    int[] fieldAt = new int[pattern.length()];
    char[] literalAt = new char[pattern.length()];
    boolean[] seen = new boolean[6];
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      int run = i;
      while (run < pattern.length() && pattern.charAt(run) == c) {
        run++;
      }
      int width = run - i;
      int field = field(c, width);
      if (field == -2) {
        return null;
      }
      if (field >= 0) {
        if (seen[field]) {
          return null;
        }
        seen[field] = true;
      }
      for (int j = i; j < run; j++) {
        fieldAt[j] = field;
        literalAt[j] = c;
      }
      i = run;
    }
    boolean complete = seen[YEAR] && seen[MONTH] && seen[DAY];
    boolean hasTime = seen[HOUR] || seen[MINUTE] || seen[SECOND];
    // A time needs its hour, and seconds need their minutes, or the formatter resolves otherwise.
    if (!complete || (hasTime && !seen[HOUR]) || (seen[SECOND] && !seen[MINUTE])) {
      return null;
    }
    return new DigitDatePattern(fieldAt, literalAt, hasTime);
  }

  /** -1 for a literal, -2 for anything this class does not read. */
  private static int field(char c, int width) {
    return switch (c) {
      case 'y', 'u' -> width == 4 ? YEAR : -2;
      case 'M' -> width == 2 ? MONTH : -2;
      case 'd' -> width == 2 ? DAY : -2;
      case 'H' -> width == 2 ? HOUR : -2;
      case 'm' -> width == 2 ? MINUTE : -2;
      case 's' -> width == 2 ? SECOND : -2;
      case '.', '-', '/', ':', ' ', ',' -> -1;
      default -> -2;
    };
  }

  /**
   * The instant the text names in the zone, or null when the text does not have the pattern's exact
   * shape (the caller then asks the general formatter).
   *
   * @throws DateTimeException when the shape fits but the date does not exist, as the 31st of
   *     February
   */
  Instant read(String text, ZoneId zone) {
    if (text.length() != fieldAt.length) {
      return null;
    }
    int[] values = new int[6];
    for (int i = 0; i < fieldAt.length; i++) {
      char c = text.charAt(i);
      int field = fieldAt[i];
      if (field < 0) {
        if (c != literalAt[i]) {
          return null;
        }
      } else {
        if (c < '0' || c > '9') {
          return null;
        }
        values[field] = values[field] * 10 + (c - '0');
      }
    }
    // Year 0 is before the era the formatter assumes; let it decide.
    if (values[YEAR] == 0) {
      return null;
    }
    LocalDateTime local =
        LocalDateTime.of(
            values[YEAR], values[MONTH], values[DAY], values[HOUR], values[MINUTE], values[SECOND]);
    if (!hasTime) {
      return local.toLocalDate().atStartOfDay(zone).toInstant();
    }
    return local.atZone(zone).toInstant();
  }

  /**
   * The instant as {@link Instant#toString()} writes it, without the general formatter; years
   * outside 0000 to 9999 are left to {@code toString}.
   */
  static String iso(Instant instant) {
    LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (utc.getYear() < 0 || utc.getYear() > 9999 || instant.getNano() != 0) {
      return instant.toString();
    }
    StringBuilder out = new StringBuilder(20);
    out.append(utc.toLocalDate()).append('T');
    two(out, utc.getHour()).append(':');
    two(out, utc.getMinute()).append(':');
    two(out, utc.getSecond()).append('Z');
    return out.toString();
  }

  private static StringBuilder two(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
