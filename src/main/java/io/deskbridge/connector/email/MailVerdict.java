package io.deskbridge.connector.email;

/**
 * What the gateway makes of one message, before anything is stored: the mail read, its kind, the
 * visible text of a reply, the partner it is from, the threading evidence and the outcome. Mail
 * preview shows exactly this, so ops see why a mail became what it became.
 */
record MailVerdict(
    ParsedMail mail,
    MailClassification classification,
    String visibleText,
    EmailPartnerConnector partner,
    EmailThreading.Evidence threading,
    Outcome outcome,
    String reason) {

  /** What happens to the message. */
  enum Outcome {
    NEW_TICKET,
    REPLY,
    /** A bounce or complaint about a mail of a known ticket: noted there, nothing reopened. */
    REPORT_ON_TICKET,
    /** An automatic mail that concerns no known ticket: recorded, nothing else. */
    AUTOMATIC,
    UNKNOWN_SENDER,
    TOO_LARGE
  }
}
