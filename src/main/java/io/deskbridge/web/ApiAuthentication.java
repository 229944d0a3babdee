package io.deskbridge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.partner.Caller;
import io.deskbridge.partner.Credentials;
import io.deskbridge.partner.Partner;
import io.deskbridge.partner.PartnerDirectory;
import io.deskbridge.partner.PartnerSecurity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the bearer token of every {@code /api/v1} request to its {@link Caller}. A missing or
 * unknown token is a 401 that says nothing about why, so keys cannot be probed. A partner's raw
 * webhook may instead carry the credential of its own system's scheme, and a partner that signs its
 * bodies has each write's signature checked here, before anything of it is stored.
 */
public class ApiAuthentication extends OncePerRequestFilter {

  /** The request attribute that carries the authenticated caller to the controllers. */
  public static final String CALLER = "deskbridge.caller";

  private static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT");
  private static final Pattern WEBHOOK = Pattern.compile("/api/v1/partners/([^/]+)/inbound/?");

  private final Credentials credentials;
  private final PartnerDirectory partners;
  private final RequestBodies bodies;
  private final RequestSignatures signatures;
  private final Clock clock;
  private final ObjectMapper json;

  public ApiAuthentication(
      Credentials credentials,
      PartnerDirectory partners,
      RequestBodies bodies,
      RequestSignatures signatures,
      Clock clock,
      ObjectMapper json) {
    this.credentials = credentials;
    this.partners = partners;
    this.bodies = bodies;
    this.signatures = signatures;
    this.clock = clock;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/")
        || request.getRequestURI().endsWith("/openapi.json");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      authenticate(request, response, chain);
    } catch (ApiProblem problem) {
      // The body is read here for a signature or a webhook's HMAC; a too large one is a 413.
      respond(response, problem.status(), problem.code(), problem.getMessage());
    }
  }

  private void authenticate(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    Optional<Caller> caller =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? credentials.authenticate(header.substring(7))
            : Optional.empty();
    HttpServletRequest passed = request;
    byte[] body = null;
    if (caller.isEmpty()) {
      Optional<Partner> hooked = webhookPartner(request);
      if (hooked.isPresent()) {
        body = bodies.read(request);
        passed = new CachedBodyRequest(request, body);
        if (WebhookCredentials.verify(hooked.get().security().webhook(), request, body)) {
          // The partner system's own scheme stands in for our signature: it signs its own way.
          request.setAttribute(CALLER, Caller.partner(hooked.get().id()));
          chain.doFilter(passed, response);
          return;
        }
      }
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"deskbridge\"");
      respond(
          response, HttpStatus.UNAUTHORIZED, "unauthorized", "a valid bearer token is required");
      return;
    }
    PartnerSecurity.Signing signing =
        caller.get().isPartner() && WRITES.contains(request.getMethod())
            ? partners.find(caller.get().partnerId()).map(p -> p.security().signing()).orElse(null)
            : null;
    if (signing != null) {
      body = bodies.read(request);
      passed = new CachedBodyRequest(request, body);
      Optional<RequestSignatures.Failure> failure =
          signatures.check(
              caller.get().partnerId(),
              signing,
              request.getHeader(RequestSignatures.HEADER),
              body,
              clock.instant());
      if (failure.isPresent()) {
        respond(response, HttpStatus.UNAUTHORIZED, failure.get().code(), failure.get().detail());
        return;
      }
    }
    request.setAttribute(CALLER, caller.get());
    chain.doFilter(passed, response);
  }

  /** The partner a webhook path names, when its system authenticates by a scheme of its own. */
  private Optional<Partner> webhookPartner(HttpServletRequest request) {
    if (!"POST".equals(request.getMethod())) {
      return Optional.empty();
    }
    Matcher path =
        WEBHOOK.matcher(request.getRequestURI().substring(request.getContextPath().length()));
    if (!path.matches()) {
      return Optional.empty();
    }
    return partners
        .find(path.group(1))
        .filter(
            p ->
                p.security().webhook() != null
                    && p.security().webhook().scheme() != PartnerSecurity.Scheme.API_KEY);
  }

  private void respond(HttpServletResponse response, HttpStatus status, String code, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(
        response.getOutputStream(), ProblemResponses.problem(status, code, null, detail));
  }
}
