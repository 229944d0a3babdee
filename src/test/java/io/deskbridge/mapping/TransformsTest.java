package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each transform a rule can name, applied the way ops write it in a mapping file. */
class TransformsTest {

  @TempDir Path dir;

  /** A mapping with one rule on line 3 that reads {@code v} into {@code target}. */
  private MappingCase rule(String target, String rule) {
    return MappingCase.of(dir, "inbound:\n  fields:\n    " + target + ": " + rule + "\n");
  }

  private String map(String target, String rule, String value) {
    return rule(target, rule).ticket(v(value)).get(target);
  }

  /** A record whose field {@code v} holds the value. */
  private static Map<String, Object> v(String value) {
    return Map.of("v", value);
  }

  // --- text
  // ---------------------------------------------------------------------------------------

  @Test
  void trimRemovesSurroundingBlanks() {
    // Given a rule with trim
    // When a value with blanks around it is mapped
    String value = map("subject", "{ from: v, transform: [trim] }", "  Panel  \t");

    // Then the blanks are gone and the inside is untouched
    assertThat(value).isEqualTo("Panel");
  }

  @Test
  void upperWritesCapitals() {
    // Given a rule with upper
    // When a mixed-case Cyrillic value is mapped
    String value = map("product.model", "{ from: v, transform: [upper] }", "ппк-2000 fp");

    // Then it is in capitals
    assertThat(value).isEqualTo("ППК-2000 FP");
  }

  @Test
  void lowerWritesSmallLetters() {
    // Given a rule with lower
    // When an e-mail address in capitals is mapped
    String value =
        map("requester.email", "{ from: v, transform: [lower] }", "Jane.Doe@ACME.example");

    // Then it is in small letters
    assertThat(value).isEqualTo("jane.doe@acme.example");
  }

  @Test
  void titleCapitalisesEachWordAndHyphenatedPart() {
    // Given a rule with title
    // When a name in mixed case is mapped
    String value = map("requester.name", "{ from: v, transform: [title] }", "jANE doe-SMITH");

    // Then every word and each part after a hyphen starts with a capital, the rest small
    assertThat(value).isEqualTo("Jane Doe-Smith");
  }

  @Test
  void collapseTrimsAndTurnsRunsOfBlanksIntoOneSpace() {
    // Given a rule with collapse
    // When a value with runs of spaces, tabs and line breaks is mapped
    String value =
        map(
            "subject",
            "{ from: v, transform: [collapse] }",
            "  ППК-2000 не \t выходит\n на связь ");

    // Then the words are separated by single spaces
    assertThat(value).isEqualTo("ППК-2000 не выходит на связь");
  }

  @Test
  void transformGivenAsOneKeywordInsteadOfAListApplies() {
    // Given a rule whose transform is a single keyword, not a list
    // When a value is mapped
    String value = map("subject", "{ from: v, transform: upper }", "panel");

    // Then the transform applies
    assertThat(value).isEqualTo("PANEL");
  }

  @Test
  void transformsApplyInTheOrderWritten() {
    // Given truncate before suffix, and the reverse
    // When the same value goes through both
    String truncateFirst =
        map("subject", "{ from: v, transform: [{ truncate: 3 }, { suffix: \"...\" }] }", "Panel");
    String suffixFirst =
        map("subject", "{ from: v, transform: [{ suffix: \"...\" }, { truncate: 3 }] }", "Panel");

    // Then each gives what its order says
    assertThat(truncateFirst).isEqualTo("Pan...");
    assertThat(suffixFirst).isEqualTo("Pan");
  }

  // --- regex
  // --------------------------------------------------------------------------------------

  @Test
  void regexShortFormKeepsTheFirstGroup() {
    // Given the short form with one group
    // When a firmware text is mapped
    String value =
        map(
            "product.firmware",
            "{ from: v, transform: [{ regex: \"(\\\\d+(?:\\\\.\\\\d+)+)\" }] }",
            "v3.2.1 (сборка 77)");

    // Then the group's text is kept
    assertThat(value).isEqualTo("3.2.1");
  }

