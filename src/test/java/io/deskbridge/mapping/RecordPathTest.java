package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Paths into a partner's record: how they are written, what they read, and which can never match.
 */
class RecordPathTest {

  private static final Map<String, Object> ZENDESK =
      MappingCase.record(
          """
          {"id": 4711,
           "requester": {"name": "Jane Doe", "email": "jane@acme.example"},
           "tags": ["earth-fault", "loop-2"],
           "custom_fields": [{"id": 360001234, "value": "fp-2000"},
                             {"id": 360001235, "value": "fp2k-0042"},
                             {"id": "loop", "value": "2", "name": "Loop 2"}],
           "meta": {"a.b": "dotted", "x[1]": "bracketed"},
           "Оборудование": {"Серийный номер": "ppk2k-00451"},
           "Номер.заявки": "NS-1"}
          """);

  private static Object read(String path) {
    return RecordPath.parse(path).read(ZENDESK);
  }

  private static String refusal(String path) {
    IllegalArgumentException refused =
        catchThrowableOfType(IllegalArgumentException.class, () -> RecordPath.parse(path));
    assertThat(refused).as("'%s' should be refused", path).isNotNull();
    return refused.getMessage();
  }

  @Test
  void dottedNamesReadIntoNestedObjects() {
    // Given a path of two names
    // When it reads a record
    Object email = read("requester.email");

    // Then it finds the inner value
    assertThat(email).isEqualTo("jane@acme.example");
  }

  @Test
  void indexReadsThatItemOfAList() {
    // Given paths to the first and second tag
    // When they read a record
    // Then they find those items
    assertThat(read("tags[0]")).isEqualTo("earth-fault");
    assertThat(read("tags[1]")).isEqualTo("loop-2");
  }

  @Test
  void indexPastTheEndReadsNothing() {
    // Given a path to the fifth tag of two
    // When it reads a record
    // Then it finds nothing
    assertThat(read("tags[4]")).isNull();
  }

  @Test
  void matchPicksTheListItemWhoseFieldHasTheValueComparingNumbersAsText() {
    // Given a path choosing a custom field by its numeric id
    // When it reads a record where the ids are JSON numbers
    Object value = read("custom_fields[id=360001235].value");

    // Then the item with that id is found
    assertThat(value).isEqualTo("fp2k-0042");
  }

  @Test
  void matchWithAQuotedValueMayHoldBlanks() {
    // Given a path choosing an item by a quoted name with a blank
    // When it reads a record
    Object value = read("custom_fields[name='Loop 2'].value");

    // Then the item is found
    assertThat(value).isEqualTo("2");
  }

  @Test
  void matchWithoutSuchItemReadsNothing() {
    // Given a path choosing an id no item has
    // When it reads a record
    // Then it finds nothing
    assertThat(read("custom_fields[id=1].value")).isNull();
  }

  @Test
  void quotedNameReadsAKeyWithDotsOrBrackets() {
    // Given quoted names, at the start and after another name
    // When they read a record
    // Then they read the keys as they are written
    assertThat(read("['Номер.заявки']")).isEqualTo("NS-1");
    assertThat(read("meta['a.b']")).isEqualTo("dotted");
    assertThat(read("meta['x[1]']")).isEqualTo("bracketed");
  }

  @Test
  void cyrillicNamesWithSpacesAreNames() {
    // Given a path of Cyrillic names, the second with a space
    // When it reads a record
    Object serial = read("Оборудование.Серийный номер");

    // Then it finds the value
    assertThat(serial).isEqualTo("ppk2k-00451");
  }

  @Test
  void stepIntoSomethingThatIsNotThereReadsNothing() {
    // Given paths that go past a value, into a missing object, or index an object
    // When they read a record
    // Then each finds nothing instead of failing
    assertThat(read("id.value")).isNull();
    assertThat(read("organization.name")).isNull();
    assertThat(read("requester[0]")).isNull();
    assertThat(read("tags.name")).isNull();
    assertThat(read("requester[id=1]")).isNull();
  }

  @Test
  void headIsTheFirstNameAndSingleNameIsAColumn() {
    // Given a column, a nested path and a path that starts with a quoted name
    RecordPath column = RecordPath.parse("Тема");
    RecordPath nested = RecordPath.parse("custom_fields[id=1].value");
    RecordPath quoted = RecordPath.parse("['a.b'].c");

    // Then each knows where it starts and whether it is one name
    assertThat(column.head()).isEqualTo("Тема");
    assertThat(column.isSingleName()).isTrue();
    assertThat(nested.head()).isEqualTo("custom_fields");
    assertThat(nested.isSingleName()).isFalse();
    assertThat(quoted.head()).isEqualTo("a.b");
    assertThat(quoted.toString()).isEqualTo("['a.b'].c");
  }

  @Test
  void pathsThatCanNeverMatchAreRefusedSayingWhy() {
    // Given paths with syntax errors
    // When they are parsed
    // Then each is refused with its own reason
    assertThat(refusal("a..b")).isEqualTo("'a..b' has an empty name before '.' at 3");
    assertThat(refusal(".a")).isEqualTo("'.a' has an empty name before '.' at 1");
    assertThat(refusal("a.")).isEqualTo("'a.' ends with '.'");
    assertThat(refusal("items[")).isEqualTo("'items[' has a '[' that is never closed");
    assertThat(refusal("[id=]")).isEqualTo("'[id=]': [id=] needs [field=value]");
    assertThat(refusal("[=7]")).isEqualTo("'[=7]': [=7] needs [field=value]");
    assertThat(refusal("x]")).isEqualTo("'x]' has a ']' without '['");
    assertThat(refusal("a[]")).isEqualTo("'a[]' has an empty []");
    assertThat(refusal("a[-1]")).isEqualTo("'a[-1]': a list index cannot be negative");
    assertThat(refusal("a[x]"))
        .isEqualTo("'a[x]': [x] is neither an index, [field=value] nor ['name']");
    assertThat(refusal("a['b]")).isEqualTo("'a['b]' has a '[' that is never closed");
    assertThat(refusal("a[0]b")).isEqualTo("'a[0]b' needs a '.' before the name at position 5");
    assertThat(refusal(" ")).isEqualTo("an empty path can never match");
  }

  @Test
  void nameIsTakenAsWrittenWithItsBlanks() {
    // Given a record whose key ends with a blank, as some CSV headers do
    Map<String, Object> row = Map.of("Тема ", "Связь");

    // When the path names that key exactly
    Object value = RecordPath.parse("Тема ").read(row);

    // Then the key is found
    assertThat(value).isEqualTo("Связь");
  }
}
