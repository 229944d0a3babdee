package io.deskbridge.connector.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shows what the gateway makes of one raw message, as JSON-ready maps, without storing it. */
final class MailPreview {

  private MailPreview() {}

  static Map<String, Object> of(byte[] raw, List<EmailPartnerConnector> partners) {
    Map<String, Object> out = new LinkedHashMap<>();
    MailVerdict verdict;
    try {
      verdict = new MailIntake().read(raw, partners);
    } catch (UnreadableMailException e) {
      out.put("classification", "unreadable");
      out.put("reason", e.getMessage());
      out.put("outcome", "parked as a dead letter; the message stays flagged in the mailbox");
      return out;
    }
    ParsedMail mail = verdict.mail();
    out.put("from", mail.from() == null ? null : mail.from().toString());
    out.put("to", mail.to().stream().map(MailAddress::toString).toList());
    out.put("cc", mail.cc().stream().map(MailAddress::toString).toList());
    out.put("subject", mail.subject());
    out.put("date", mail.date() == null ? null : mail.date().toString());
    out.put("messageId", mail.messageId());
    out.put("inReplyTo", mail.inReplyTo());
    out.put("references", mail.references());
    out.put("text", mail.text());
    out.put(
        "visibleReply",
        verdict.visibleText() != null ? verdict.visibleText() : MailIntake.visibleText(mail));
    List<Map<String, Object>> files = new ArrayList<>();
    for (MailAttachment file : mail.attachments()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("name", file.name());
      f.put("mediaType", file.mediaType());
      f.put("size", file.size());
      if (file.contentId() != null) {
        f.put("contentId", file.contentId());
      }
      f.put("inline", file.inline());
      files.add(f);
    }
    out.put("attachments", files);
    out.put("classification", classification(verdict));
    out.put("evidence", verdict.classification().reason());
    out.put("partner", verdict.partner() == null ? null : verdict.partner().partnerId());
    Map<String, Object> threading = new LinkedHashMap<>();
    if (verdict.threading() != null) {
      threading.put("steps", verdict.threading().steps());
      threading.put(
          "ticket",
          verdict.threading().ticket() == null ? null : verdict.threading().ticket().value());
    }
    out.put("threading", threading);
    out.put("outcome", verdict.reason());
    out.put("problems", mail.problems());
    return out;
  }

  private static String classification(MailVerdict verdict) {
    return switch (verdict.outcome()) {
      case NEW_TICKET -> "new ticket";
      case REPLY -> "reply";
      case UNKNOWN_SENDER -> "unknown sender";
      case TOO_LARGE -> "too large";
      case AUTOMATIC, REPORT_ON_TICKET ->
          switch (verdict.classification().kind()) {
            case AUTO_REPLY -> "auto-reply";
            case BOUNCE -> "bounce";
            case COMPLAINT -> "complaint";
            case PERSONAL -> "personal";
          };
    };
  }
}
