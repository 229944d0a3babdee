package io.deskbridge.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.partner.Caller;
import io.deskbridge.partner.Credentials;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the bearer token of every {@code /api/v1} request to its {@link Caller}. A missing or
 * unknown token is a 401 that says nothing about why, so keys cannot be probed.
 */
public class ApiAuthentication extends OncePerRequestFilter {

  /** The request attribute that carries the authenticated caller to the controllers. */
  public static final String CALLER = "deskbridge.caller";

  private final Credentials credentials;
  private final ObjectMapper json;

  public ApiAuthentication(Credentials credentials, ObjectMapper json) {
    this.credentials = credentials;
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
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    Optional<Caller> caller =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? credentials.authenticate(header.substring(7))
            : Optional.empty();
    if (caller.isEmpty()) {
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"deskbridge\"");
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(
          response.getOutputStream(),
          ProblemResponses.problem(
              HttpStatus.UNAUTHORIZED, "unauthorized", null, "a valid bearer token is required"));
      return;
    }
    request.setAttribute(CALLER, caller.get());
    chain.doFilter(request, response);
  }
}
