package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Laws of value tables and record paths that hold for any table and any name, not only for the
 * examples: a word mapped in and out again comes back to the same canonical value, and how a word
 * is cased or padded never changes what it means.
 */
class MappingPropertiesTest {

  /** Blanks a partner's system may put around a word. */
  private static final List<String> BLANKS = List.of("", " ", "  ", "\t", "\n", " \t ");

  /**
   * Words as partners write them: Latin and Cyrillic letters, digits, inner blanks and hyphens, and
   * letters whose capitals are not one plain letter (German ß, Turkish dotless ı, Greek final ς).
   */
  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('А', 'я')
        .withChars("Ёё0123456789- ßıς")
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(w -> !w.isBlank() && w.strip().equals(w));
  }

  /**
   * Tables whose partner words differ even when case is ignored, mapping to canonical values of
   * which several may share a word list (two words for OPEN) or differ only in case.
   */
  @Provide
  Arbitrary<Map<String, String>> tables() {
    Arbitrary<String> canonical =
        Arbitraries.of("NEW", "OPEN", "IN_PROGRESS", "RESOLVED", "fault", "Fault", "maintenance");
    return words()
        .list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .uniqueElements(MappingPropertiesTest::caseless)
        .flatMap(
            words ->
                canonical
                    .list()
                    .ofSize(words.size())
                    .map(
                        values -> {
                          Map<String, String> entries = new LinkedHashMap<>();
                          for (int i = 0; i < words.size(); i++) {
                            entries.put(words.get(i), values.get(i));
                          }
                          return entries;
                        }));
  }

  /** The same word whatever its case: what capitals and small letters share. */
  private static String caseless(String word) {
    return word.strip().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  /** The word with each letter in capitals or small letters at random, and blanks around it. */
  private static String anyCaseAndBlanks(String word, Random random) {
    StringBuilder out = new StringBuilder(BLANKS.get(random.nextInt(BLANKS.size())));
    word.codePoints()
        .forEach(
            c -> {
              String letter = new String(Character.toChars(c));
              out.append(
                  random.nextBoolean()
                      ? letter.toUpperCase(Locale.ROOT)
                      : letter.toLowerCase(Locale.ROOT));
            });
    return out.append(BLANKS.get(random.nextInt(BLANKS.size()))).toString();
  }

  @Property
  void wordMappedInAndOutAndInAgainKeepsItsCanonicalValue(
      @ForAll("tables") Map<String, String> entries) {
    // Given any table
    ValueTable table = new ValueTable("t", entries);

    // When each partner word is mapped in, out and in again
    // Then it comes back to the same canonical value
    for (String word : entries.keySet()) {
      String canonical = table.toCanonical(word);
      assertThat(canonical).isEqualTo(entries.get(word));
      assertThat(table.toCanonical(table.toPartner(canonical))).isEqualTo(canonical);
    }
  }

  @Property
  void canonicalValueMappedOutAndInIsItself(@ForAll("tables") Map<String, String> entries) {
    // Given any table
    ValueTable table = new ValueTable("t", entries);

    // When each canonical value that has a word is mapped out and in
    // Then it is the same value
    for (String canonical : entries.values()) {
      assertThat(table.toCanonical(table.toPartner(canonical))).isEqualTo(canonical);
    }
  }

  @Property
  void reverseLookupGivesTheFirstWordListed(@ForAll("tables") Map<String, String> entries) {
    // Given any table
    ValueTable table = new ValueTable("t", entries);

    // When each canonical value is mapped out
    // Then the word is the first one the table lists for it
    for (String canonical : entries.values()) {
      String first =
          entries.entrySet().stream()
              .filter(e -> e.getValue().equals(canonical))
              .findFirst()
              .orElseThrow()
              .getKey();
      assertThat(table.toPartner(canonical)).isEqualTo(first);
    }
  }

  @Property
  void caseAndSurroundingBlanksDoNotChangeALookup(
      @ForAll("tables") Map<String, String> entries, @ForAll Random random) {
    // Given any table
    ValueTable table = new ValueTable("t", entries);

    // When each word is looked up with its letters in any case and blanks around it
    // Then it means what the word means
    for (String word : entries.keySet()) {
      String written = anyCaseAndBlanks(word, random);
      assertThat(table.toCanonical(written))
          .as("'%s' for '%s'", written, word)
          .isEqualTo(entries.get(word));
    }
  }

  @Property
  void wordTheTableLacksHasNoCanonicalValueInAnyCase(
      @ForAll("tables") Map<String, String> entries,
      @ForAll("words") String other,
      @ForAll Random random) {
    // Given any table and a word that is not in it, whatever the case
    Assume.that(entries.keySet().stream().noneMatch(w -> caseless(w).equals(caseless(other))));
    ValueTable table = new ValueTable("t", entries);

    // When that word is looked up in any case
    // Then the table has no value for it
    assertThat(table.toCanonical(anyCaseAndBlanks(other, random))).isNull();
  }

  @Property
  void anyNameWithoutDotsOrBracketsIsAPathThatReadsItsKey(
      @ForAll @StringLength(min = 1, max = 20) String name) {
    // Given any name without '.', '[' or ']' that is not only blanks
    Assume.that(!name.isBlank() && name.chars().noneMatch(c -> c == '.' || c == '[' || c == ']'));

    // When it is parsed as a path and reads a map with that one key
    RecordPath path = RecordPath.parse(name);
    Object value = path.read(Map.of(name, "value"));

    // Then it is a single name that finds the value
    assertThat(path.isSingleName()).isTrue();
    assertThat(path.head()).isEqualTo(name);
    assertThat(value).isEqualTo("value");
  }

  @Property
  void anyNameWithoutQuotesReadsItsKeyWhenQuoted(
      @ForAll @StringLength(min = 1, max = 20) String name) {
    // Given any name without a quote, possibly with dots and brackets
    Assume.that(name.indexOf('\'') < 0);

    // When it is quoted in brackets and reads a map with that one key
    Object value = RecordPath.parse("['" + name + "']").read(Map.of(name, "value"));

    // Then it finds the value
    assertThat(value).isEqualTo("value");
  }
}
