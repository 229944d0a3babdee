package io.deskbridge.connector.csv;

import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingProblem;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outbound settings of one CSV partner, read once: where its files go, the dialect they are
 * written in, which columns they have, how they are named, and whether changes are gathered.
 */
record ExportSettings(
    String outbox,
    CsvDialect dialect,
    List<ExportColumn> columns,
    ExportFileName fileName,
    Duration interval,
    Sftp sftp,
    boolean escapeFormulas) {

  /** How an {@code sftp://} outbox is reached; the password never shows in text. */
  record Sftp(
      String host,
      int port,
      String directory,
      String username,
      String password,
      boolean strictHostKeys,
      String knownHostsFile) {

    @Override
    public String toString() {
      return "sftp://" + host + ":" + port + "/" + directory;
    }
  }

  static final String DEFAULT_FILE_NAME = "deskbridge-{seq}.csv";
  private static final Map<String, Character> DELIMITERS =
      Map.of(",", ',', ";", ';', "tab", '\t', "\t", '\t', "|", '|');
  private static final List<String> EXPORT_SETTINGS =
      List.of(
          "exportDelimiter",
          "exportCharset",
          "exportBom",
          "exportLineEnding",
          "exportColumns",
          "exportFileName",
          "exportInterval",
          "exportEscapeFormulas");

  /** Every problem of the outbound settings that their declarations alone cannot state. */
  static void check(ConnectorSettings settings, List<SettingProblem> problems) {
    Object outbox = settings.raw("outbox");
    if (outbox == null) {
      for (String name : EXPORT_SETTINGS) {
        if (settings.raw(name) != null) {
          problems.add(new SettingProblem(name, "has no effect without outbox"));
        }
      }
      return;
    }
    if (outbox instanceof String text) {
      checkOutbox(text, settings, problems);
    }
    if (settings.raw("exportDelimiter") instanceof String delimiter
        && !DELIMITERS.containsKey(delimiter.toLowerCase(Locale.ROOT))) {
      problems.add(
          new SettingProblem(
              "exportDelimiter",
              "'" + delimiter + "' is not one of , ; tab | (write tab for a tab)"));
    }
    Charset charset = StandardCharsets.UTF_8;
    if (settings.raw("exportCharset") instanceof String name) {
      charset = charset(name);
      if (charset == null) {
        problems.add(
            new SettingProblem(
                "exportCharset",
                "'" + name + "' is not a charset this Java can write (e.g. UTF-8, windows-1251)"));
      }
    }
    if (charset != null
        && Boolean.TRUE.equals(settings.raw("exportBom"))
        && !charset.name().startsWith("UTF-")) {
      problems.add(
          new SettingProblem(
              "exportBom", "a byte order mark belongs only to UTF-8 and UTF-16, not " + charset));
    }
    if (settings.raw("exportLineEnding") instanceof String ending && lineEnding(ending) == null) {
      problems.add(new SettingProblem("exportLineEnding", "'" + ending + "' is not crlf or lf"));
    }
    if (settings.raw("exportColumns") instanceof List<?> list) {
      ExportColumn.check(list, problems);
    }
    if (settings.raw("exportFileName") instanceof String pattern) {
      String problem = ExportFileName.problem(pattern);
      if (problem != null) {
        problems.add(new SettingProblem("exportFileName", problem));
      }
    }
    if (settings.raw("exportInterval") != null) {
      Duration interval = settings.duration("exportInterval", null);
      if (interval != null && (interval.isNegative() || interval.isZero())) {
        problems.add(
            new SettingProblem(
                "exportInterval", "must be longer than zero (leave it out for a file per change)"));
      }
    }
  }

  private static void checkOutbox(
      String outbox, ConnectorSettings settings, List<SettingProblem> problems) {
    if (outbox.isBlank()) {
      problems.add(new SettingProblem("outbox", "is empty; leave it out for no files"));
      return;
    }
    if (!outbox.contains("://")) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(outbox);
    } catch (IllegalArgumentException e) {
      problems.add(new SettingProblem("outbox", "'" + outbox + "' is not a URL"));
      return;
    }
    if (!"sftp".equalsIgnoreCase(uri.getScheme())) {
      problems.add(
          new SettingProblem(
              "outbox",
              "'" + uri.getScheme() + "' is not supported; write a folder or sftp://host/path"));
      return;
    }
    if (uri.getHost() == null) {
      problems.add(new SettingProblem("outbox", "'" + outbox + "' names no host"));
    }
    if (uri.getUserInfo() != null) {
      problems.add(
          new SettingProblem(
              "outbox", "put the user in username and the password in password, not the URL"));
    }
    // An sftp inbox already asks for the login, which the outbox shares: one problem each.
    boolean inboxAsks =
        settings.string("inbox", "").strip().toLowerCase(Locale.ROOT).startsWith("sftp://");
    if (!inboxAsks && settings.raw("username") == null) {
      problems.add(new SettingProblem("username", "is required with an sftp:// outbox"));
    }
    if (!inboxAsks && settings.raw("password") == null) {
      problems.add(new SettingProblem("password", "is required with an sftp:// outbox"));
    }
  }

  /** Reads settings that passed validation; null when there is no outbox. */
  static ExportSettings of(ConnectorSettings settings) {
    String outbox = settings.string("outbox", null);
    if (outbox == null || outbox.isBlank()) {
      return null;
    }
    Charset charset = charset(settings.string("exportCharset", "UTF-8"));
    boolean bom = settings.flag("exportBom", StandardCharsets.UTF_8.equals(charset));
    CsvDialect dialect =
        new CsvDialect(
            DELIMITERS.get(settings.string("exportDelimiter", ";").toLowerCase(Locale.ROOT)),
            charset,
            bom,
            lineEnding(settings.string("exportLineEnding", "crlf")));
    List<ExportColumn> columns =
        settings.raw("exportColumns") instanceof List<?> list ? ExportColumn.of(list) : List.of();
    Duration interval = settings.duration("exportInterval", null);
    return new ExportSettings(
        outbox,
        dialect,
        columns,
        new ExportFileName(settings.string("exportFileName", DEFAULT_FILE_NAME)),
        interval,
        outbox.contains("://") ? sftp(outbox, settings) : null,
        settings.flag("exportEscapeFormulas", false));
  }

  private static Sftp sftp(String outbox, ConnectorSettings settings) {
    URI uri = URI.create(outbox);
    String path = uri.getPath() == null ? "" : uri.getPath();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Sftp(
        uri.getHost(),
        uri.getPort() < 0 ? 22 : uri.getPort(),
        path,
        settings.string("username", null),
        settings.string("password", null),
        !"off".equalsIgnoreCase(settings.string("hostKeyChecking", "strict")),
        settings.string("knownHostsFile", null));
  }

  static Charset charset(String name) {
    try {
      Charset charset = Charset.forName(name.strip());
      return charset.canEncode() ? charset : null;
    } catch (IllegalCharsetNameException | java.nio.charset.UnsupportedCharsetException e) {
      return null;
    }
  }

  private static String lineEnding(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "crlf" -> "\r\n";
      case "lf" -> "\n";
      default -> null;
    };
  }

  /** The outbox as ops may read it in logs and messages: a folder or an sftp URL, no secrets. */
  String where() {
    return sftp == null ? "folder " + outbox : sftp.toString();
  }
}
