package io.deskbridge.web;

import org.springframework.http.HttpStatus;

/**
 * An error the API answers with {@code application/problem+json}: the status, a short title, the
 * detail naming the field or line at fault, and a stable machine-readable code.
 */
public class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String code;
  private final String field;
  private final java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>();

  public ApiProblem(HttpStatus status, String code, String field, String detail) {
    super(detail);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiProblem badRequest(String field, String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", field, detail);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", null, detail);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", null, detail);
  }

  /** Adds a member to the problem document, such as the id of a dead letter. */
  public ApiProblem with(String name, Object value) {
    properties.put(name, value);
    return this;
  }

  public java.util.Map<String, Object> properties() {
    return properties;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
