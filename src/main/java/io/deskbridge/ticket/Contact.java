package io.deskbridge.ticket;

/** A person on the partner's side, usually the one who reported the problem. */
public record Contact(String name, String email, String phone) {
  public static final Contact UNKNOWN = new Contact(null, null, null);
}
