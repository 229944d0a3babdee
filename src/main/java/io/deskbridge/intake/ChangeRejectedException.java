package io.deskbridge.intake;

/**
 * A change the gateway will not apply, with the field at fault. Nothing of it was stored: the whole
 * transaction rolled back.
 */
public class ChangeRejectedException extends RuntimeException {

  /** Why, in the terms an API maps to a status code. */
  public enum Reason {
    INVALID,
    FORBIDDEN,
    CONFLICT
  }

  private final Reason reason;
  private final String field;

  public ChangeRejectedException(Reason reason, String field, String message) {
    super(message);
    this.reason = reason;
    this.field = field;
  }

  public Reason reason() {
    return reason;
  }

  public String field() {
    return field;
  }
}
