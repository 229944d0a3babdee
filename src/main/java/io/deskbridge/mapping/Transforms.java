package io.deskbridge.mapping;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The transforms a mapping can name, each compiled once when the mapping is read. */
public final class Transforms {

  /** Keywords of transforms without parameters. */
  public static final List<String> SIMPLE = List.of("trim", "upper", "lower", "title", "collapse");

  /** Keywords of transforms with parameters. */
  public static final List<String> WITH_PARAMETERS =
      List.of(
          "regex", "replace", "split", "join", "date", "number", "prefix", "suffix", "truncate");

  private Transforms() {}

  /** A transform without parameters, by keyword. */
  public static Transform simple(String keyword) {
    return switch (keyword) {
      case "trim" -> text(keyword, String::strip);
      case "upper" -> text(keyword, s -> s.toUpperCase(Locale.ROOT));
      case "lower" -> text(keyword, s -> s.toLowerCase(Locale.ROOT));
      case "title" -> text(keyword, Transforms::title);
      case "collapse" -> text(keyword, Transforms::collapse);
      default -> throw new IllegalArgumentException("unknown transform '" + keyword + "'");
    };
  }

  /** Applies a text function to text, and to each text of a list. */
  static Transform text(String keyword, UnaryOperator<String> function) {
    return new Transform() {
      @Override
      public String keyword() {
        return keyword;
      }

      @Override
      public Object apply(Object value) {
        if (value instanceof List<?> list) {
          List<String> out = new ArrayList<>(list.size());
          for (Object item : list) {
            out.add(item == null ? null : function.apply((String) item));
          }
          return out;
        }
        return value == null ? null : function.apply((String) value);
      }
    };
  }

  /** Extracts the given group of the first match; no match gives null. */
  public static Transform regex(String pattern, int group) {
    Pattern compiled = Pattern.compile(pattern, Pattern.UNICODE_CASE);
    if (group > compiled.matcher("").groupCount()) {
      throw new IllegalArgumentException(
          "group "
              + group
              + " does not exist in /"
              + pattern
              + "/, which has "
              + compiled.matcher("").groupCount());
    }
    return text(
        "regex",
        s -> {
          Matcher m = compiled.matcher(s);
          return m.find() ? m.group(group) : null;
        });
  }

  /** Replaces every match of a pattern. */
  public static Transform replace(String pattern, String replacement) {
    Pattern compiled = Pattern.compile(pattern, Pattern.UNICODE_CASE);
    String literal = Matcher.quoteReplacement(replacement).replace("\\$", "$");
    checkReplacement(pattern, replacement, literal);
    return text("replace", s -> compiled.matcher(s).replaceAll(literal));
  }

  /**
   * A '$' in the replacement names a group ($1, ${name}); one that names none would throw on the
   * first record that matches, so it is tried now, on a match of nothing with the same groups.
   */
  private static void checkReplacement(String pattern, String replacement, String literal) {
    Pattern matchesNothing;
    try {
      matchesNothing = Pattern.compile("(?:" + pattern + ")|", Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      return; // a pattern that cannot be wrapped (a trailing comment); it compiled on its own
    }
    try {
      matchesNothing.matcher("").replaceFirst(literal);
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "'"
              + replacement
              + "' is not a replacement for /"
              + pattern
              + "/: "
              + e.getMessage()
              + " (a '$' names a group, as $1 or ${name})");
    }
  }

  /** Splits text into a list at a separator; with an index, keeps that piece only. */
  public static Transform split(String separator, Integer index) {
    Pattern at = Pattern.compile(Pattern.quote(separator));
    return new Transform() {
      @Override
      public String keyword() {
        return "split";
      }

      @Override
      public Object apply(Object value) {
        if (!(value instanceof String s)) {
          return value;
        }
        String[] parts = at.split(s, -1);
        if (index != null) {
          return index < parts.length ? parts[index] : null;
        }
        List<String> list = new ArrayList<>(parts.length);
        for (String part : parts) {
          list.add(part);
        }
        return list;
      }
    };
  }

  /** Joins a list into text, leaving out empty items. */
  public static Transform join(String separator) {
    return new Transform() {
      @Override
      public String keyword() {
        return "join";
      }

      @Override
      public Object apply(Object value) {
        return value instanceof List<?> list ? joined(list, separator) : value;
      }
    };
  }

  static String joined(List<?> list, String separator) {
    StringBuilder out = new StringBuilder();
    for (Object item : list) {
      if (item != null && !item.toString().isEmpty()) {
        if (out.length() > 0) {
          out.append(separator);
        }
        out.append(item);
      }
    }
    return out.length() == 0 ? null : out.toString();
  }

