package io.deskbridge.connector.csv;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name pattern of exported files. {@code {seq}} is the partner's file sequence, zero-padded to
 * six digits, so that the partner's import can order the files by name; {@code {timestamp}} is when
 * the file was named, {@code yyyyMMdd-HHmmss} in UTC; {@code {partner}} is the partner id.
 */
record ExportFileName(String pattern) {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  private static final Set<String> PLACEHOLDERS = Set.of("seq", "timestamp", "partner");
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  String format(long seq, Instant at, String partner) {
    Matcher matcher = PLACEHOLDER.matcher(pattern);
    StringBuilder name = new StringBuilder();
    while (matcher.find()) {
      String value =
          switch (matcher.group(1)) {
            case "seq" -> String.format("%06d", seq);
            case "timestamp" -> TIMESTAMP.format(at);
            default -> partner;
          };
      matcher.appendReplacement(name, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(name);
    return name.toString();
  }

  /** What is wrong with a pattern, or null when it makes good file names. */
  static String problem(String pattern) {
    Matcher matcher = PLACEHOLDER.matcher(pattern);
    boolean seq = false;
    while (matcher.find()) {
      if (!PLACEHOLDERS.contains(matcher.group(1))) {
        return "'{"
            + matcher.group(1)
            + "}' is not a placeholder; use {seq}, {timestamp}, {partner}";
      }
      seq |= matcher.group(1).equals("seq");
    }
    if (!seq) {
      return "'" + pattern + "' has no {seq}, which keeps names unique and in order";
    }
    if (pattern.contains("/") || pattern.contains("\\")) {
      return "'" + pattern + "' is a name, not a path; put the folder in outbox";
    }
    if (pattern.startsWith(".")) {
      return "'" + pattern + "' starts with '.', which marks files still being written";
    }
    if (pattern.endsWith(".part")) {
      return "'" + pattern + "' ends with .part, which marks files still being written";
    }
    return null;
  }
}
