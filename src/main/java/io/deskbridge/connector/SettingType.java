package io.deskbridge.connector;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The value types a connector setting can take, with how each is read from YAML text. */
public enum SettingType {
  STRING,
  INTEGER,
  BOOLEAN,
  /** ISO-8601 ({@code PT30S}) or a number with a unit ({@code 30s}, {@code 5m}, {@code 2h}). */
  DURATION,
  URL,
  LIST;

  /** Null when the value fits this type, else what is wrong with it. */
  public String check(Object value) {
    return switch (this) {
      case STRING -> value instanceof String ? null : "must be text";
      case INTEGER ->
          value instanceof Integer || value instanceof Long ? null : "must be a whole number";
      case BOOLEAN -> value instanceof Boolean ? null : "must be true or false";
      case DURATION -> parseDuration(String.valueOf(value)) != null ? null : durationHint(value);
      case URL -> checkUrl(value);
      case LIST -> value instanceof java.util.List<?> ? null : "must be a list";
    };
  }

  private static String durationHint(Object value) {
    return "'" + value + "' is not a duration (write 30s, 5m, 2h or ISO-8601 such as PT30S)";
  }

  private static String checkUrl(Object value) {
    try {
      URI uri = URI.create(String.valueOf(value));
      return uri.getScheme() == null ? "must be an absolute URL" : null;
    } catch (IllegalArgumentException e) {
      return "is not a URL: " + e.getMessage();
    }
  }

  /**
   * Reads {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 250ms} or ISO-8601; null if
   * neither.
   */
  public static Duration parseDuration(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      if (t.startsWith("P") || t.startsWith("p")) {
        return Duration.parse(t);
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long amount = Long.parseLong(t.substring(0, t.length() - 1));
      return switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> null;
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }
}
