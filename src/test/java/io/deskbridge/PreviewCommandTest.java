package io.deskbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code preview --mapping NAME FILE} shows what a mapping makes of a record, storing nothing. */
class PreviewCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int preview(String... args) {
    return DeskBridgeApplication.preview(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void recordThatFitsShowsCanonicalTicketRoutingAndBothSides() throws IOException {
    // When the Russian example mapping previews the Russian sample record
    int exit =
        preview(
            "--config-dir",
            "examples",
            "--mapping",
            "nordsec-ru",
            "examples/payloads/nordsec-create.json");

    // Then it exits 0 and prints the canonical ticket, its queue, and what each side gets
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertThat(result.get("partner").asText()).isEqualTo("nordsec");
    assertThat(result.get("canonical").get("product.model").asText()).isEqualTo("FP-2000");
    assertThat(result.get("canonical").get("attributes.openedAt").asText())
        .isEqualTo("2026-11-27T06:15:00Z");
    assertThat(result.get("routing").get("rule").asText()).isEqualTo("fire-panel-down");
    assertThat(result.get("sent").get("partner").get("Приоритет").asText())
        .isEqualTo("Критический");
    assertThat(result.get("problems")).isEmpty();
  }

  @Test
  void recordThatDoesNotFitExitsOneWithEveryProblem() throws IOException {
    // Given a record without the required fields and with a priority the table lacks
    Path record = Files.writeString(dir.resolve("bad.json"), "{\"Приоритет\": \"Срочнейший\"}");

    // When it is previewed
    int exit = preview("--config-dir=examples", "--mapping=nordsec-ru", record.toString());

    // Then it exits 1 and names each problem with the mapping file and line
    assertThat(exit).isEqualTo(1);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("nordsec-ru.yml:", "externalId", "subject", "Срочнейший");
  }

  @Test
  void missingArgumentsPrintTheUsage() {
    assertThat(preview("--config-dir=examples")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("usage: preview --mapping NAME FILE");
  }

  @Test
  void unknownMappingIsNamedWithTheOnesThatExist() {
    assertThat(preview("--config-dir=examples", "--mapping=nordsec", "x.json")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no mapping 'nordsec'", "nordsec-ru");
  }
}
