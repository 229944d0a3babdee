package io.deskbridge.connector;

/** The state a connector reports for its partner in the partner list. */
public record ConnectorHealth(boolean up, String detail) {
  public static ConnectorHealth up(String detail) {
    return new ConnectorHealth(true, detail);
  }

  public static ConnectorHealth down(String detail) {
    return new ConnectorHealth(false, detail);
  }
}