  @Test
  void regexShortFormWithoutGroupKeepsTheWholeMatch() {
    // Given the short form without a group
    // When a value is mapped
    String value =
        map(
            "product.model",
            "{ from: v, transform: [{ regex: \"FP-\\\\d+\" }] }",
            "panel FP-2000 rev B");

    // Then the whole match is kept
    assertThat(value).isEqualTo("FP-2000");
  }

  @Test
  void regexWithPatternAndGroupKeepsThatGroup() {
    // Given a regex with two groups that keeps the second
    // When a value is mapped
    String value =
        map(
            "product.serialNumber",
            "{ from: v, transform: [{ regex: { pattern: \"([A-Z]+)-(\\\\d+)\", group: 2 } }] }",
            "serial FP-00451");

    // Then the second group is kept
    assertThat(value).isEqualTo("00451");
  }

  @Test
  void regexWithoutMatchGivesNoValueSoTheDefaultApplies() {
    // Given a regex and a default
    // When a value without a match is mapped
    String value =
        map(
            "product.firmware",
            "{ from: v, transform: [{ regex: \"\\\\d+\\\\.\\\\d+\" }], default: unknown }",
            "no version");

    // Then the default applies
    assertThat(value).isEqualTo("unknown");
  }

  @Test
  void regexWithoutMatchOnARequiredFieldIsRejected() {
    // Given a required field through a regex, on line 3
    MappingCase mapping =
        rule("product.model", "{ from: v, transform: [{ regex: \"FP-\\\\d+\" }], required: true }");

    // When a value without a match is mapped
    MappingRejectedException rejected = mapping.ticketRejection(v("keypad"));

    // Then the field is reported as required
    assertThat(rejected.reasons())
        .containsExactly(mapping.at(3) + "product.model: is required, but 'v' gave no value");
  }

  // --- replace
  // ------------------------------------------------------------------------------------

  @Test
  void replaceReplacesEveryMatch() {
    // Given a replace that drops everything but digits and '+'
    // When a phone number is mapped
    String value =
        map(
            "requester.phone",
            "{ from: v, transform: [{ replace: { pattern: \"[^+0-9]\", with: \"\" } }] }",
            "+7 (815) 255-00-11");

    // Then only the digits and the plus are left
    assertThat(value).isEqualTo("+78152550011");
  }

  @Test
  void replaceWithoutWithRemovesTheMatches() {
    // Given a replace without 'with'
    // When a value is mapped
    String value =
        map(
            "subject",
            "{ from: v, transform: [{ replace: { pattern: \"#\\\\d+ \" } }] }",
            "#12 Panel");

    // Then the matches are removed
    assertThat(value).isEqualTo("Panel");
  }

  @Test
  void replaceCanReferToAGroup() {
    // Given a replace that swaps two parts
    // When a value is mapped
    String value =
        map(
            "requester.name",
            "{ from: v, transform: [{ replace: { pattern: \"(\\\\w+), (\\\\w+)\", with: \"$2 $1\" } }] }",
            "Doe, Jane");

    // Then the groups are put in the new order
    assertThat(value).isEqualTo("Jane Doe");
  }

  // --- split and join
  // -----------------------------------------------------------------------------

  @Test
  void splitMakesAListThatTheRuleJoins() {
    // Given a split at ';' and a join of ' | '
    // When a value with three parts is mapped
    String value =
        map(
            "attributes.tags",
            "{ from: v, transform: [{ split: \";\" }, trim], join: \" | \" }",
            "a; b ;c");

    // Then the parts, each trimmed, are joined with the rule's join
    assertThat(value).isEqualTo("a | b | c");
  }

  @Test
  void splitWithIndexKeepsThatPiece() {
    // Given a split that keeps the second piece
    // When a value is mapped
    String value =
        map(
            "requester.name",
            "{ from: v, transform: [{ split: { separator: \"/\", index: 1 } }] }",
            "ACME/Jane Doe/Leeds");

    // Then only that piece is left
    assertThat(value).isEqualTo("Jane Doe");
  }

  @Test
  void splitWithIndexPastTheLastPieceGivesNoValue() {
    // Given a split that keeps the fifth piece and a default
    // When a value with two pieces is mapped
    String value =
        map(
            "category",
            "{ from: v, transform: [{ split: { separator: \"/\", index: 4 } }], default: none }",
            "a/b");

    // Then there is no piece, so the default applies
    assertThat(value).isEqualTo("none");
  }

