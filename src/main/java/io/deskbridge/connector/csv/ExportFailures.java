package io.deskbridge.connector.csv;

import java.nio.file.FileSystemException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Failure messages fit for ops: one line, every cause's own words once, no stack trace. */
final class ExportFailures {

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
      parts.add(message.replaceAll("\\s+", " ").strip());
      if (t.getCause() == t) {
        break;
      }
    }
    return String.join(": ", parts);
  }
}
