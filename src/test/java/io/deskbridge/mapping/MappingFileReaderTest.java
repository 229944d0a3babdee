package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.deskbridge.config.ConfigProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every problem a mapping file can have, each reported with the file, line, column and field path
 * where ops must fix it; a file with problems gives no mapping.
 */
class MappingFileReaderTest {

  @TempDir Path dir;

  private MappingCase mapping(String yaml) {
    return MappingCase.of(dir, yaml);
  }

  private static void assertAt(
      ConfigProblem problem, MappingCase mapping, int line, int column, String field) {
    assertThat(problem)
        .extracting(
            ConfigProblem::file, ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(mapping.file(), line, column, field);
  }

  // --- keywords ---------------------------------------------------------------------------------

  @Test
  void unknownTopLevelKeyIsAProblemAtTheKeyWithASuggestion() {
    // Given 'tables' misspelt on line 1
    MappingCase mapping =
        mapping(
            """
            tabels:
              statuses: { open: OPEN }
            inbound:
              fields:
                subject: title
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the key is at fault, with the right word and the allowed ones
    assertAt(problem, mapping, 1, 1, "tabels");
    assertThat(problem.message())
        .isEqualTo(
            "unknown key (did you mean 'tables'?); allowed here: description, tables, inbound,"
                + " outbound");
  }

  @Test
  void fileWithNeitherInboundNorOutboundIsAProblem() {
    // Given a file with only tables
    MappingCase mapping = mapping("tables:\n  statuses: { open: OPEN }\n");

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the file is at fault for mapping nothing
    assertAt(problem, mapping, 1, 1, "");
    assertThat(problem.message()).contains("needs an inbound part, an outbound part, or both");
  }

  @Test
  void unknownRuleKeywordIsAProblemAtTheKeyWithASuggestion() {
    // Given 'required' misspelt on line 3, column 29
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, requird: true }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then that key is at fault, suggesting 'required'
    assertAt(problem, mapping, 3, 29, "inbound.fields.subject.requird");
    assertThat(problem.message())
        .startsWith("unknown key (did you mean 'required'?); allowed here: from, constant");
  }

  @Test
  void misspeltTransformKeywordIsAProblemWithASuggestion() {
    // Given 'transform' misspelt on line 5 of a block rule
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject:
                  from: title
                  tranform: [trim]
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the key is at fault, suggesting 'transform'
    assertAt(problem, mapping, 5, 7, "inbound.fields.subject.tranform");
    assertThat(problem.message()).startsWith("unknown key (did you mean 'transform'?)");
  }

  @Test
  void unknownTransformFarFromAnyIsAProblemListingTheTransforms() {
    // Given the transform 'lowercase' on line 3, column 49
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                requester.email: { from: email, transform: [lowercase] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the item is at fault; it is too far from 'lower' for a guess, so the list is given
    assertAt(problem, mapping, 3, 49, "inbound.fields.requester.email.transform[0]");
    assertThat(problem.message())
        .isEqualTo(
            "unknown transform 'lowercase'; transforms: trim, upper, lower, title, collapse,"
                + " regex, replace, split, join, date, number, prefix, suffix, truncate");
  }

  @Test
  void unknownTransformCloseToOneIsAProblemWithASuggestion() {
    // Given the transform 'uper'
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [trim, uper] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the second item is at fault, suggesting 'upper'
    assertThat(problem.field()).isEqualTo("inbound.fields.subject.transform[1]");
    assertThat(problem.message()).startsWith("unknown transform 'uper' (did you mean 'upper'?)");
  }

  @Test
  void unknownTransformWithParametersIsAProblemAtItsKeyword() {
    // Given a transform { replac: ... } on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ replac: { pattern: x } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the keyword is at fault, suggesting 'replace'
    assertAt(problem, mapping, 3, 43, "inbound.fields.subject.transform[0].replac");
    assertThat(problem.message())
        .startsWith("unknown transform 'replac' (did you mean 'replace'?)");
  }

  @Test
  void transformThatNeedsParametersWrittenPlainIsAProblem() {
    // Given 'regex' written without a pattern
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [regex] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the item is at fault, saying how to give the parameters
    assertThat(problem.message())
        .isEqualTo("unknown transform 'regex'; 'regex' needs parameters, as { regex: ... }");
  }

  @Test
  void plainTransformWrittenWithParametersIsAProblem() {
    // Given 'trim' written with a parameter
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ trim: both }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the keyword is at fault, saying to write it plain
    assertThat(problem.message()).isEqualTo("unknown transform 'trim'; write it as a plain 'trim'");
  }

  // --- fields -----------------------------------------------------------------------------------

  @Test
  void unknownCanonicalFieldIsAProblemAtTheKeyWithASuggestion() {
    // Given 'product.model' misspelt on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                product.modle: { from: model }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the key is at fault, suggesting product.model and listing the ticket fields
    assertAt(problem, mapping, 3, 5, "inbound.fields.product.modle");
    assertThat(problem.message())
        .startsWith("no canonical field 'product.modle' (did you mean 'product.model'?); fields: ")
        .contains("externalId, subject")
        .contains("attributes.<name>")
        .doesNotContain("comment.");
  }

  @Test
  void commentFieldAmongTheTicketFieldsIsAProblem() {
    // Given comment.text under fields, on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                comment.text: { from: body }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then it is no ticket field
    assertAt(problem, mapping, 3, 5, "inbound.fields.comment.text");
    assertThat(problem.message()).startsWith("no canonical field 'comment.text'");
  }

  @Test
  void unknownCommentFieldIsAProblemAtTheKeyWithASuggestion() {
    // Given a comment field 'txt' on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              comment:
                txt: { from: body }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the key is at fault, suggesting 'text' and listing the comment fields
    assertAt(problem, mapping, 3, 5, "inbound.comment.txt");
    assertThat(problem.message())
        .isEqualTo(
            "no comment field 'txt' (did you mean 'text'?); fields: text, html, authorName,"
                + " authorEmail, externalId, visibility");
  }

  // --- paths ------------------------------------------------------------------------------------

  private ConfigProblem pathProblem(MappingCase mapping) {
    ConfigProblem problem = mapping.onlyProblem();
    assertAt(problem, mapping, 3, 22, "inbound.fields.subject.from");
    return problem;
  }

  @Test
  void pathWithAnEmptyNameCanNeverMatch() {
    // Given the path a..b at line 3, column 22
    MappingCase mapping = mapping("inbound:\n  fields:\n    subject: { from: \"a..b\" }\n");

    // When it is read
    ConfigProblem problem = pathProblem(mapping);

    // Then the path is at fault, saying where the name is missing
    assertThat(problem.message())
        .isEqualTo("can never match: 'a..b' has an empty name before '.' at 3");
  }

  @Test
  void pathWithAnUnclosedBracketCanNeverMatch() {
    // Given the path items[
    MappingCase mapping = mapping("inbound:\n  fields:\n    subject: { from: \"items[\" }\n");

    // When it is read
    ConfigProblem problem = pathProblem(mapping);

    // Then the bracket is named
    assertThat(problem.message())
        .isEqualTo("can never match: 'items[' has a '[' that is never closed");
  }

  @Test
  void pathWithAMatchWithoutValueCanNeverMatch() {
    // Given the path [id=]
    MappingCase mapping = mapping("inbound:\n  fields:\n    subject: { from: \"[id=]\" }\n");

    // When it is read
    ConfigProblem problem = pathProblem(mapping);

    // Then it asks for [field=value]
    assertThat(problem.message()).isEqualTo("can never match: '[id=]': [id=] needs [field=value]");
  }

  @Test
  void pathWithAClosingBracketWithoutOpeningCanNeverMatch() {
    // Given the path x]
    MappingCase mapping = mapping("inbound:\n  fields:\n    subject: { from: \"x]\" }\n");

    // When it is read
    ConfigProblem problem = pathProblem(mapping);

    // Then the lone bracket is named
    assertThat(problem.message()).isEqualTo("can never match: 'x]' has a ']' without '['");
  }

  @Test
  void pathThatNamesAColumnNotDeclaredCanNeverMatch() {
    // Given declared columns and a rule on line 5 reading 'Tema' instead of 'Тема'
    MappingCase mapping =
        mapping(
            """
            inbound:
              columns: [Номер, Тема, Статус]
              fields:
                externalId: Номер
                subject: { from: Тема_ }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the path is at fault, suggesting the column
    assertAt(problem, mapping, 5, 22, "inbound.fields.subject.from");
    assertThat(problem.message())
        .isEqualTo(
            "'Тема_' can never match: the record has no column 'Тема_' (did you mean 'Тема'?)");
  }

  @Test
  void declaredColumnsAllowThePathsThatStartAtThem() {
    // Given declared columns and rules that read them, one through a quoted name
    MappingCase mapping =
        mapping(
            """
            inbound:
              columns: [Номер, "Тема.заявки"]
              fields:
                externalId: Номер
                subject: { from: "['Тема.заявки']" }
            """);

    // When it is read and a row is mapped
    MappedValues values = mapping.ticket("{\"Номер\": \"7\", \"Тема.заявки\": \"Связь\"}");

    // Then there is no problem and both columns are read
    assertThat(values.get("externalId")).isEqualTo("7");
    assertThat(values.get("subject")).isEqualTo("Связь");
  }

  // --- tables -----------------------------------------------------------------------------------

  @Test
  void exactDuplicateKeyInATableIsAProblemAtTheSecondKey() {
    // Given 'open' twice in a table, on lines 3 and 5
    MappingCase mapping =
        mapping(
            """
            tables:
              statuses:
                open: OPEN
                solved: RESOLVED
                open: IN_PROGRESS
            inbound:
              fields:
                status: { from: state, table: statuses }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the second key is at fault, naming the first one's line
    assertAt(problem, mapping, 5, 5, "tables.statuses.open");
    assertThat(problem.message()).isEqualTo("duplicate key 'open'; it is first given on line 3");
  }

  @Test
  void keysDifferingOnlyInCaseAreTheSameKeyOfATable() {
    // Given 'Open' on line 3 and 'open' on line 5
    MappingCase mapping =
        mapping(
            """
            tables:
              statuses:
                Open: OPEN
                solved: RESOLVED
                open: IN_PROGRESS
            inbound:
              fields:
                status: { from: state, table: statuses }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the second is at fault, since a lookup could never tell them apart
    assertAt(problem, mapping, 5, 5, "tables.statuses.open");
    assertThat(problem.message())
        .isEqualTo(
            "duplicate key 'open': the same as 'Open' on line 3, since lookups ignore case and"
                + " surrounding blanks");
  }

  @Test
  void unknownTableNameIsAProblemWithASuggestion() {
    // Given a rule on line 5 naming table 'status'
    MappingCase mapping =
        mapping(
            """
            tables:
              statuses: { open: OPEN }
            inbound:
              fields:
                status: { from: state, table: status }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the name is at fault, suggesting 'statuses'
    assertAt(problem, mapping, 5, 35, "inbound.fields.status.table");
    assertThat(problem.message())
        .isEqualTo("no table 'status' (did you mean 'statuses'?); tables: statuses");
  }

  @Test
  void tableAndValuesTogetherIsAProblem() {
    // Given a rule on line 5 with both a table name and its own values
    MappingCase mapping =
        mapping(
            """
            tables:
              statuses: { open: OPEN }
            inbound:
              fields:
                status: { from: state, table: statuses, values: { new: NEW } }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the rule is at fault
    assertAt(problem, mapping, 5, 13, "inbound.fields.status");
    assertThat(problem.message())
        .isEqualTo("give either 'table' (a table by name) or 'values' (a table here), not both");
  }

  // --- references -------------------------------------------------------------------------------

  @Test
  void cycleBetweenReferencesIsOneProblemShowingTheCycle() {
    // Given description and subject reading each other
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                description: { from: "@subject" }
                subject: { from: "@description" }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then one problem at the first rule shows the whole cycle
    assertAt(problem, mapping, 3, 18, "inbound.fields.description");
    assertThat(problem.message())
        .isEqualTo("fields read each other in a cycle: description -> @subject -> @description");
  }

  @Test
  void fieldReadingItselfIsACycle() {
    // Given a subject that reads itself
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: ["@subject", title] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then it is reported as a cycle
    assertThat(problem.message())
        .isEqualTo("fields read each other in a cycle: subject -> @subject");
  }

  @Test
  void referenceToAFieldWithoutARuleIsAProblem() {
    // Given a description that reads '@subjct', which no rule fills
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: title
                description: { from: "@subjct" }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the rule is at fault, suggesting the field that exists
    assertAt(problem, mapping, 4, 18, "inbound.fields.description");
    assertThat(problem.message())
        .isEqualTo("'@subjct' names no mapped field (did you mean 'subject'?)");
  }

  // --- types ------------------------------------------------------------------------------------

  @Test
  void tableValueThatIsNoStatusIsATypeMismatch() {
    // Given a status table mapping 'done' to FINISHED, used on line 5
    MappingCase mapping =
        mapping(
            """
            tables:
              statuses: { open: OPEN, done: FINISHED }
            inbound:
              fields:
                status: { from: state, table: statuses }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the table reference is at fault, naming the word, the value and the statuses
    assertAt(problem, mapping, 5, 35, "inbound.fields.status.table");
    assertThat(problem.message())
        .isEqualTo(
            "type mismatch: table statuses maps 'done' to 'FINISHED', but status takes only NEW,"
                + " OPEN, IN_PROGRESS, WAITING_ON_PARTNER, WAITING_ON_MANUFACTURER, RESOLVED,"
                + " CLOSED");
  }

  @Test
  void inlineValueThatIsNoPriorityIsATypeMismatchAtTheValues() {
    // Given inline priority values with 'P1'
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                priority: { from: prio, values: { urgent: P1 } }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the values are at fault
    assertAt(problem, mapping, 3, 37, "inbound.fields.priority.values");
    assertThat(problem.message()).startsWith("type mismatch: table priority maps 'urgent' to 'P1'");
  }

  @Test
  void constantThatIsNoPriorityIsATypeMismatch() {
    // Given a constant priority 'URGENT'
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                priority: { constant: URGENT }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the constant is at fault, listing the priorities
    assertAt(problem, mapping, 3, 27, "inbound.fields.priority.constant");
    assertThat(problem.message())
        .isEqualTo("type mismatch: 'URGENT' is not one of CRITICAL, HIGH, NORMAL, LOW");
  }

  @Test
  void defaultThatIsNoPriorityIsATypeMismatchWithASuggestion() {
    // Given a default priority 'NORMALL'
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                priority: { from: prio, default: normall }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the default is at fault, suggesting NORMAL
    assertAt(problem, mapping, 3, 38, "inbound.fields.priority.default");
    assertThat(problem.message())
        .isEqualTo(
            "type mismatch: 'normall' is not one of CRITICAL, HIGH, NORMAL, LOW (did you mean"
                + " 'NORMAL'?)");
  }

  @Test
  void canonicalNamesInAnyCaseAreNoTypeMismatch() {
    // Given a status table and default written in small letters
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                status: { from: state, values: { new: new, solved: resolved }, default: open }
            """);

    // When it is read and applied
    MappedValues values = mapping.ticket("{\"state\": \"solved\"}");

    // Then there is no problem and the value is the canonical name
    assertThat(values.get("status")).isEqualTo("RESOLVED");
  }

  @Test
  void unmappedKeepOnStatusIsATypeMismatch() {
    // Given unmapped: keep on a status
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                status: { from: state, values: { open: OPEN }, unmapped: keep }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the policy is at fault, since a kept word could be no status
    assertAt(problem, mapping, 3, 62, "inbound.fields.status.unmapped");
    assertThat(problem.message())
        .startsWith("type mismatch: status takes only NEW, OPEN")
        .endsWith("so an unmapped value cannot be kept");
  }

  @Test
  void dateTransformIntoPriorityWithoutATableIsATypeMismatch() {
    // Given a date transform into priority on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                priority: { from: due, transform: [{ date: { format: dd.MM.yyyy } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the transform is at fault
    assertAt(problem, mapping, 3, 39, "inbound.fields.priority.transform");
    assertThat(problem.message())
        .isEqualTo(
            "type mismatch: the date transform makes a timestamp, but priority takes only"
                + " CRITICAL, HIGH, NORMAL, LOW");
  }

  // --- unmapped, from, constant -----------------------------------------------------------------

  @Test
  void unmappedWithoutATableIsAProblem() {
    // Given unmapped on a rule without a table
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: type, unmapped: keep }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the policy is at fault
    assertAt(problem, mapping, 3, 39, "inbound.fields.category.unmapped");
    assertThat(problem.message())
        .isEqualTo("'unmapped' applies to values looked up in a table or values");
  }

  @Test
  void unmappedDefaultWithoutADefaultIsAProblem() {
    // Given unmapped: default but no default
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: type, values: { incident: fault }, unmapped: default }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the policy is at fault
    assertAt(problem, mapping, 3, 68, "inbound.fields.category.unmapped");
    assertThat(problem.message()).isEqualTo("'unmapped: default' needs a 'default'");
  }

  @Test
  void unknownUnmappedPolicyIsAProblemListingThePolicies() {
    // Given unmapped: drop
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: type, values: { incident: fault }, unmapped: drop }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the policy is at fault, listing the ones there are
    assertThat(problem.field()).isEqualTo("inbound.fields.category.unmapped");
    assertThat(problem.message()).isEqualTo("'drop' is not one of PARK, DEFAULT, KEEP");
  }

  @Test
  void fromAndConstantTogetherIsAProblem() {
    // Given a rule with both
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: type, constant: fault }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the rule is at fault
    assertAt(problem, mapping, 3, 15, "inbound.fields.category");
    assertThat(problem.message())
        .isEqualTo("give either 'from' (where the value comes from) or 'constant'");
  }

