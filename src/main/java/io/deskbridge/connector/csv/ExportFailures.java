package io.deskbridge.connector.csv;

import java.nio.file.FileSystemException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Failure messages fit for ops: one line, every cause's own words once, no stack trace. */
final class ExportFailures {

  private static final Pattern QUALIFIED_CLASS =
      Pattern.compile("^(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error):\\s*");

  private ExportFailures() {}

  static String describe(Throwable failure) {
    Set<String> parts = new LinkedHashSet<>();
    for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause()) {
      String message =
          t instanceof FileSystemException fs && fs.getReason() != null
              ? fs.getReason()
              : t.getMessage();
      if (message == null || message.isBlank()) {
        message = t.getClass().getSimpleName();
      }
      // A cause's message often starts with the class name of the cause below it; ops need only
      // the words, which that cause adds itself.
      message = QUALIFIED_CLASS.matcher(message.replaceAll("\\s+", " ").strip()).replaceFirst("");
      if (!message.isEmpty()) {
        parts.add(message);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return String.join(": ", parts);
  }
}
