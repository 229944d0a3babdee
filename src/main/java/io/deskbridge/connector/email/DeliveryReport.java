package io.deskbridge.connector.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable part of an RFC 3464 delivery status notification: what happened to each
 * recipient.
 */
record DeliveryReport(List<Recipient> recipients) {

  /**
   * One per-recipient block.
   *
   * @param address the final (else original) recipient, without its address type
   * @param action failed, delayed, delivered, relayed or expanded, lower-case; empty when missing
   * @param status the enhanced status code, or null
   */
  record Recipient(String address, String action, DeliveryStatusCode status) {

    boolean succeeded() {
      return switch (action) {
        case "delivered", "relayed", "expanded" -> true;
        case "" -> status != null && status.success();
        default -> false;
      };
    }

    boolean delayed() {
      return action.equals("delayed") || (action.isEmpty() && status != null && status.temporary());
    }
  }

  DeliveryReport {
    recipients = List.copyOf(recipients);
  }

  /** Reads the fields of a message/delivery-status part. */
  static DeliveryReport read(byte[] content) {
    List<Recipient> recipients = new ArrayList<>();
    Block block = new Block();
    for (MailHeaders.Field field : HeaderBlock.read(content, true).fields()) {
      String name = field.name().toLowerCase(Locale.ROOT);
      // A broken report may run blocks together: a repeated recipient field starts the next one.
      boolean next =
          field == HeaderBlock.GROUP_BREAK
              || (name.equals("final-recipient") && block.finalRecipient != null)
              || (name.equals("original-recipient") && block.action != null);
      if (next) {
        block.addTo(recipients);
        block = new Block();
      }
      switch (name) {
        case "final-recipient" -> block.finalRecipient = typed(field.value());
        case "original-recipient" -> block.originalRecipient = typed(field.value());
        case "action" -> block.action = field.value();
        case "status" -> block.status = field.value();
        case "diagnostic-code" -> block.diagnostic = field.value();
        default -> {}
      }
    }
    block.addTo(recipients);
    return new DeliveryReport(recipients);
  }

  /** The fields of one per-recipient block while it is being read. */
  private static final class Block {
    String finalRecipient;
    String originalRecipient;
    String action;
    String status;
    String diagnostic;

    void addTo(List<Recipient> recipients) {
      if (finalRecipient == null && originalRecipient == null && action == null && status == null) {
        return; // the per-message block, or nothing
      }
      String verb = action == null ? "" : action.strip().toLowerCase(Locale.ROOT);
      int space = verb.indexOf(' ');
      verb = space < 0 ? verb : verb.substring(0, space);
      DeliveryStatusCode code = DeliveryStatusCode.find(status);
      // "5.0.0" says nothing; the diagnostic often carries the server's more precise code.
      if ((code == null || code.code().endsWith(".0.0")) && diagnostic != null) {
        DeliveryStatusCode precise = DeliveryStatusCode.find(diagnostic);
        code =
            precise != null && (code == null || precise.code().charAt(0) == code.code().charAt(0))
                ? precise
                : code;
      }
      recipients.add(
          new Recipient(finalRecipient != null ? finalRecipient : originalRecipient, verb, code));
    }
  }

  /** {@code rfc822; user@example.org} without the address type and brackets. */
  private static String typed(String value) {
    String address = value.substring(value.indexOf(';') + 1).strip();
    if (address.startsWith("<") && address.endsWith(">")) {
      address = address.substring(1, address.length() - 1);
    }
    return address.isEmpty() ? null : address;
  }

  /** True when the report says every recipient got the message: a success notice, not a bounce. */
  boolean onlySuccess() {
    return !recipients.isEmpty() && recipients.stream().allMatch(Recipient::succeeded);
  }

  /** True when nothing failed yet, but delivery to some recipient is still being retried. */
  boolean onlyDelay() {
    return !recipients.isEmpty()
        && recipients.stream().allMatch(r -> r.delayed() || r.succeeded())
        && recipients.stream().anyMatch(Recipient::delayed);
  }

  /** The first status code of a recipient that did not get the message, or null. */
  DeliveryStatusCode failure() {
    for (Recipient recipient : recipients) {
      if (!recipient.succeeded() && recipient.status() != null) {
        return recipient.status();
      }
    }
    return null;
  }

  /** The recipients that got the message, or those that did not. */
  List<String> addresses(boolean succeeded) {
    List<String> addresses = new ArrayList<>();
    for (Recipient recipient : recipients) {
      if (recipient.address() != null && recipient.succeeded() == succeeded) {
        addresses.add(recipient.address());
      }
    }
    return addresses;
  }
}
