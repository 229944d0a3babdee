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

  /** An out-of-office or other automatic answer; it is about no particular message. */
  public static MailClassification autoReply(String reason) {
    return new MailClassification(Kind.AUTO_REPLY, reason, null);
  }

  /** A delivery report, failed or not, about the message with the given Message-ID (or null). */
  public static MailClassification bounce(String reason, String originalMessageId) {
    return new MailClassification(Kind.BOUNCE, reason, originalMessageId);
  }

  /** An abuse or feedback report about the message with the given Message-ID (or null). */
  public static MailClassification complaint(String reason, String originalMessageId) {
    return new MailClassification(Kind.COMPLAINT, reason, originalMessageId);
  }

  public boolean isAutomatic() {
    return kind != Kind.PERSONAL;
  }
}
