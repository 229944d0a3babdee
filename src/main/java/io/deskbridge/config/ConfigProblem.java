package io.deskbridge.config;

import java.nio.file.Path;

/** One thing wrong in a configuration file, with where it stands and which field it concerns. */
public record ConfigProblem(Path file, int line, int column, String field, String message) {

  public static ConfigProblem inFile(Path file, String message) {
    return new ConfigProblem(file, 0, 0, null, message);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file == null ? "<config>" : file.toString());
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    if (field != null && !field.isEmpty()) {
      text.append(field).append(": ");
    }
    return text.append(message).toString();
  }
}
