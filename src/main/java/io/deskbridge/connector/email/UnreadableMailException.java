package io.deskbridge.connector.email;

/** A raw message that cannot be read as a mail at all, with the reason ops will see. */
public class UnreadableMailException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnreadableMailException(String reason) {
    super(reason);
  }

  public UnreadableMailException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
