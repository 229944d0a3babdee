package io.deskbridge.connector.rest;

import static io.deskbridge.connector.DeliveryException.transientFailure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.connector.ConnectorHealth;
import io.deskbridge.connector.DeliveryException;
import io.deskbridge.connector.DeliveryReceipt;
import io.deskbridge.connector.OutboundChange;
import io.deskbridge.connector.PartnerConnector;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the manufacturer's changes to a partner's own HTTP API and turns each answer into the
 * dispatcher's terms: a receipt with the partner's ids, a retry (after the partner's own wait when
 * it names one) or a permanent refusal with the partner's reason.
 */
final class PushingPartnerConnector implements PartnerConnector {

  private static final Logger log = LoggerFactory.getLogger(PushingPartnerConnector.class);

  /**
   * Answers that mean the partner's service as a whole is away (a proxy without its backend, a
   * maintenance page), not that this change is wrong; a 500 may be the change's own fault.
   */
  private static final java.util.Set<Integer> OUTAGE_STATUSES = java.util.Set.of(502, 503, 504);

  private final String partnerId;
  private final RestSettings settings;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final CloseableHttpClient http;
  private final CircuitBreaker breaker;
  private final OAuth2Tokens tokens;
  private final RequestSigner signer;
  private volatile Instant rateLimitedUntil;

