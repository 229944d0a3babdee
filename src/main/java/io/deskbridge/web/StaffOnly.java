package io.deskbridge.web;

import io.deskbridge.partner.Caller;
import io.deskbridge.partner.Role;

/** Guards for routes that only the manufacturer's agents or ops may call. */
final class StaffOnly {

  private StaffOnly() {}

  static void manufacturer(Caller caller) {
    if (!caller.actsForManufacturer()) {
      throw ApiProblem.forbidden("this route is for the manufacturer's agents");
    }
  }

  static void ops(Caller caller) {
    if (caller.role() != Role.OPS) {
      throw ApiProblem.forbidden("this route is for ops");
    }
  }
}
