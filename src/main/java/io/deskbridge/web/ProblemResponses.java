package io.deskbridge.web;

import io.deskbridge.intake.ChangeRejectedException;
import io.deskbridge.ticket.TicketNotFoundException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into RFC 9457 problem+json. Unexpected failures are logged with their stack
 * trace and answered with a reference to that log line only: a caller never sees our internals.
 */
@RestControllerAdvice
public class ProblemResponses {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
    ResponseEntity<ProblemDetail> response =
        respond(problem.status(), problem.code(), problem.field(), problem.getMessage());
    problem.properties().forEach(response.getBody()::setProperty);
    return response;
  }

  @ExceptionHandler(TicketNotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(TicketNotFoundException e) {
    return respond(HttpStatus.NOT_FOUND, "not-found", null, e.getMessage());
  }

  @ExceptionHandler(ChangeRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(ChangeRejectedException e) {
    HttpStatus status =
        switch (e.reason()) {
          case INVALID -> HttpStatus.BAD_REQUEST;
          case FORBIDDEN -> HttpStatus.FORBIDDEN;
          case CONFLICT -> HttpStatus.CONFLICT;
        };
    String code =
        switch (e.reason()) {
          case INVALID -> "invalid-request";
          case FORBIDDEN -> "forbidden";
          case CONFLICT -> "conflict";
        };
    return respond(status, code, e.field(), e.getMessage());
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
    return respond(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        e.getHeaderName(),
        "header " + e.getHeaderName() + " is required");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
    return respond(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        e.getName(),
        "parameter " + e.getName() + ": '" + e.getValue() + "' is not a valid value");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
    return respond(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", null, e.getMessage());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return respond(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", null, e.getMessage());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noRoute(NoResourceFoundException e) {
    return respond(
        HttpStatus.NOT_FOUND, "not-found", null, "no such route: /" + e.getResourcePath());
  }

  /**
   * Spring MVC's own request errors (missing parameter, wrong media type, ...) keep their status.
   */
  @ExceptionHandler(ErrorResponseException.class)
  ResponseEntity<ProblemDetail> framework(ErrorResponseException e) {
    HttpStatus status = HttpStatus.valueOf(e.getStatusCode().value());
    return respond(status, "invalid-request", null, e.getBody().getDetail());
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return respond(
        HttpStatus.BAD_REQUEST,
        "invalid-request",
        e.getParameterName(),
        "parameter " + e.getParameterName() + " is required");
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    String incident = Long.toHexString(System.nanoTime());
    log.error("incident {}: unexpected failure", incident, e);
    return respond(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal-error",
        null,
        "the gateway could not process this request; ops can find incident "
            + incident
            + " in its log");
  }

  static ResponseEntity<ProblemDetail> respond(
      HttpStatus status, String code, String field, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(status, code, field, detail));
  }

  static ProblemDetail problem(HttpStatus status, String code, String field, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("urn:deskbridge:problem:" + code));
    problem.setTitle(status.getReasonPhrase());
    problem.setProperty("code", code);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }
}
