package io.deskbridge.connector.csv;

import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import io.deskbridge.connector.SettingType;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The inbound settings of one csv partner, read once from its partner file: where its files arrive,
 * when a file counts as complete, how its files are written when that is not detected, and which
 * column names the partner's ticket.
 */
record CsvSettings(
    CsvInbox inbox,
    Duration pollInterval,
    Readiness readiness,
    Duration stableFor,
    String markerSuffix,
    Character delimiter,
    Charset charset,
    List<String> columns,
    String ticketIdColumn,
    String commentFiles) {

  /** When a dropped file is complete enough to read. */
  enum Readiness {
    /** Its size and modification time have not changed for {@code stableFor}. */
    STABLE,
    /** The partner wrote {@code <name><markerSuffix>} after it. */
    MARKER
  }

  /**
   * Every inbound setting of the kind, declared once. The outbound settings of the kind are
   * appended to this list where the kind declares its settings ({@link
   * CsvConnectorKind#settings()}).
   */
  static final List<SettingDefinition> INBOUND =
      List.of(
          SettingDefinition.required(
              "inbox",
              SettingType.STRING,
              "the folder the partner drops its files in: a local path, or sftp://host[:port]/path"),
          SettingDefinition.optional(
              "username", SettingType.STRING, null, "the SFTP login (for an sftp inbox or outbox)"),
          SettingDefinition.secret(
              "password",
              false,
              "the SFTP password: ${ENV_VAR} or file:/path (for an sftp inbox or outbox)"),
          SettingDefinition.optional(
              "hostKeyChecking",
              SettingType.STRING,
              "strict",
              "strict: the SFTP server's key must be in knownHostsFile (or ~/.ssh/known_hosts);"
                  + " off: any key is accepted (tests only)"),
          SettingDefinition.optional(
              "knownHostsFile",
              SettingType.STRING,
              null,
              "the known_hosts file the SFTP server's key is checked against"),
          SettingDefinition.optional(
              "pollInterval", SettingType.DURATION, "10s", "how often the inbox is looked into"),
          SettingDefinition.optional(
              "readiness",
              SettingType.STRING,
              "stable",
              "stable: a file is read once its size and time have not changed for stableFor;"
                  + " marker: once <name><markerSuffix> exists"),
          SettingDefinition.optional(
              "stableFor",
              SettingType.DURATION,
              "2s",
              "how long a file must stay unchanged before it is read (readiness stable)"),
          SettingDefinition.optional(
              "markerSuffix",
              SettingType.STRING,
              ".ready",
              "the suffix of the marker file that says a file is complete (readiness marker)"),
          SettingDefinition.optional(
              "delimiter",
              SettingType.STRING,
              "auto",
              "auto (detected per file), or one of , ; tab |"),
          SettingDefinition.optional(
              "charset",
              SettingType.STRING,
              "auto",
              "auto (UTF-8 with or without BOM, windows-1251 or KOI8-R, detected per file), or a"
                  + " charset name such as windows-1251"),
          SettingDefinition.optional(
              "columns",
              SettingType.LIST,
              null,
              "the column names, for files without a header row; without it the first row is the"
                  + " header"),
          SettingDefinition.required(
              "ticketIdColumn",
              SettingType.STRING,
              "the column with the partner's own ticket id (the ticket's externalId)"),
          SettingDefinition.optional(
              "commentFiles",
              SettingType.STRING,
              "*comment*.csv",
              "a glob on the file name: the rows of such files are comments on tickets"));

  private static final List<String> DELIMITERS = List.of("auto", ",", ";", "tab", "|");

  /** Every problem of the cross-field rules the declarations alone cannot state. */
  static List<SettingProblem> check(ConnectorSettings settings) {
    List<SettingProblem> problems = new ArrayList<>();
    String inbox = settings.string("inbox", null);
    CsvInbox parsed = null;
    if (inbox != null) {
      try {
        parsed = CsvInbox.parse(inbox);
      } catch (IllegalArgumentException e) {
        problems.add(new SettingProblem("inbox", e.getMessage()));
      }
    }
    boolean sftp = parsed != null && parsed.remote();
    if (sftp && settings.string("username", null) == null) {
      problems.add(new SettingProblem("username", "is required for an sftp inbox"));
    }
    if (sftp && settings.string("password", null) == null) {
      problems.add(new SettingProblem("password", "is required for an sftp inbox"));
    }
    String checking = settings.string("hostKeyChecking", "strict");
    if (!List.of("strict", "off").contains(checking)) {
      problems.add(
          new SettingProblem("hostKeyChecking", "'" + checking + "' is not strict or off"));
    } else if (checking.equals("off") && settings.string("knownHostsFile", null) != null) {
      problems.add(
          new SettingProblem(
              "knownHostsFile", "is not read when hostKeyChecking is off; remove one of the two"));
    }
    String readiness = settings.string("readiness", "stable");
    if (!List.of("stable", "marker").contains(readiness)) {
      problems.add(new SettingProblem("readiness", "'" + readiness + "' is not stable or marker"));
    }
    String suffix = settings.string("markerSuffix", ".ready");
    if (suffix.isBlank() || suffix.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      problems.add(
          new SettingProblem(
              "markerSuffix", "'" + suffix + "' must be non-empty and must not end with .csv"));
    }
    String delimiter = settings.string("delimiter", "auto");
    if (!DELIMITERS.contains(delimiter)) {
      problems.add(
          new SettingProblem(
              "delimiter", "'" + delimiter + "' is not one of " + String.join(" ", DELIMITERS)));
    }
    String charset = settings.string("charset", "auto");
    if (!charset.equals("auto")) {
      try {
        Charset.forName(charset);
      } catch (IllegalArgumentException e) {
        problems.add(new SettingProblem("charset", "'" + charset + "' is not a known charset"));
      }
    }
    String idColumn = settings.string("ticketIdColumn", null);
    if (idColumn != null && idColumn.isBlank()) {
      problems.add(new SettingProblem("ticketIdColumn", "must name a column"));
    }
    if (settings.raw("columns") instanceof List<?> columns) {
      Set<String> seen = new HashSet<>();
      for (Object column : columns) {
        String name = column == null ? "" : String.valueOf(column).strip();
        if (name.isEmpty()) {
          problems.add(new SettingProblem("columns", "a column name is empty"));
        } else if (!seen.add(name)) {
          problems.add(new SettingProblem("columns", "'" + name + "' is named twice"));
        }
      }
      if (columns.isEmpty()) {
        problems.add(new SettingProblem("columns", "name at least one column"));
      } else if (idColumn != null && !seen.contains(idColumn.strip())) {
        problems.add(
            new SettingProblem(
                "ticketIdColumn", "'" + idColumn + "' is not among the columns setting"));
      }
    }
    String glob = settings.string("commentFiles", "*comment*.csv");
    try {
      matcher(glob);
    } catch (IllegalArgumentException e) {
      problems.add(new SettingProblem("commentFiles", "'" + glob + "' is not a glob"));
    }
    return problems;
  }

  /** Reads settings that passed {@link #check}. */
  static CsvSettings of(ConnectorSettings settings) {
    String delimiter = settings.string("delimiter", "auto");
    String charset = settings.string("charset", "auto");
    List<String> columns = null;
    if (settings.raw("columns") instanceof List<?> list) {
      columns = list.stream().map(c -> String.valueOf(c).strip()).toList();
    }
    return new CsvSettings(
        CsvInbox.parse(settings.string("inbox", null))
            .withLogin(
                settings.string("username", null),
                settings.string("password", null),
                settings.string("hostKeyChecking", "strict").equals("strict"),
                settings.string("knownHostsFile", null)),
        settings.duration("pollInterval", Duration.ofSeconds(10)),
        Readiness.valueOf(settings.string("readiness", "stable").toUpperCase(Locale.ROOT)),
        settings.duration("stableFor", Duration.ofSeconds(2)),
        settings.string("markerSuffix", ".ready"),
        switch (delimiter) {
          case "auto" -> null;
          case "tab" -> '\t';
          default -> delimiter.charAt(0);
        },
        charset.equals("auto") ? null : Charset.forName(charset),
        columns,
        settings.string("ticketIdColumn", null).strip(),
        settings.string("commentFiles", "*comment*.csv"));
  }

  /** Whether the rows of the named file are comments rather than tickets. */
  boolean isCommentFile(String fileName) {
    return matcher(commentFiles)
        .matches(java.nio.file.Path.of(fileName.toLowerCase(Locale.ROOT)).getFileName());
  }

  private static PathMatcher matcher(String glob) {
    return FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "CsvSettings[inbox=" + inbox + ", ticketIdColumn=" + ticketIdColumn + "]";
  }
}
