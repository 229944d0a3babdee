package io.deskbridge.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.connector.ConnectorSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every bearer token resolves to exactly one caller, or to nobody. */
class CredentialsTest {

  private final String partnerKey = ApiKeys.generate();
  private final String agentToken = ApiKeys.generate();
  private final String opsFromEnvironment = ApiKeys.generate();

  private final Credentials credentials =
      new Credentials(
          new PartnerDirectory(
              List.of(
                  new Partner(
                      "acme",
                      "ACME",
                      "rest",
                      null,
                      List.of(ApiKeys.hash(partnerKey)),
                      ConnectorSettings.none(),
                      Path.of("acme.yml")))),
          List.of(new StaffToken("agent-anna", Role.MANUFACTURER, ApiKeys.hashHex(agentToken))),
          Map.of("DESKBRIDGE_OPS_TOKEN", opsFromEnvironment));

  @Test
  void partnerKeyResolvesToThatPartner() {
    assertThat(credentials.authenticate(partnerKey)).contains(Caller.partner("acme"));
  }

  @Test
  void configuredStaffTokenResolvesToItsNameAndRole() {
    assertThat(credentials.authenticate(agentToken))
        .contains(new Caller(Role.MANUFACTURER, "agent-anna", null));
  }

  @Test
  void tokenFromTheEnvironmentResolvesToItsRole() {
    assertThat(credentials.authenticate(opsFromEnvironment))
        .hasValueSatisfying(caller -> assertThat(caller.role()).isEqualTo(Role.OPS));
  }

  @Test
  void unknownBlankOrMissingTokenResolvesToNobody() {
    assertThat(credentials.authenticate(ApiKeys.generate())).isEmpty();
    assertThat(credentials.authenticate("")).isEmpty();
    assertThat(credentials.authenticate(null)).isEmpty();
  }

  @Test
  void generatedKeysAreLongRandomAndDistinct() {
    String one = ApiKeys.generate();
    String two = ApiKeys.generate();

    assertThat(one).isNotEqualTo(two);
    // 32 random bytes in URL-safe Base64 without padding: 43 characters, 256 bits
    assertThat(one).hasSize(43).matches("[A-Za-z0-9_-]+");
  }
}
