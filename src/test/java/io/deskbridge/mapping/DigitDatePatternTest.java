package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The quick reading of all-digit date patterns agrees with the strict general formatter on every
 * text, valid or not, so a mapping's dates mean the same whichever way they were read.
 */
class DigitDatePatternTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.of(
        "dd.MM.yyyy HH:mm",
        "dd.MM.yyyy",
        "yyyy-MM-dd HH:mm:ss",
        "MM/dd/uuuu HH:mm",
        "uuuu-MM-dd",
        "dd-MM-yyyy, HH:mm");
  }

  @Property(tries = 3000)
  void readsEveryTextAsTheStrictFormatterDoes(
      @ForAll("patterns") String pattern,
      @ForAll @IntRange(min = 0, max = 2100) int year,
      @ForAll @IntRange(min = 0, max = 13) int month,
      @ForAll @IntRange(min = 0, max = 32) int day,
      @ForAll @IntRange(min = 0, max = 24) int hour,
      @ForAll @IntRange(min = 0, max = 60) int minute) {
    String text =
        pattern
            .replace("yyyy", "%04d".formatted(year))
            .replace("uuuu", "%04d".formatted(year))
            .replace("MM", "%02d".formatted(month))
            .replace("dd", "%02d".formatted(day))
            .replace("HH", "%02d".formatted(hour))
            .replace("mm", "%02d".formatted(minute))
            .replace("ss", "07");

    assertThat(quick(pattern, text)).isEqualTo(general(pattern, text));
  }

  @Test
  void leavesTextsOfAnotherShapeToTheFormatter() {
    DigitDatePattern pattern = DigitDatePattern.compile("dd.MM.yyyy HH:mm");

    assertThat(pattern.read("1.03.2026 10:00", BERLIN)).isNull();
    assertThat(pattern.read("01.03.2026T10:00", BERLIN)).isNull();
    assertThat(pattern.read("01.03.2026 10:0x", BERLIN)).isNull();
  }

  @Test
  void takesOnlyPatternsOfFixedWidthNumbers() {
    assertThat(DigitDatePattern.compile("d.M.yyyy")).isNull();
    assertThat(DigitDatePattern.compile("yyyy-MM-dd'T'HH:mm")).isNull();
    assertThat(DigitDatePattern.compile("dd MMM yyyy")).isNull();
    assertThat(DigitDatePattern.compile("HH:mm")).isNull();
    assertThat(DigitDatePattern.compile("dd.MM.yyyy HH:mm XXX")).isNull();
  }

  @Property(tries = 2000)
  void writesInstantsAsInstantToStringDoes(
      @ForAll @LongRange(min = -100_000, max = 300_000) long hours,
      @ForAll @IntRange(min = 0, max = 3599) int seconds) {
    Instant instant = Instant.ofEpochSecond(hours * 3600 + seconds);

    assertThat(DigitDatePattern.iso(instant)).isEqualTo(instant.toString());
  }

  private static String quick(String pattern, String text) {
    try {
      Instant instant = DigitDatePattern.compile(pattern).read(text, BERLIN);
      return instant == null ? general(pattern, text) : instant.toString();
    } catch (DateTimeException e) {
      return "refused";
    }
  }

  private static String general(String pattern, String text) {
    try {
      var parsed =
          new DateTimeFormatterBuilder()
              .appendPattern(pattern)
              .parseDefaulting(ChronoField.ERA, 1)
              .toFormatter(Locale.ROOT)
              .withResolverStyle(ResolverStyle.STRICT)
              .parse(text);
      if (parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
        return java.time.LocalDateTime.from(parsed).atZone(BERLIN).toInstant().toString();
      }
      return java.time.LocalDate.from(parsed).atStartOfDay(BERLIN).toInstant().toString();
    } catch (DateTimeException e) {
      return "refused";
    }
  }
}
