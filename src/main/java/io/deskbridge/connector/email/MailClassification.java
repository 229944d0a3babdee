package io.deskbridge.connector.email;

/**
 * What kind of mail a message is before threading looks at it: written by a person, or an automatic
 * answer, a delivery report or an abuse complaint, which never open or reopen a ticket and are
 * never answered.
 *
 * @param reason the evidence, as ops read it ({@code Auto-Submitted: auto-replied})
 * @param originalMessageId for a bounce or complaint, the Message-ID of the message it is about,
 *     when the report quotes it; null otherwise
 */
public record MailClassification(Kind kind, String reason, String originalMessageId) {

  /** The kinds of mail the gateway tells apart. */
  public enum Kind {
    PERSONAL,
    AUTO_REPLY,
    BOUNCE,
    COMPLAINT
  }

  public static MailClassification personal() {
    return new MailClassification(Kind.PERSONAL, "no automatic-mail marks", null);
  }

  public boolean isAutomatic() {
    return kind != Kind.PERSONAL;
  }
}
