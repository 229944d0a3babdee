package io.deskbridge.ticket;

/** The end customer's object where the equipment is installed. */
public record Site(String name, String address) {
  public static final Site UNKNOWN = new Site(null, null);
}
