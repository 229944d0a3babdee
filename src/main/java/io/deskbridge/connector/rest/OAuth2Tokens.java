package io.deskbridge.connector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.connector.DeliveryException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Access tokens from a partner's OAuth2 token endpoint (client credentials grant), kept until
 * shortly before they expire so that not every change costs a token request.
 */
final class OAuth2Tokens {

  /** A token is renewed this long before its stated expiry, or at 90% of a shorter lifetime. */
  private static final Duration RENEW_AHEAD = Duration.ofSeconds(30);

  private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

  private final AuthScheme auth;
  private final CloseableHttpClient http;
  private final Clock clock;
  private final ObjectMapper json;
  private String token;
  private Instant renewAt;

  OAuth2Tokens(AuthScheme auth, CloseableHttpClient http, Clock clock, ObjectMapper json) {
    this.auth = auth;
    this.http = http;
    this.clock = clock;
    this.json = json;
  }

  /** A token that is still good, fetched when there is none or it is about to expire. */
  synchronized String current() throws DeliveryException {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return token;
  }

  /** Forgets the token the partner just refused and fetches a new one. */
  synchronized String renew() throws DeliveryException {
    token = null;
    fetch();
    return token;
  }

  private void fetch() throws DeliveryException {
    StringBuilder form = new StringBuilder("grant_type=client_credentials");
    form.append("&client_id=").append(encode(auth.clientId()));
    form.append("&client_secret=").append(encode(auth.clientSecret()));
    if (auth.scope() != null) {
      form.append("&scope=").append(encode(auth.scope()));
    }
    HttpPost post = new HttpPost(auth.tokenUrl());
    post.setHeader("Accept", "application/json");
    post.setEntity(
        new ByteArrayEntity(
            form.toString().getBytes(StandardCharsets.UTF_8),
            ContentType.APPLICATION_FORM_URLENCODED));
    Instant asked = clock.instant();
    PartnerResponse response;
    try {
      response =
          http.execute(
              post,
              answer ->
                  new PartnerResponse(
                      answer.getCode(),
                      java.util.Map.of(),
                      answer.getEntity() == null
                          ? new byte[0]
                          : EntityUtils.toByteArray(answer.getEntity())));
    } catch (IOException e) {
      throw DeliveryException.transientFailure(
          "token endpoint " + auth.tokenUrl().getHost() + " unreachable: " + e, e);
    }
    if (!response.ok()) {
      String reason =
          "token endpoint answered " + response.status() + ": " + response.bodyForReason();
      // Refused credentials stay refused until ops fix them; anything else may pass.
      throw response.status() == 400 || response.status() == 401
          ? DeliveryException.permanent(reason)
          : DeliveryException.transientFailure(reason, null);
    }
    try {
      JsonNode answer = json.readTree(response.body());
      String accessToken = answer.path("access_token").asText(null);
      if (accessToken == null || accessToken.isBlank()) {
        throw DeliveryException.permanent("token endpoint answered without access_token");
      }
      Duration lifetime =
          answer.has("expires_in")
              ? Duration.ofSeconds(answer.get("expires_in").asLong())
              : DEFAULT_LIFETIME;
      Duration ahead = lifetime.dividedBy(10);
      if (ahead.compareTo(RENEW_AHEAD) > 0) {
        ahead = RENEW_AHEAD;
      }
      token = accessToken;
      renewAt = asked.plus(lifetime).minus(ahead);
    } catch (IOException e) {
      throw DeliveryException.permanent("token endpoint answered no JSON: " + e.getMessage());
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "OAuth2Tokens[" + auth.tokenUrl() + " (token hidden)]";
  }
}
