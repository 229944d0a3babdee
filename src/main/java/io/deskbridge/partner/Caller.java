package io.deskbridge.partner;

import io.deskbridge.ticket.Side;

/** An authenticated caller of the API; partners carry their partner id. */
public record Caller(Role role, String name, String partnerId) {

  public static Caller partner(String partnerId) {
    return new Caller(Role.PARTNER, partnerId, partnerId);
  }

  public boolean isPartner() {
    return role == Role.PARTNER;
  }

  /** The manufacturer's agents and ops act for the manufacturer's side. */
  public boolean actsForManufacturer() {
    return role == Role.MANUFACTURER || role == Role.OPS;
  }

  public Side side() {
    return isPartner() ? Side.partner(partnerId) : Side.MANUFACTURER;
  }
}
