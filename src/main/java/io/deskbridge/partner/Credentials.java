package io.deskbridge.partner;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a bearer token to its caller. Every stored hash is compared, in constant time, so the
 * time an answer takes says nothing about which or how many keys exist.
 */
public class Credentials {

  /**
   * Environment variables that carry a staff token directly, for deployments with a secret store.
   */
  public static final Map<String, Role> TOKEN_VARIABLES =
      Map.of("DESKBRIDGE_MANUFACTURER_TOKEN", Role.MANUFACTURER, "DESKBRIDGE_OPS_TOKEN", Role.OPS);

  private record Entry(byte[] hash, Caller caller) {}

  private final PartnerDirectory partners;
  private final List<Entry> staff;

  public Credentials(
      PartnerDirectory partners, List<StaffToken> tokens, Map<String, String> environment) {
    this.partners = partners;
    List<Entry> entries = new ArrayList<>();
    for (StaffToken token : tokens) {
      entries.add(
          new Entry(
              HexFormat.of().parseHex(token.sha256().toLowerCase()),
              new Caller(token.role(), token.name(), null)));
    }
    TOKEN_VARIABLES.forEach(
        (variable, role) -> {
          String token = environment.get(variable);
          if (token != null && !token.isBlank()) {
            entries.add(new Entry(ApiKeys.hash(token.strip()), new Caller(role, variable, null)));
          }
        });
    this.staff = List.copyOf(entries);
  }

  public Optional<Caller> authenticate(String token) {
    if (token == null || token.isBlank()) {
      return Optional.empty();
    }
    byte[] presented = ApiKeys.hash(token.strip());
    Caller found = null;
    for (Entry entry : staff) {
      if (ApiKeys.matches(presented, entry.hash()) && found == null) {
        found = entry.caller();
      }
    }
    for (Partner partner : partners.all()) {
      for (byte[] hash : partner.apiKeyHashes()) {
        if (ApiKeys.matches(presented, hash) && found == null) {
          found = Caller.partner(partner.id());
        }
      }
    }
    return Optional.ofNullable(found);
  }
}
