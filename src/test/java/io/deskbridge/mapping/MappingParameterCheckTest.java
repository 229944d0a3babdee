package io.deskbridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.config.ConfigProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameters that could only fail when a record is mapped are refused when the file is read, each
 * at its line, so a mapping that loads never throws on a parameter later.
 */
class MappingParameterCheckTest {

  @TempDir Path dir;

  private final List<ConfigProblem> problems = new ArrayList<>();

  private Optional<Mapping> read(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("m.yml"), yaml, StandardCharsets.UTF_8);
    return new MappingFileReader().read("m", file, problems);
  }

  private static String inbound(String transform) {
    return "inbound:\n  fields:\n    subject: { from: title, transform: [" + transform + "] }\n";
  }

  @Test
  void truncateToANegativeLengthIsRefusedAtItsLine() throws IOException {
    assertThat(read(inbound("{ truncate: -3 }"))).isEmpty();
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.message()).isEqualTo("truncate must be a whole number of at least 1");
            });
  }

  @Test
  void truncateToAWordSaysAWholeNumberIsNeeded() throws IOException {
    // A number written as text ("5") is a number; a word is not
    assertThat(read(inbound("{ truncate: ten }"))).isEmpty();
    assertThat(problems)
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .contains("whole number");
  }

  @Test
  void negativeSplitIndexAndRegexGroupAreRefused() throws IOException {
    assertThat(
            read(
                inbound(
                    "{ split: { separator: ';', index: -1 } }, { regex: { pattern: 'a(b)', group: -2 } }")))
        .isEmpty();
    assertThat(problems)
        .extracting(ConfigProblem::message)
        .containsExactlyInAnyOrder(
            "index must be a whole number of at least 0",
            "group must be a whole number of at least 0");
  }

  @Test
  void anEmptyDateFormatIsRefusedInsteadOfDropped() throws IOException {
    assertThat(read(inbound("{ date: { format: } }"))).isEmpty();
    assertThat(problems)
        .singleElement()
        .extracting(ConfigProblem::message)
        .asString()
        .contains("format is empty");
  }

  @Test
  void anOutboundTargetWithBracketsIsRefused() throws IOException {
    String yaml = "outbound:\n  allow: [status]\n  fields:\n    status: { to: \"x['y.z']\" }\n";
    assertThat(read(yaml)).isEmpty();
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(4);
              assertThat(p.message()).contains("names separated by dots");
            });
  }

  @Test
  void aWorkflowCannotRequireAFieldNoTicketHas() throws IOException {
    String yaml =
        "outbound:\n  allow: [status]\n  workflow:\n    requires:\n      solved: [comment.text, externalId]\n";
    assertThat(read(yaml)).isEmpty();
    assertThat(problems)
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.message()).contains("is not a field of the ticket"));
  }

  @Test
  void aTableWithLowerCaseCanonicalWordsWorksBothWays() throws IOException {
    // Given a status table written with lower-case canonical names
    Mapping mapping =
        read("tables:\n  s: { offen: open, erledigt: resolved }\n"
                + "inbound:\n  fields:\n    status: { from: st, table: s }\n"
                + "outbound:\n  allow: [status]\n  fields:\n    status: { to: st, table: s }\n")
            .orElseThrow();

    // Then inbound gives the canonical status and outbound finds the partner's word for it
    assertThat(mapping.inbound().ticketUpdate(java.util.Map.of("st", "Erledigt")).get("status"))
        .isEqualTo("RESOLVED");
    assertThat(mapping.outbound().partnerWord("status", "RESOLVED")).isEqualTo("erledigt");
  }
}
