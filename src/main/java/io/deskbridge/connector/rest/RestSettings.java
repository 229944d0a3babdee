package io.deskbridge.connector.rest;

import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import io.deskbridge.connector.SettingType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of one REST partner whose own API the gateway pushes changes to: where it is, which
 * call each change becomes, how we authenticate and sign, and how patient we are with it.
 */
public record RestSettings(
    URI baseUrl,
    CallTemplate create,
    CallTemplate update,
    CallTemplate comment,
    Map<String, String> headers,
    String ticketIdPointer,
    String commentIdPointer,
    AuthScheme auth,
    Duration connectTimeout,
    Duration readTimeout,
    int breakerFailures,
    Duration breakerCoolDown,
    int parallelCalls) {

  /** A method and a path template with {@code {externalId}} and {@code {ref}} placeholders. */
  public record CallTemplate(String method, String path) {}

  private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
  private static final Set<String> AUTHS =
      Set.of("none", "bearer", "basic", "apikeyheader", "apikeyquery", "oauth2");

  static final List<SettingDefinition> DEFINITIONS =
      List.of(
          SettingDefinition.optional(
              "baseUrl",
              SettingType.URL,
              null,
              "the partner's API the manufacturer's changes are pushed to; without it the partner"
                  + " polls GET /api/v1/tickets?updatedSince= instead"),
          SettingDefinition.optional(
              "createMethod", SettingType.STRING, "POST", "HTTP method that opens a ticket"),
          SettingDefinition.optional(
              "createPath",
              SettingType.STRING,
              null,
              "path under baseUrl that opens a ticket, e.g. /api/tickets; required with baseUrl"),
          SettingDefinition.optional(
              "updateMethod", SettingType.STRING, "PATCH", "HTTP method that changes a ticket"),
          SettingDefinition.optional(
              "updatePath",
              SettingType.STRING,
              null,
              "path that changes a ticket, e.g. /api/tickets/{externalId}; required with baseUrl"),
          SettingDefinition.optional(
              "commentMethod", SettingType.STRING, "POST", "HTTP method that adds a comment"),
          SettingDefinition.optional(
              "commentPath",
              SettingType.STRING,
              null,
              "path that adds a comment, e.g. /api/tickets/{externalId}/comments; without it a"
                  + " comment goes as an update"),
          SettingDefinition.optional(
              "headers",
              SettingType.LIST,
              null,
              "extra request headers: a map of name to value, or a list of \"Name: value\""),
          SettingDefinition.optional(
              "ticketIdPointer",
              SettingType.STRING,
              "/id",
              "JSON Pointer to the partner's ticket id in its answer to a create"),
          SettingDefinition.optional(
              "commentIdPointer",
              SettingType.STRING,
              null,
              "JSON Pointer to the partner's comment id in its answer to a comment"),
          SettingDefinition.optional(
              "auth",
              SettingType.STRING,
              "none",
              "none, bearer, basic, apiKeyHeader, apiKeyQuery or oauth2"),
          SettingDefinition.secret("token", false, "bearer token: ${ENV_VAR} or file:/path"),
          SettingDefinition.optional(
              "username", SettingType.STRING, null, "user name for basic authentication"),
          SettingDefinition.secret(
              "password", false, "password for basic authentication: ${ENV_VAR} or file:/path"),
          SettingDefinition.secret("apiKey", false, "API key: ${ENV_VAR} or file:/path"),
          SettingDefinition.optional(
              "apiKeyName",
              SettingType.STRING,
              null,
              "header (apiKeyHeader, default X-API-Key) or query parameter (apiKeyQuery, default"
                  + " api_key) that carries the API key"),
          SettingDefinition.optional(
              "tokenUrl", SettingType.URL, null, "OAuth2 token endpoint (client credentials)"),
          SettingDefinition.optional("clientId", SettingType.STRING, null, "OAuth2 client id"),
          SettingDefinition.secret(
              "clientSecret", false, "OAuth2 client secret: ${ENV_VAR} or file:/path"),
          SettingDefinition.optional(
              "scope",
              SettingType.STRING,
              null,
              "OAuth2 scope to ask for, if the partner needs one"),
          SettingDefinition.secret(
              "signingSecret",
              false,
              "when set, every call carries X-DeskBridge-Signature so the partner can verify us"),
          SettingDefinition.optional(
              "connectTimeout", SettingType.DURATION, "5s", "how long to wait for a connection"),
          SettingDefinition.optional(
              "readTimeout", SettingType.DURATION, "30s", "how long to wait for an answer"),
          SettingDefinition.optional(
              "circuitBreakerFailures",
              SettingType.INTEGER,
              5,
              "after this many failed calls in a row, calls stop for circuitBreakerCoolDown"),
          SettingDefinition.optional(
              "circuitBreakerCoolDown",
              SettingType.DURATION,
              "30s",
              "how long calls stop once the circuit breaker opened"),
          SettingDefinition.optional(
              "parallelCalls",
              SettingType.INTEGER,
              4,
              "how many calls, each for a different ticket, may be under way at once; one"
                  + " ticket's changes always go one after the other"));

  /** Whether these settings ask for pushing at all; without a base URL the partner polls. */
  static boolean pushes(ConnectorSettings settings) {
    return settings.raw("baseUrl") != null;
  }

  /** Every problem of the cross-field rules the declarations alone cannot state. */
  static List<SettingProblem> check(ConnectorSettings settings) {
    List<SettingProblem> problems = new ArrayList<>();
    if (!pushes(settings)) {
      return problems;
    }
    for (String name : List.of("createPath", "updatePath")) {
      if (settings.raw(name) == null) {
        problems.add(new SettingProblem(name, "is required with baseUrl"));
      }
    }
    for (String name : List.of("createPath", "updatePath", "commentPath")) {
      if (settings.raw(name) instanceof String path && !path.startsWith("/")) {
        problems.add(new SettingProblem(name, "'" + path + "' must start with /"));
      }
    }
    for (String name : List.of("createMethod", "updateMethod", "commentMethod")) {
      if (settings.raw(name) instanceof String method
          && !METHODS.contains(method.toUpperCase(Locale.ROOT))) {
        problems.add(new SettingProblem(name, "'" + method + "' is not POST, PUT or PATCH"));
      }
    }
    for (String name : List.of("ticketIdPointer", "commentIdPointer")) {
      if (settings.raw(name) instanceof String pointer
          && !pointer.isEmpty()
          && !pointer.startsWith("/")) {
        problems.add(
            new SettingProblem(name, "'" + pointer + "' is not a JSON Pointer (write /id)"));
      }
    }
    if (settings.raw("baseUrl") instanceof String url
        && !(url.startsWith("http://") || url.startsWith("https://"))) {
      problems.add(new SettingProblem("baseUrl", "must be an http or https URL"));
    }
    headerProblems(settings.raw("headers"), problems);
    String auth = settings.string("auth", "none");
    switch (auth.toLowerCase(Locale.ROOT)) {
      case "none" -> {}
      case "bearer" -> need(settings, problems, auth, "token");
      case "basic" -> need(settings, problems, auth, "username", "password");
      case "apikeyheader", "apikeyquery" -> need(settings, problems, auth, "apiKey");
      case "oauth2" -> need(settings, problems, auth, "tokenUrl", "clientId", "clientSecret");
      default ->
          problems.add(
              new SettingProblem(
                  "auth",
                  "'"
                      + auth
                      + "' is not one of none, bearer, basic, apiKeyHeader, apiKeyQuery, oauth2"));
    }
    if (settings.raw("circuitBreakerFailures") instanceof Number n && n.longValue() < 1) {
      problems.add(new SettingProblem("circuitBreakerFailures", "must be at least 1"));
    }
    if (settings.raw("parallelCalls") instanceof Number n
        && (n.longValue() < 1 || n.longValue() > 64)) {
      problems.add(new SettingProblem("parallelCalls", "must be from 1 to 64"));
    }
    return problems;
  }

  private static void need(
      ConnectorSettings settings, List<SettingProblem> problems, String auth, String... names) {
    for (String name : names) {
      if (settings.raw(name) == null) {
        problems.add(new SettingProblem(name, "is required with auth: " + auth));
      }
    }
  }

  private static void headerProblems(Object headers, List<SettingProblem> problems) {
    if (headers == null) {
      return;
    }
    if (headers instanceof Map<?, ?> map) {
      map.forEach(
          (name, value) -> {
            if (!HEADER_NAME.matcher(String.valueOf(name)).matches()) {
              problems.add(new SettingProblem("headers", "'" + name + "' is not a header name"));
            }
          });
      return;
    }
    if (headers instanceof List<?> list) {
      for (Object line : list) {
        String text = String.valueOf(line);
        int colon = text.indexOf(':');
        if (colon < 1 || !HEADER_NAME.matcher(text.substring(0, colon).strip()).matches()) {
          problems.add(
              new SettingProblem(
                  "headers", "'" + text + "' is not a header line (write Name: value)"));
        }
      }
    }
  }

  /** Reads settings that passed validation and ask for pushing. */
  static RestSettings of(ConnectorSettings settings) {
    String base = settings.string("baseUrl", null);
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    CallTemplate update =
        new CallTemplate(
            settings.string("updateMethod", "PATCH").toUpperCase(Locale.ROOT),
            settings.string("updatePath", null));
    String commentPath = settings.string("commentPath", null);
    return new RestSettings(
        URI.create(base),
        new CallTemplate(
            settings.string("createMethod", "POST").toUpperCase(Locale.ROOT),
            settings.string("createPath", null)),
        update,
        commentPath == null
            ? update
            : new CallTemplate(
                settings.string("commentMethod", "POST").toUpperCase(Locale.ROOT), commentPath),
        headers(settings.raw("headers")),
        settings.string("ticketIdPointer", "/id"),
        settings.string("commentIdPointer", null),
        AuthScheme.of(settings),
        settings.duration("connectTimeout", Duration.ofSeconds(5)),
        settings.duration("readTimeout", Duration.ofSeconds(30)),
        (int) settings.number("circuitBreakerFailures", 5),
        settings.duration("circuitBreakerCoolDown", Duration.ofSeconds(30)),
        (int) settings.number("parallelCalls", 4));
  }

  private static Map<String, String> headers(Object raw) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (raw instanceof Map<?, ?> map) {
      map.forEach((name, value) -> headers.put(String.valueOf(name), String.valueOf(value)));
    } else if (raw instanceof List<?> list) {
      for (Object line : list) {
        String text = String.valueOf(line);
        int colon = text.indexOf(':');
        headers.put(text.substring(0, colon).strip(), text.substring(colon + 1).strip());
      }
    }
    return Map.copyOf(headers);
  }

  @Override
  public String toString() {
    // Header values may carry keys, and the auth scheme holds secrets: neither is shown.
    return "RestSettings["
        + baseUrl
        + ", auth "
        + auth.name()
        + ", headers "
        + headers.keySet()
        + "]";
  }
}