  @Test
  void splitSeparatorIsTakenLiterally() {
    // Given a split at '.', which would be any character in a regular expression
    // When a version is mapped
    String value =
        map(
            "product.firmware",
            "{ from: v, transform: [{ split: { separator: \".\", index: 1 } }] }",
            "3.2.1");

    // Then it splits at the dots only
    assertThat(value).isEqualTo("2");
  }

  @Test
  void joinTurnsAListIntoTextWithItsSeparator() {
    // Given a join transform with ' + '
    MappingCase mapping = rule("attributes.tags", "{ from: tags, transform: [{ join: \" + \" }] }");

    // When a record with a list of tags is mapped
    MappedValues values = mapping.ticket("{\"tags\": [\"earth-fault\", \"loop-2\"]}");

    // Then the tags are one text
    assertThat(values.get("attributes.tags")).isEqualTo("earth-fault + loop-2");
  }

  // --- date
  // ---------------------------------------------------------------------------------------

  private static final String MOSCOW_DATES =
      "{ from: v, transform: [{ date: { formats: [\"dd.MM.yyyy HH:mm\", \"dd.MM.yyyy\"],"
          + " zone: Europe/Moscow } }] }";

  @Test
  void dateReadsTheFirstFormatThatFitsInTheZone() {
    // Given two formats in Moscow time
    // When a date with time is mapped
    String value = map("attributes.openedAt", MOSCOW_DATES, "27.11.2026 09:15");

    // Then it is the ISO instant of that Moscow time
    assertThat(value).isEqualTo("2026-11-27T06:15:00Z");
  }

  @Test
  void dateAloneIsMidnightInTheZone() {
    // Given two formats in Moscow time
    // When a date without time is mapped
    String value = map("attributes.openedAt", MOSCOW_DATES, "27.11.2026");

    // Then it is midnight in Moscow
    assertThat(value).isEqualTo("2026-11-26T21:00:00Z");
  }

  @Test
  void dateWithoutZoneIsInUtc() {
    // Given a format without a zone
    // When a date with time is mapped
    String value =
        map(
            "attributes.openedAt",
            "{ from: v, transform: [{ date: { format: \"dd.MM.yyyy HH:mm\" } }] }",
            "27.11.2026 09:15");

    // Then the time is taken as UTC
    assertThat(value).isEqualTo("2026-11-27T09:15:00Z");
  }

  @Test
  void dateWithItsOwnOffsetKeepsItWhateverTheZone() {
    // Given a format with an offset and the Moscow zone
    // When a time at +01:00 is mapped
    String value =
        map(
            "attributes.openedAt",
            "{ from: v, transform: [{ date: { format: \"yyyy-MM-dd'T'HH:mm:ssXXX\", zone: Europe/Moscow } }] }",
            "2026-11-27T08:03:11+01:00");

    // Then the text's own offset counts, not the zone
    assertThat(value).isEqualTo("2026-11-27T07:03:11Z");
  }

  @Test
  void dateInNoFormatIsRejectedNamingTheFormats() {
    // Given two formats on line 3
    MappingCase mapping = rule("attributes.openedAt", MOSCOW_DATES);

    // When a text in another format is mapped
    MappingRejectedException rejected = mapping.ticketRejection(v("2026-11-27"));

    // Then it is rejected with the value and every format
    assertThat(rejected.reasons())
        .containsExactly(
            mapping.at(3)
                + "attributes.openedAt: '2026-11-27' is not a date in any of the formats"
                + " dd.MM.yyyy HH:mm, dd.MM.yyyy");
  }

  @Test
  void dateThatDoesNotExistIsRejectedRatherThanMovedToAnother() {
    // Given a date format
    MappingCase mapping = rule("attributes.openedAt", MOSCOW_DATES);

    // When the 31st of February is mapped
    MappingRejectedException rejected = mapping.ticketRejection(v("31.02.2026"));

    // Then it is rejected, not taken as the 28th
    assertThat(rejected.reasons())
        .singleElement()
        .asString()
        .contains("'31.02.2026' is not a date in any of the formats");
  }

