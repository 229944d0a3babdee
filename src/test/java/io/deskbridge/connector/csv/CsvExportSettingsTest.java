package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The outbound settings of the csv kind: their declarations and their cross-field checks. */
class CsvExportSettingsTest {

  private static List<SettingProblem> problems(Map<String, Object> settings) {
    List<SettingProblem> problems = new ArrayList<>();
    CsvExport.validate(new ConnectorSettings(settings), problems);
    return problems;
  }

  private static Map<String, Object> withOutbox(Object... pairs) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("outbox", "outbox/nordsec");
    for (int i = 0; i < pairs.length; i += 2) {
      settings.put((String) pairs[i], pairs[i + 1]);
    }
    return settings;
  }

  @Test
  void outboundSettingsAreDeclaredOnceUnderTheirNames() {
    // Given the declarations
    // When their names are listed
    List<String> names = CsvExport.SETTINGS.stream().map(SettingDefinition::name).toList();

    // Then they are exactly the outbound settings, none required
    assertThat(names)
        .containsExactly(
            "outbox",
            "exportDelimiter",
            "exportCharset",
            "exportBom",
            "exportLineEnding",
            "exportColumns",
            "exportFileName",
            "exportInterval",
            "exportEscapeFormulas");
    assertThat(CsvExport.SETTINGS).noneMatch(SettingDefinition::required);
  }

  @Test
  void folderOutboxOnTheDefaultsHasNoProblem() {
    assertThat(problems(withOutbox())).isEmpty();
  }

  @Test
  void everyProblemOfTheExportSettingsIsReportedAtOnce() {
    // Given settings wrong in six ways
    Map<String, Object> settings =
        withOutbox(
            "exportDelimiter", ":",
            "exportCharset", "klingon-8",
            "exportLineEnding", "cr",
            "exportColumns", List.of("@ticket", "Статус", "Статус"),
            "exportFileName", "export-{date}.csv",
            "exportInterval", "0s");

    // When they are validated
    List<SettingProblem> problems = problems(settings);

    // Then each is named
    assertThat(problems)
        .extracting(SettingProblem::setting)
        .containsExactlyInAnyOrder(
            "exportDelimiter",
            "exportCharset",
            "exportLineEnding",
            "exportColumns[0]",
            "exportColumns[2]",
            "exportFileName",
            "exportInterval");
  }

  @Test
  void fileNameWithoutSequenceIsRefused() {
    assertThat(problems(withOutbox("exportFileName", "export-{timestamp}.csv")))
        .singleElement()
        .extracting(SettingProblem::message)
        .asString()
        .contains("has no {seq}");
  }

  @Test
  void byteOrderMarkWithASingleByteCharsetIsRefused() {
    assertThat(problems(withOutbox("exportCharset", "windows-1251", "exportBom", true)))
        .extracting(SettingProblem::setting)
        .containsExactly("exportBom");
  }

  @Test
  void sftpOutboxNeedsUsernameAndPassword() {
    assertThat(problems(withOutbox("outbox", "sftp://files.partner.example/to-partner")))
        .extracting(SettingProblem::setting)
        .containsExactlyInAnyOrder("username", "password");
  }

  @Test
  void otherUrlSchemesAreRefused() {
    assertThat(problems(withOutbox("outbox", "ftp://files.partner.example/to-partner")))
        .extracting(SettingProblem::setting)
        .containsExactly("outbox");
  }

  @Test
  void exportSettingsWithoutOutboxAreReported() {
    assertThat(problems(Map.of("exportDelimiter", ",")))
        .singleElement()
        .isEqualTo(new SettingProblem("exportDelimiter", "has no effect without outbox"));
  }

  @Test
  void delimiterWordsAreTaken() {
    for (String delimiter : List.of(",", ";", "tab", "TAB", "|")) {
      assertThat(problems(withOutbox("exportDelimiter", delimiter))).as(delimiter).isEmpty();
    }
  }
}
