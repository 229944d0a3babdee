package io.deskbridge.connector.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads how long a partner asks us to wait: {@code Retry-After} and rate-limit reset headers. */
final class RetryAfterHeader {

  /** Above this a reset value is a Unix time rather than a number of seconds from now. */
  private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;

  private RetryAfterHeader() {}

  /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      return notNegative(Duration.ofSeconds(Long.parseLong(text)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return notNegative(Duration.between(now, at));
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /**
   * {@code X-RateLimit-Reset}, which APIs write either as a Unix time or as seconds from now; null
   * when absent or unreadable.
   */
  static Duration rateLimitReset(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      long number = (long) Double.parseDouble(value.strip());
      return number >= EPOCH_SECONDS_FROM
          ? notNegative(Duration.between(now, Instant.ofEpochSecond(number)))
          : notNegative(Duration.ofSeconds(number));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Duration notNegative(Duration wait) {
    return wait.isNegative() ? Duration.ZERO : wait;
  }
}
