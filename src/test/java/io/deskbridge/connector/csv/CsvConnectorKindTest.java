package io.deskbridge.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorKindContract;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code csv} kind keeps the contract of every kind, and refuses settings that could not work
 * with a reason naming the setting.
 */
class CsvConnectorKindTest extends ConnectorKindContract {

  @TempDir Path inbox;

  @Override
  protected ConnectorKind kind() {
    return new CsvConnectorKind();
  }

  @Override
  protected Map<String, Object> validSettings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("inbox", inbox.toString());
    settings.put("ticketIdColumn", "Номер");
    return settings;
  }

  private List<String> problemsWith(Map<String, Object> changes) {
    Map<String, Object> settings = new HashMap<>(validSettings());
    settings.putAll(changes);
    return kind().validate(new ConnectorSettings(settings)).stream()
        .map(p -> p.setting() + ": " + p.message())
        .toList();
  }

  @Test
  void settingsAreTheNamesPartnerFilesUseInboundThenOutbound() {
    assertThat(kind().settings())
        .extracting(SettingDefinition::name)
        .containsExactly(
            "inbox",
            "username",
            "password",
            "hostKeyChecking",
            "knownHostsFile",
            "pollInterval",
            "readiness",
            "stableFor",
            "markerSuffix",
            "delimiter",
            "charset",
            "columns",
            "ticketIdColumn",
            "commentFiles",
            "outbox",
            "exportDelimiter",
            "exportCharset",
            "exportBom",
            "exportLineEnding",
            "exportColumns",
            "exportFileName",
            "exportInterval",
            "exportEscapeFormulas");
    assertThat(kind().settings())
        .filteredOn(SettingDefinition::secret)
        .extracting(SettingDefinition::name)
        .containsExactly("password");
  }

  @Test
  void sftpInboxNeedsALogin() {
    assertThat(problemsWith(Map.of("inbox", "sftp://files.partner.example:2222/out")))
        .containsExactly(
            "username: is required for an sftp inbox", "password: is required for an sftp inbox");
  }

  @Test
  void inboxThatIsNeitherAFolderNorSftpIsRefused() {
    assertThat(problemsWith(Map.of("inbox", "ftp://files.partner.example/out")))
        .containsExactly(
            "inbox: 'ftp://files.partner.example/out': only a local folder or"
                + " sftp://host[:port]/path can be an inbox");
    assertThat(problemsWith(Map.of("inbox", "sftp://user:pw@files.partner.example/out")))
        .containsExactly(
            "inbox: write the login in username and password, not in the inbox address");
  }

  @Test
  void wordsOutsideTheirListsAreNamed() {
    assertThat(problemsWith(Map.of("hostKeyChecking", "maybe")))
        .containsExactly("hostKeyChecking: 'maybe' is not strict or off");
    assertThat(problemsWith(Map.of("readiness", "soon")))
        .containsExactly("readiness: 'soon' is not stable or marker");
    assertThat(problemsWith(Map.of("delimiter", ":")))
        .containsExactly("delimiter: ':' is not one of auto , ; tab |");
    assertThat(problemsWith(Map.of("charset", "cp-nonsense")))
        .containsExactly("charset: 'cp-nonsense' is not a known charset");
    assertThat(problemsWith(Map.of("markerSuffix", ".done.csv")))
        .containsExactly("markerSuffix: '.done.csv' must be non-empty and must not end with .csv");
    assertThat(problemsWith(Map.of("commentFiles", "*[comment")))
        .containsExactly("commentFiles: '*[comment' is not a glob");
  }

  @Test
  void columnsMustIncludeTheTicketIdColumnAndNameEachOnce() {
    assertThat(problemsWith(Map.of("columns", List.of("Тема", "Тема"))))
        .containsExactly(
            "columns: 'Тема' is named twice",
            "ticketIdColumn: 'Номер' is not among the columns setting");
  }

  @Test
  void knownHostsFileWithoutHostKeyCheckingIsAContradiction() {
    assertThat(problemsWith(Map.of("hostKeyChecking", "off", "knownHostsFile", "/etc/ssh/kh")))
        .containsExactly(
            "knownHostsFile: is not read when hostKeyChecking is off; remove one of the two");
  }

  @Test
  void problemsAreReportedTogether() {
    List<SettingProblem> problems =
        kind()
            .validate(
                new ConnectorSettings(
                    Map.of("inbox", "sftp://h/x", "readiness", "soon", "delimiter", "x")));

    assertThat(problems)
        .extracting(SettingProblem::setting)
        .contains("ticketIdColumn", "username", "password", "readiness", "delimiter");
  }

  @Test
  void sftpPasswordNeverShowsInTheReadSettings() {
    Map<String, Object> settings = new HashMap<>(validSettings());
    settings.put("inbox", "sftp://files.partner.example/out");
    settings.put("username", "deskbridge");
    settings.put("password", "hunter2-secret");

    CsvSettings read = CsvSettings.of(new ConnectorSettings(settings));

    assertThat(read.toString()).doesNotContain("hunter2-secret");
    assertThat(read.inbox().toString())
        .doesNotContain("hunter2-secret")
        .contains("files.partner.example");
  }

  @Test
  void commentFilesAreKnownByTheirNameGlob() {
    CsvSettings settings = CsvSettings.of(new ConnectorSettings(validSettings()));

    assertThat(settings.isCommentFile("comments-2026-11-27.csv")).isTrue();
    assertThat(settings.isCommentFile("Export_Comments.CSV")).isTrue();
    assertThat(settings.isCommentFile("tickets.csv")).isFalse();
  }
}
