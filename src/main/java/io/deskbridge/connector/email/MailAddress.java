package io.deskbridge.connector.email;

import java.util.Locale;

/** One mailbox: the address, lower-cased for comparison, and the display name when given. */
public record MailAddress(String address, String name) {

  public MailAddress {
    address = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    name = name == null || name.isBlank() ? null : name.strip();
  }

  /** The part after the {@code @}, or empty. */
  public String domain() {
    int at = address.lastIndexOf('@');
    return at < 0 ? "" : address.substring(at + 1);
  }

  @Override
  public String toString() {
    return name == null ? address : name + " <" + address + ">";
  }
}