  @Test
  void neitherFromNorConstantIsAProblem() {
    // Given a rule with only a default
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { default: fault }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the rule is at fault
    assertAt(problem, mapping, 3, 15, "inbound.fields.category");
    assertThat(problem.message())
        .isEqualTo("give either 'from' (where the value comes from) or 'constant'");
  }

  @Test
  void fromWithoutAnyPathIsAsGoodAsNoFrom() {
    // Given a rule whose from is empty
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                category: { from: [] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the rule is at fault: it could never give a value
    assertAt(problem, mapping, 3, 15, "inbound.fields.category");
    assertThat(problem.message())
        .isEqualTo("give either 'from' (where the value comes from) or 'constant'");
  }

  @Test
  void requiredThatIsNoBooleanIsAProblem() {
    // Given required: maybe
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, required: maybe }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the flag is at fault
    assertAt(problem, mapping, 3, 39, "inbound.fields.subject.required");
    assertThat(problem.message()).isEqualTo("must be true or false");
  }

  // --- transform parameters ---------------------------------------------------------------------

  @Test
  void invalidRegexIsAProblemAtThePattern() {
    // Given an unclosed group on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ regex: "(abc" }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the pattern is at fault
    assertAt(problem, mapping, 3, 50, "inbound.fields.subject.transform[0].regex");
    assertThat(problem.message()).isEqualTo("not a valid regular expression: Unclosed group");
  }

