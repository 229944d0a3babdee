package io.deskbridge.partner;

/** What a caller of the API is: a partner, one of the manufacturer's agents, or ops. */
public enum Role {
  PARTNER,
  MANUFACTURER,
  /** Runs the gateway: everything a manufacturer agent may do, plus partners and dead letters. */
  OPS
}
