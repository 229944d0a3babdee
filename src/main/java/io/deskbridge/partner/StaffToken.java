package io.deskbridge.partner;

/**
 * A token of the manufacturer's agents or ops, as configured under {@code
 * deskbridge.security.tokens}: a name for the audit trail, a role, and the SHA-256 of the token in
 * hex.
 */
public record StaffToken(String name, Role role, String sha256) {
  @Override
  public String toString() {
    return "StaffToken[" + name + ", " + role + "]";
  }
}