  @Test
  void regexGroupThatDoesNotExistIsAProblem() {
    // Given group 2 of a pattern with one group
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ regex: { pattern: "(a)b", group: 2 } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the parameters are at fault, naming the groups there are
    assertThat(problem.field()).isEqualTo("inbound.fields.subject.transform[0].regex");
    assertThat(problem.message()).isEqualTo("group 2 does not exist in /(a)b/, which has 1");
  }

  @Test
  void negativeRegexGroupIsAProblem() {
    // Given group -1
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ regex: { pattern: "(a)b", group: -1 } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the group is refused here rather than failing on the first record that matches
    assertAt(problem, mapping, 3, 76, "inbound.fields.subject.transform[0].regex.group");
    assertThat(problem.message()).isEqualTo("group must be a whole number of at least 0");
  }

  @Test
  void negativeSplitIndexIsAProblem() {
    // Given a split that keeps piece -1
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ split: { separator: "/", index: -1 } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the index is refused here rather than failing on the first record
    assertAt(problem, mapping, 3, 75, "inbound.fields.subject.transform[0].split.index");
    assertThat(problem.message()).isEqualTo("index must be a whole number of at least 0");
  }

  @Test
  void negativeTruncateLengthIsAProblem() {
    // Given truncate: -1
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ truncate: -1 }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the length is refused here rather than failing on the first record
    assertAt(problem, mapping, 3, 53, "inbound.fields.subject.transform[0].truncate");
    assertThat(problem.message()).isEqualTo("truncate must be a whole number of at least 1");
  }

  @Test
  void replacementWhoseDollarNamesNoGroupIsAProblem() {
    // Given a replace with 'US$', whose '$' names no group
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ replace: { pattern: EUR, with: US$ } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then it is refused here rather than failing on the first record that matches
    assertThat(problem.field()).isEqualTo("inbound.fields.subject.transform[0].replace");
    assertThat(problem.message()).startsWith("'US$' is not a replacement for /EUR/");
  }

  @Test
  void replacementNamingAGroupThePatternLacksIsAProblem() {
    // Given a replace with $2 for a pattern of one group
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: { from: title, transform: [{ replace: { pattern: "(a)b", with: "$2" } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the replacement is at fault
    assertThat(problem.field()).isEqualTo("inbound.fields.subject.transform[0].replace");
    assertThat(problem.message()).startsWith("'$2' is not a replacement for /(a)b/");
  }

  @Test
  void invalidDatePatternIsAProblemNamingThePattern() {
    // Given the pattern 'dd.MM.yyyy bb' on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                attributes.openedAt: { from: created, transform: [{ date: { format: "dd.MM.yyyy bb" } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the date parameters are at fault, naming the pattern
    assertAt(problem, mapping, 3, 63, "inbound.fields.attributes.openedAt.transform[0].date");
    assertThat(problem.message())
        .startsWith("'dd.MM.yyyy bb' is not a date pattern: ")
        .contains("b");
  }

  @Test
  void emptyDatePatternIsAProblemNotADroppedTransform() {
    // Given a date transform whose format is left empty
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                attributes.openedAt: { from: created, transform: [{ date: { format: } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the format is at fault instead of the rule reading the text undated
    assertThat(problem.field())
        .isEqualTo("inbound.fields.attributes.openedAt.transform[0].date.format");
    assertThat(problem.line()).isEqualTo(3);
    assertThat(problem.message()).isEqualTo("format is empty: write a pattern such as dd.MM.yyyy");
  }

  @Test
  void dateWithoutFormatIsAProblem() {
    // Given a date transform with only a zone
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                attributes.openedAt: { from: created, transform: [{ date: { zone: UTC } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the parameters are at fault, with an example pattern
    assertThat(problem.message()).startsWith("date needs 'format' or 'formats'");
  }

  @Test
  void invalidZoneIsAProblemAtTheZone() {
    // Given the zone 'Moscow' on line 3
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                attributes.openedAt: { from: created, transform: [{ date: { format: dd.MM.yyyy, zone: Moscow } }] }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the zone is at fault, with how to write one
    assertAt(problem, mapping, 3, 91, "inbound.fields.attributes.openedAt.transform[0].date.zone");
    assertThat(problem.message())
        .isEqualTo("'Moscow' is not a time zone (write Europe/Moscow, UTC or +03:00)");
  }

  // --- outbound ---------------------------------------------------------------------------------

  @Test
  void outboundWithoutAllowIsAProblem() {
    // Given an outbound part on line 1 without an allowlist
    MappingCase mapping =
        mapping(
            """
            outbound:
              fields:
                status: { to: state }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the outbound part is at fault
    assertAt(problem, mapping, 2, 3, "outbound");
    assertThat(problem.message())
        .isEqualTo("outbound needs 'allow': the list of what may leave toward this partner");
  }

  @Test
  void unknownAllowItemIsAProblemWithASuggestion() {
    // Given 'publicComment' in the allowlist on line 2
    MappingCase mapping =
        mapping(
            """
            outbound:
              allow: [status, publicComment]
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the list is at fault, suggesting publicComments
    assertAt(problem, mapping, 2, 10, "outbound.allow");
    assertThat(problem.message())
        .startsWith(
            "'publicComment' is nothing that can leave (did you mean 'publicComments'?); items:"
                + " status, priority");
  }

  @Test
  void outboundFieldWithoutToIsAProblem() {
    // Given an outbound status rule on line 4 without 'to'
    MappingCase mapping =
        mapping(
            """
            outbound:
              allow: [status]
              fields:
                status: { values: { open: OPEN } }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then 'to' is reported as required
    assertAt(problem, mapping, 4, 13, "outbound.fields.status.to");
    assertThat(problem.message()).isEqualTo("is required");
  }

  @Test
  void unknownOutboundFieldIsAProblemWithASuggestion() {
    // Given an outbound rule for 'priorty'
    MappingCase mapping =
        mapping(
            """
            outbound:
              allow: [priority]
              fields:
                priorty: { to: prio }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the key is at fault, suggesting priority
    assertAt(problem, mapping, 4, 5, "outbound.fields.priorty");
    assertThat(problem.message())
        .isEqualTo("no canonical field 'priorty' (did you mean 'priority'?)");
  }

  @Test
  void outboundStatusTableWithAValueThatIsNoStatusIsATypeMismatch() {
    // Given an outbound status table whose 'done' stands for FINISHED
    MappingCase mapping =
        mapping(
            """
            outbound:
              allow: [status]
              fields:
                status: { to: state, values: { open: OPEN, done: FINISHED } }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the values are at fault, as they are for inbound: no status would ever be 'done'
    assertThat(problem.field()).isEqualTo("outbound.fields.status.values");
    assertThat(problem.message())
        .startsWith("type mismatch: table status maps 'done' to 'FINISHED'");
  }

  @Test
  void workflowWordNotInTheStatusTableIsAProblemWithASuggestion() {
    // Given transitions on line 8 from 'opne', a word the status table lacks
    MappingCase mapping =
        mapping(
            """
            outbound:
              allow: [status]
              fields:
                status: { to: status, values: { open: OPEN, solved: RESOLVED } }
              workflow:
                transitions:
                  open: [solved]
                  opne: [solvd]
            """);

    // When it is read
    mapping.read();

    // Then both words are at fault, each suggesting the partner's word
    assertThat(mapping.problems())
        .extracting(ConfigProblem::line, ConfigProblem::column, ConfigProblem::field)
        .containsExactly(
            tuple(8, 7, "outbound.workflow.transitions.opne"),
            tuple(8, 13, "outbound.workflow.transitions.opne"));
    assertThat(mapping.problems())
        .extracting(ConfigProblem::message)
        .containsExactly(
            "'opne' is not one of the partner's status words (did you mean 'open'?); words: open,"
                + " solved",
            "'solvd' is not one of the partner's status words (did you mean 'solved'?); words:"
                + " open, solved");
  }

  @Test
  void requiresNamingNoCanonicalFieldIsAProblemWithASuggestion() {
    // Given 'solved' requiring 'attribute.resolutionCode' on line 7
    MappingCase mapping =
        mapping(
            """
            outbound:
              allow: [status]
              fields:
                status: { to: status, values: { open: OPEN, solved: RESOLVED } }
              workflow:
                requires:
                  solved: [attribute.resolutionCode]
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the list is at fault
    assertAt(problem, mapping, 7, 15, "outbound.workflow.requires.solved");
    assertThat(problem.message()).startsWith("no canonical field 'attribute.resolutionCode'");
  }

  @Test
  void requiresNamingACommentFieldIsAProblem() {
    // Given 'solved' requiring comment.text, which a ticket never has
    MappingCase mapping =
        mapping(
            """
            outbound:
              allow: [status]
              fields:
                status: { to: status, values: { open: OPEN, solved: RESOLVED } }
              workflow:
                requires:
                  solved: [comment.text]
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the list is at fault: no ticket could ever enter 'solved'
    assertAt(problem, mapping, 7, 15, "outbound.workflow.requires.solved");
    assertThat(problem.message())
        .isEqualTo("'comment.text' is not a field of the ticket, so no status can require it");
  }

  @Test
  void requiresNamingThePartnersOwnIdIsAProblem() {
    // Given 'solved' requiring externalId, which is the partner's and not the ticket's to need
    MappingCase mapping =
        mapping(
            """
            outbound:
              allow: [status]
              workflow:
                requires:
                  solved: [externalId]
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then the list is at fault
    assertAt(problem, mapping, 5, 15, "outbound.workflow.requires.solved");
    assertThat(problem.message())
        .isEqualTo("'externalId' is not a field of the ticket, so no status can require it");
  }

  // --- everything at once -----------------------------------------------------------------------

  @Test
  void everyProblemOfABrokenFileIsReportedAtOnce() {
    // Given a file with problems on lines 1, 7, 8, 9, 12, 14 and 16
    MappingCase mapping =
        mapping(
            """
            descripton: broken on purpose
            tables:
              statuses:
                open: OPNE
            inbound:
              fields:
                subjct: { from: title }
                status: { from: state, table: statuses, requird: true }
                priority: { from: "a..b", default: URGENT }
              comment:
                text: { from: body }
                html: { from: body, transform: [lowercase] }
            outbound:
              allow: [status, comments]
              fields:
                status: { table: statuses }
            """);

    // When it is read
    boolean read = mapping.read().isPresent();

    // Then nothing is returned and each problem is reported where it stands
    assertThat(read).isFalse();
    assertThat(mapping.problems())
        .extracting(ConfigProblem::line, ConfigProblem::field)
        .containsExactlyInAnyOrder(
            tuple(1, "descripton"),
            tuple(7, "inbound.fields.subjct"),
            tuple(8, "inbound.fields.status.table"),
            tuple(8, "inbound.fields.status.requird"),
            tuple(9, "inbound.fields.priority.from"),
            tuple(9, "inbound.fields.priority.default"),
            tuple(12, "inbound.comment.html.transform[0]"),
            tuple(14, "outbound.allow"),
            tuple(16, "outbound.fields.status.to"),
            tuple(16, "outbound.fields.status.table"));
  }

  @Test
  void problemsOfOneFileDoNotHideThoseAlreadyCollected() {
    // Given a list that already holds a problem of another file, and a broken mapping
    MappingCase mapping = mapping("inbound:\n  fields:\n    subjct: title\n");
    ConfigProblem earlier = ConfigProblem.inFile(dir.resolve("other.yml"), "earlier");
    mapping.problems().add(earlier);

    // When it is read
    boolean read = mapping.read().isPresent();

    // Then the earlier problem stays and the new one is added
    assertThat(read).isFalse();
    assertThat(mapping.problems()).hasSize(2).first().isEqualTo(earlier);
    List<ConfigProblem> problems = mapping.problems();
    assertThat(problems.get(1).field()).isEqualTo("inbound.fields.subjct");
  }

  @Test
  void commentWhenWithoutCommentFieldsIsAProblem() {
    // Given a mapping that marks comments but maps no comment field
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: title
              commentWhen: { field: action, equals: comment_created }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then commentWhen is at fault for selecting what nothing maps
    assertThat(problem.line()).isEqualTo(4);
    assertThat(problem.message()).contains("inbound.comment maps none");
  }

  @Test
  void commentWhenWithoutValuesIsAProblem() {
    // Given a commentWhen that names the field but no value
    MappingCase mapping =
        mapping(
            """
            inbound:
              fields:
                subject: title
              comment:
                text: body
              commentWhen: { field: action }
            """);

    // When it is read
    ConfigProblem problem = mapping.onlyProblem();

    // Then it says what is missing
    assertThat(problem.line()).isEqualTo(6);
    assertThat(problem.message()).contains("needs 'equals'");
  }
}