  PushingPartnerConnector(
      String partnerId, RestSettings settings, String signingSecret, Clock clock) {
    this.partnerId = partnerId;
    this.settings = settings;
    this.clock = clock;
    Timeout read = Timeout.ofMilliseconds(settings.readTimeout().toMillis());
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnPerRoute(settings.parallelCalls())
                    .setMaxConnTotal(settings.parallelCalls() + 1)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(
                                Timeout.ofMilliseconds(settings.connectTimeout().toMillis()))
                            .setSocketTimeout(read)
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom().setResponseTimeout(read).setRedirectsEnabled(false).build())
            // The dispatcher retries with backoff and keeps the order; the client must not.
            .disableAutomaticRetries()
            .disableCookieManagement()
            .build();
    this.breaker =
        new CircuitBreaker(settings.breakerFailures(), settings.breakerCoolDown(), clock);
    this.tokens =
        settings.auth().kind() == AuthScheme.Kind.OAUTH2
            ? new OAuth2Tokens(settings.auth(), http, clock, json)
            : null;
    this.signer = signingSecret == null ? null : new RequestSigner(signingSecret);
  }

  @Override
  public int parallelTickets() {
    return settings.parallelCalls();
  }

  @Override
  public DeliveryReceipt deliver(OutboundChange change) throws DeliveryException {
    Optional<Duration> open = breaker.remainingCoolDown();
    if (open.isPresent()) {
      throw DeliveryException.deferred(
          "circuit breaker open for " + partnerId + " after repeated failures", open.get());
    }
    Instant now = clock.instant();
    Instant limited = rateLimitedUntil;
    if (limited != null && now.isBefore(limited)) {
      throw DeliveryException.deferred(
          "partner's rate limit is used up until " + limited, Duration.between(now, limited));
    }
    PartnerApiCall call = PartnerApiCall.of(change, settings, json);
    boolean probe = breaker.tripped();
    PartnerResponse response;
    try {
      response = send(call, change, false);
      if (response.status() == 401 && tokens != null) {
        // The token may have been revoked or expired early; one fresh token, one more try.
        response = send(call, change, true);
      }
    } catch (IOException e) {
      breaker.failed();
      String reason = call + " failed: " + e;
      throw probe ? stillDown(reason) : waitingForTheBreaker(transientFailure(reason, e));
    }
    noteRateLimit(response);
    if (response.ok()) {
      breaker.succeeded();
      return receipt(call, change, response);
    }
    if (response.status() >= 500 || response.status() == 408) {
      breaker.failed();
      DeliveryException failure = failure(call, response);
      throw probe && OUTAGE_STATUSES.contains(response.status())
          ? stillDown(failure.getMessage())
          : waitingForTheBreaker(failure);
    }
    breaker.succeeded();
    throw failure(call, response);
  }

  /**
   * A failed probe: the partner is still unreachable, which says nothing about this change, so it
   * waits for the next probe without using up an attempt. A partner down for hours then leaves its
   * changes pending, and its health says why, instead of turning each into a dead letter.
   */
  private DeliveryException stillDown(String reason) {
    Duration wait = breaker.remainingCoolDown().orElse(settings.breakerCoolDown());
    return DeliveryException.deferred(
        reason + "; " + partnerId + " still unreachable, next probe in " + wait.toSeconds() + "s",
        wait);
  }

  /**
   * The failure, to be retried no sooner than the cool-down when it just opened the breaker: a
   * retry before that would only be refused and use up one of the change's attempts.
   */
  private DeliveryException waitingForTheBreaker(DeliveryException failure) {
    Optional<Duration> open = breaker.remainingCoolDown();
    if (open.isEmpty()
        || (failure.retryAfter() != null && failure.retryAfter().compareTo(open.get()) >= 0)) {
      return failure;
    }
    return DeliveryException.retryAfter(
        failure.getMessage() + "; circuit breaker open for " + open.get().toSeconds() + "s",
        open.get());
  }

  private PartnerResponse send(PartnerApiCall call, OutboundChange change, boolean renewToken)
      throws IOException, DeliveryException {
    URI uri = URI.create(settings.baseUrl() + call.path());
    AuthScheme auth = settings.auth();
    if (auth.kind() == AuthScheme.Kind.API_KEY_QUERY) {
      uri =
          URI.create(
              uri
                  + (uri.getRawQuery() == null ? "?" : "&")
                  + encode(auth.apiKeyName())
                  + "="
                  + encode(auth.apiKey()));
    }
    ClassicRequestBuilder request =
        ClassicRequestBuilder.create(call.method())
            .setUri(uri)
            .setEntity(new ByteArrayEntity(call.body(), ContentType.APPLICATION_JSON))
            .setHeader("Accept", "application/json")
            .setHeader("Idempotency-Key", "deskbridge-" + change.changeId());
    settings.headers().forEach(request::setHeader);
    switch (auth.kind()) {
      case BEARER -> request.setHeader("Authorization", "Bearer " + auth.token());
      case BASIC ->
          request.setHeader(
              "Authorization",
              "Basic "
                  + Base64.getEncoder()
                      .encodeToString(
                          (auth.username() + ":" + auth.password())
                              .getBytes(StandardCharsets.UTF_8)));
      case API_KEY_HEADER -> request.setHeader(auth.apiKeyName(), auth.apiKey());
      case OAUTH2 ->
          request.setHeader(
              "Authorization", "Bearer " + (renewToken ? tokens.renew() : tokens.current()));
      case NONE, API_KEY_QUERY -> {}
    }
    if (signer != null) {
      request.setHeader(RequestSigner.HEADER, signer.sign(call.body(), clock.instant()));
    }
    ClassicHttpRequest built = request.build();
    return http.execute(
        built,
        answer -> {
          Map<String, String> headers = new LinkedHashMap<>();
          for (Header header : answer.getHeaders()) {
            headers.putIfAbsent(header.getName().toLowerCase(Locale.ROOT), header.getValue());
          }
          byte[] body =
              answer.getEntity() == null
                  ? new byte[0]
                  : EntityUtils.toByteArray(answer.getEntity());
          return new PartnerResponse(answer.getCode(), headers, body);
        });
  }

  /** Remembers an exhausted rate limit so the next change waits for its reset instead of a 429. */
  private void noteRateLimit(PartnerResponse response) {
    if ("0".equals(strip(response.header("X-RateLimit-Remaining")))) {
      Duration wait =
          RetryAfterHeader.rateLimitReset(response.header("X-RateLimit-Reset"), clock.instant());
      if (wait != null && !wait.isZero()) {
        rateLimitedUntil = clock.instant().plus(wait);
      }
    }
  }

  private DeliveryException failure(PartnerApiCall call, PartnerResponse response) {
    int status = response.status();
    String reason = call + " answered " + status + ": " + response.bodyForReason();
    if (status == 429 || status == 503) {
      Duration wait = RetryAfterHeader.retryAfter(response.header("Retry-After"), clock.instant());
      if (wait == null && rateLimitedUntil != null) {
        wait = Duration.between(clock.instant(), rateLimitedUntil);
      }
      return wait == null || wait.isNegative()
          ? DeliveryException.transientFailure(reason, null)
          : DeliveryException.retryAfter(reason, wait);
    }
    if (status >= 500 || status == 408 || status == 409) {
      return DeliveryException.transientFailure(reason, null);
    }
    return DeliveryException.permanent(reason);
  }

  private DeliveryReceipt receipt(
      PartnerApiCall call, OutboundChange change, PartnerResponse response) {
    JsonNode answer = readAnswer(response);
    String ticketId =
        call.purpose() == PartnerApiCall.Purpose.CREATE
            ? pointed(answer, settings.ticketIdPointer())
            : change.externalTicketId();
    if (call.purpose() == PartnerApiCall.Purpose.CREATE && ticketId == null) {
      log.warn(
          "{} created a ticket for change {} but its answer has no id at {}; the next change"
              + " creates again",
          partnerId,
          change.changeId(),
          settings.ticketIdPointer());
    }
    // Only a comment call answers with the comment; a create's answer is about the ticket.
    String commentId =
        call.purpose() == PartnerApiCall.Purpose.COMMENT
            ? pointed(answer, settings.commentIdPointer())
            : null;
    return new DeliveryReceipt(ticketId, commentId);
  }

  private JsonNode readAnswer(PartnerResponse response) {
    if (response.body().length == 0) {
      return null;
    }
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      return null;
    }
  }

  private static String pointed(JsonNode answer, String pointer) {
    if (answer == null || pointer == null || pointer.isEmpty()) {
      return null;
    }
    JsonNode node = answer.at(pointer);
    return node.isMissingNode() || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  private static String strip(String value) {
    return value == null ? null : value.strip();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public ConnectorHealth check() {
    Optional<Duration> open = breaker.remainingCoolDown();
    return open.isPresent()
        ? ConnectorHealth.down("circuit breaker open, next call in " + open.get().toSeconds() + "s")
        : ConnectorHealth.up("pushing to " + settings.baseUrl().getHost());
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      log.debug("closing the HTTP client of {}: {}", partnerId, e.toString());
    }
  }

  @Override
  public String toString() {
    return "PushingPartnerConnector[" + partnerId + ", " + settings + "]";
  }
}
