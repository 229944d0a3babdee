package io.deskbridge.ticket;

/** The equipment a ticket is about; any part may be unknown (null). */
public record Product(String model, String serialNumber, String firmware) {
  public static final Product UNKNOWN = new Product(null, null, null);
}
