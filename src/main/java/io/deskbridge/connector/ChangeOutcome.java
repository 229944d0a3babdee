package io.deskbridge.connector;

/**
 * What became of one change handed over with others: what the gateway made of it, or, when it
 * refused the change, why (another partner's ticket, a conflict, a field too long).
 */
public record ChangeOutcome(InboundResult result, String refusal) {

  public static ChangeOutcome applied(InboundResult result) {
    return new ChangeOutcome(result, null);
  }

  public static ChangeOutcome refused(String reason) {
    return new ChangeOutcome(null, reason);
  }

  public boolean isRefused() {
    return refusal != null;
  }
}
