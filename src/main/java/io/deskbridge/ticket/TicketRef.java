package io.deskbridge.ticket;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The gateway's own reference of a ticket, such as {@code DB-000123}: a prefix, a dash and at least
 * six digits. It is what both sides quote, so it never changes once given.
 */
public record TicketRef(String value) {

  private static final Pattern SHAPE = Pattern.compile("[A-Z][A-Z0-9]*-\\d{6,}");

  public TicketRef {
    Objects.requireNonNull(value, "ticket reference");
    if (!SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("not a ticket reference: " + value);
    }
  }

  public static TicketRef of(String prefix, long number) {
    return new TicketRef(prefix + "-" + String.format("%06d", number));
  }

  public static boolean looksLike(String text) {
    return text != null && SHAPE.matcher(text).matches();
  }

  /** The sequence number inside the reference. */
  public long number() {
    return Long.parseLong(value.substring(value.lastIndexOf('-') + 1));
  }

  @Override
  public String toString() {
    return value;
  }
}
