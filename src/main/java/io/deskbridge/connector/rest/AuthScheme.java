package io.deskbridge.connector.rest;

import io.deskbridge.connector.ConnectorSettings;
import java.net.URI;
import java.util.Locale;

/** How the gateway proves who it is to a partner's API; its text never shows a secret. */
public record AuthScheme(
    Kind kind,
    String token,
    String username,
    String password,
    String apiKey,
    String apiKeyName,
    URI tokenUrl,
    String clientId,
    String clientSecret,
    String scope) {

  /** The schemes a partner's API may ask for. */
  public enum Kind {
    NONE,
    BEARER,
    BASIC,
    API_KEY_HEADER,
    API_KEY_QUERY,
    OAUTH2
  }

  static AuthScheme of(ConnectorSettings settings) {
    Kind kind =
        switch (settings.string("auth", "none").toLowerCase(Locale.ROOT)) {
          case "bearer" -> Kind.BEARER;
          case "basic" -> Kind.BASIC;
          case "apikeyheader" -> Kind.API_KEY_HEADER;
          case "apikeyquery" -> Kind.API_KEY_QUERY;
          case "oauth2" -> Kind.OAUTH2;
          default -> Kind.NONE;
        };
    String tokenUrl = settings.string("tokenUrl", null);
    return new AuthScheme(
        kind,
        settings.string("token", null),
        settings.string("username", null),
        settings.string("password", null),
        settings.string("apiKey", null),
        settings.string("apiKeyName", kind == Kind.API_KEY_QUERY ? "api_key" : "X-API-Key"),
        tokenUrl == null ? null : URI.create(tokenUrl),
        settings.string("clientId", null),
        settings.string("clientSecret", null),
        settings.string("scope", null));
  }

  /** The scheme's name as a partner file writes it. */
  public String name() {
    return switch (kind) {
      case NONE -> "none";
      case BEARER -> "bearer";
      case BASIC -> "basic";
      case API_KEY_HEADER -> "apiKeyHeader";
      case API_KEY_QUERY -> "apiKeyQuery";
      case OAUTH2 -> "oauth2";
    };
  }

  @Override
  public String toString() {
    return "AuthScheme[" + name() + " (secrets hidden)]";
  }
}