  @Test
  void dateInAFormatWithoutADayIsRejectedNotAFailure() {
    // Given a format of a time only
    MappingCase mapping =
        rule("attributes.openedAt", "{ from: v, transform: [{ date: { format: \"HH:mm\" } }] }");

    // When a time is mapped
    MappingRejectedException rejected = mapping.ticketRejection(v("09:15"));

    // Then the record is rejected for having no date, as any other text that is not one
    assertThat(rejected.reasons())
        .singleElement()
        .asString()
        .contains("'09:15' is not a date in any of the formats HH:mm");
  }

  // --- number
  // -------------------------------------------------------------------------------------

  @Test
  void numberReadsDecimalCommaAndGroupingSpace() {
    // Given a number with ',' for decimals and ' ' for thousands
    // When "1 250,5" is mapped
    String value =
        map(
            "attributes.hours",
            "{ from: v, transform: [{ number: { decimal: \",\", grouping: \" \" } }] }",
            "1 250,5");

    // Then it is in plain notation
    assertThat(value).isEqualTo("1250.5");
  }

  @Test
  void numberReadsANonBreakingSpaceAsGrouping() {
    // Given a number with ',' for decimals and ' ' for thousands
    // When a number grouped with a non-breaking space is mapped
    String value =
        map(
            "attributes.hours",
            "{ from: v, transform: [{ number: { decimal: \",\", grouping: \" \" } }] }",
            "12\u00a0000,25");

    // Then it is read all the same
    assertThat(value).isEqualTo("12000.25");
  }

  @Test
  void numberWithoutParametersReadsPointDecimals() {
    // Given a number with its defaults
    // When a decimal with a point is mapped
    String value = map("attributes.hours", "{ from: v, transform: [{ number: {} }] }", " 2.50 ");

    // Then it is kept in plain notation
    assertThat(value).isEqualTo("2.50");
  }

  @Test
  void textThatIsNoNumberIsRejected() {
    // Given a number transform on line 3
    MappingCase mapping =
        rule("attributes.hours", "{ from: v, transform: [{ number: { decimal: \",\" } }] }");

    // When a text that is not a number is mapped
    MappingRejectedException rejected = mapping.ticketRejection(v("12,5 h"));

    // Then it is rejected naming the value
    assertThat(rejected.reasons())
        .containsExactly(mapping.at(3) + "attributes.hours: '12,5 h' is not a number");
  }

  // --- prefix, suffix, truncate ------------------------------------------------------------------

  @Test
  void prefixPutsTextFirst() {
    // Given a prefix
    // When a value is mapped
    String value = map("externalId", "{ from: v, transform: [{ prefix: \"ACME-\" }] }", "4711");

    // Then the prefix comes first
    assertThat(value).isEqualTo("ACME-4711");
  }

  @Test
  void suffixPutsTextLast() {
    // Given a suffix
    // When a value is mapped
    String value = map("subject", "{ from: v, transform: [{ suffix: \" (ACME)\" }] }", "Panel");

    // Then the suffix comes last
    assertThat(value).isEqualTo("Panel (ACME)");
  }

  @Test
  void truncateCutsLongTextAndLeavesShortText() {
    // Given truncate to 5
    // When a long and a short value are mapped
    String longer = map("subject", "{ from: v, transform: [{ truncate: 5 }] }", "Panel offline");
    String shorter = map("subject", "{ from: v, transform: [{ truncate: 5 }] }", "Pan");

    // Then the long one is cut and the short one stays
    assertThat(longer).isEqualTo("Panel");
    assertThat(shorter).isEqualTo("Pan");
  }

  @Test
  void textTransformsApplyToEachItemOfAList() {
    // Given upper and prefix on a list of tags
    MappingCase mapping =
        rule(
            "attributes.tags",
            "{ from: tags, transform: [upper, { prefix: \"#\" }], join: \" \" }");

    // When a record with two tags is mapped
    MappedValues values = mapping.ticket("{\"tags\": [\"earth\", \"loop\"]}");

    // Then each tag went through both
    assertThat(values.get("attributes.tags")).isEqualTo("#EARTH #LOOP");
  }
}