  /**
   * Reads a date or date-time in any of the patterns, in the zone unless the text names its own,
   * and gives it as an ISO-8601 instant (a date alone is its midnight in the zone).
   */
  public static Transform date(List<String> patterns, ZoneId zone) {
    List<DateTimeFormatter> formats = new ArrayList<>();
    List<DigitDatePattern> digitPatterns = new ArrayList<>();
    for (String pattern : patterns) {
      digitPatterns.add(DigitDatePattern.compile(pattern));
      // Strict, so that the 31st of February is refused instead of becoming the 28th; 'yyyy' is a
      // year of the era, which strict resolution needs the era for.
      formats.add(
          new DateTimeFormatterBuilder()
              .appendPattern(pattern)
              .parseDefaulting(ChronoField.ERA, 1)
              .toFormatter(Locale.ROOT)
              .withResolverStyle(ResolverStyle.STRICT));
    }
    return new Transform() {
      @Override
      public String keyword() {
        return "date";
      }

      @Override
      public Object apply(Object value) throws ValueRejected {
        if (!(value instanceof String s) || s.isBlank()) {
          return value instanceof String ? null : value;
        }
        String text = s.strip();
        for (int i = 0; i < formats.size(); i++) {
          try {
            DigitDatePattern digits = digitPatterns.get(i);
            Instant quick = digits == null ? null : digits.read(text, zone);
            return DigitDatePattern.iso(
                quick != null ? quick : instant(formats.get(i).parse(text), zone));
          } catch (DateTimeException e) {
            // not in this pattern, or no day in it (a pattern of a time only): try the next
          }
        }
        throw new ValueRejected(
            "'" + text + "' is not a date in any of the formats " + String.join(", ", patterns));
      }
    };
  }

  private static Instant instant(TemporalAccessor parsed, ZoneId zone) {
    if (parsed.isSupported(java.time.temporal.ChronoField.INSTANT_SECONDS)) {
      return Instant.from(parsed);
    }
    if (parsed.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) {
      return ZonedDateTime.of(LocalDateTime.from(parsed), zone).toInstant();
    }
    return LocalDate.from(parsed).atStartOfDay(zone).toInstant();
  }

  /**
   * Reads a number written with the given decimal and grouping marks; gives it in plain notation.
   */
  public static Transform number(String decimal, String grouping) {
    return new Transform() {
      @Override
      public String keyword() {
        return "number";
      }

      @Override
      public Object apply(Object value) throws ValueRejected {
        if (!(value instanceof String s) || s.isBlank()) {
          return value instanceof String ? null : value;
        }
        String text = s.strip();
        String plain = text;
        if (!grouping.isEmpty()) {
          plain = plain.replace(grouping, "");
        }
        plain = plain.replace('\u00a0', ' ').replace(" ", "");
        if (!".".equals(decimal)) {
          plain = plain.replace(decimal, ".");
        }
        try {
          return new BigDecimal(plain).toPlainString();
        } catch (NumberFormatException e) {
          throw new ValueRejected("'" + text + "' is not a number");
        }
      }
    };
  }

  public static Transform prefix(String prefix) {
    return text("prefix", s -> prefix + s);
  }

  public static Transform suffix(String suffix) {
    return text("suffix", s -> s + suffix);
  }

  public static Transform truncate(int length) {
    return text("truncate", s -> s.length() <= length ? s : s.substring(0, length));
  }

  /**
   * Strips the text and turns every run of blanks inside it into one space, as {@code
   * strip().replaceAll("\\s+", " ")} does, without compiling a pattern for each value; text that
   * needs no change is returned as it is.
   */
  static String collapse(String s) {
    String stripped = s.strip();
    int n = stripped.length();
    int i = 0;
    // Most values have only single spaces between words: find the first place that needs a change.
    while (i < n) {
      char c = stripped.charAt(i);
      if (isRegexBlank(c) && (c != ' ' || (i + 1 < n && isRegexBlank(stripped.charAt(i + 1))))) {
        break;
      }
      i++;
    }
    if (i == n) {
      return stripped;
    }
    StringBuilder out = new StringBuilder(n).append(stripped, 0, i);
    boolean blank = false;
    for (; i < n; i++) {
      char c = stripped.charAt(i);
      if (isRegexBlank(c)) {
        blank = true;
      } else {
        if (blank) {
          out.append(' ');
          blank = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The characters {@code \s} matches in a Java pattern without Unicode character classes. */
  private static boolean isRegexBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(start ? Character.toTitleCase(c) : Character.toLowerCase(c));
      start = Character.isWhitespace(c) || c == '-';
    }
    return out.toString();
  }
}
