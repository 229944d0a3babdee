package io.deskbridge.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorKindContract;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code rest} kind keeps the contract every connector kind keeps, and names each setting at
 * fault when a partner file asks for pushing to the partner's API.
 */
class RestConnectorKindTest extends ConnectorKindContract {

  @Override
  protected ConnectorKind kind() {
    return new RestConnectorKind();
  }

  @Override
  protected Map<String, Object> validSettings() {
    return Map.of();
  }

  private static Map<String, Object> pushing() {
    Map<String, Object> settings = new HashMap<>();
    settings.put("baseUrl", "https://desk.partner.example");
    settings.put("createPath", "/api/tickets");
    settings.put("updatePath", "/api/tickets/{externalId}");
    return settings;
  }

  private List<SettingProblem> problems(Map<String, Object> settings) {
    return kind().validate(new ConnectorSettings(settings));
  }

  @Test
  void pushSettingsWithEveryAuthSchemePassWhenComplete() {
    // Given push settings for each scheme with the secrets that scheme needs
    Map<String, Map<String, Object>> schemes =
        Map.of(
            "none", Map.of(),
            "bearer", Map.of("token", "t"),
            "basic", Map.of("username", "u", "password", "p"),
            "apiKeyHeader", Map.of("apiKey", "k", "apiKeyName", "X-Key"),
            "apiKeyQuery", Map.of("apiKey", "k"),
            "oauth2",
                Map.of(
                    "tokenUrl", "https://auth.partner.example/token",
                    "clientId", "c",
                    "clientSecret", "s",
                    "scope", "tickets"));
    schemes.forEach(
        (scheme, secrets) -> {
          Map<String, Object> settings = pushing();
          settings.put("auth", scheme);
          settings.putAll(secrets);

          // When they are validated
          // Then nothing is wrong
          assertThat(problems(settings)).as(scheme).isEmpty();
        });
  }

  @Test
  void pushWithoutPathsNamesBothPaths() {
    // Given a base URL but no call templates
    Map<String, Object> settings = Map.of("baseUrl", "https://desk.partner.example");

    // When validated
    // Then each missing path is named
    assertThat(problems(settings))
        .extracting(SettingProblem::setting)
        .contains("createPath", "updatePath");
  }

  @Test
  void everyMissingSecretOfTheAuthSchemeIsNamedAtOnce() {
    // Given OAuth2 without its endpoint and client credentials
    Map<String, Object> settings = pushing();
    settings.put("auth", "oauth2");

    // When validated
    // Then all three are named
    assertThat(problems(settings))
        .extracting(SettingProblem::setting)
        .contains("tokenUrl", "clientId", "clientSecret");
  }

  @Test
  void badValuesAreEachReportedByTheirSetting() {
    // Given a wrong scheme, method, path, pointer, header and breaker threshold
    Map<String, Object> settings = pushing();
    settings.put("baseUrl", "ftp://desk.partner.example");
    settings.put("auth", "kerberos");
    settings.put("updateMethod", "DELETE");
    settings.put("commentPath", "tickets/{externalId}/notes");
    settings.put("ticketIdPointer", "id");
    settings.put("headers", List.of("no colon here"));
    settings.put("circuitBreakerFailures", 0);
    settings.put("readTimeout", "soon");

    // When validated
    // Then every one is named in one go
    assertThat(problems(settings))
        .extracting(SettingProblem::setting)
        .contains(
            "baseUrl",
            "auth",
            "updateMethod",
            "commentPath",
            "ticketIdPointer",
            "headers",
            "circuitBreakerFailures",
            "readTimeout");
  }

  @Test
  void headersMayBeAMapOrAListOfLines() {
    // Given headers written both ways
    Map<String, Object> asMap = pushing();
    asMap.put("headers", Map.of("X-Tenant", "maker"));
    Map<String, Object> asList = pushing();
    asList.put("headers", List.of("X-Tenant: maker"));

    // When validated
    // Then both are fine
    assertThat(problems(asMap)).isEmpty();
    assertThat(problems(asList)).isEmpty();
  }

  @Test
  void settingsTextShowsNoSecret() {
    // Given push settings with a bearer token and a signing secret
    Map<String, Object> settings = pushing();
    settings.put("auth", "bearer");
    settings.put("token", "tok-very-secret");
    settings.put("headers", Map.of("X-Api-Secret", "hdr-very-secret"));

    // When read and shown
    String text = RestSettings.of(new ConnectorSettings(settings)).toString();

    // Then neither secret appears
    assertThat(text).doesNotContain("tok-very-secret").doesNotContain("hdr-very-secret");
  }
}
