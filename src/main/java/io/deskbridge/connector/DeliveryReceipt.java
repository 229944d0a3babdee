package io.deskbridge.connector;

/** The ids a side's system gave to what was delivered; either may be null. */
public record DeliveryReceipt(String externalTicketId, String externalCommentId) {
  public static final DeliveryReceipt NONE = new DeliveryReceipt(null, null);
}
