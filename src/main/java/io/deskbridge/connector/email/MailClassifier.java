package io.deskbridge.connector.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a person's mail from automatic mail: ARF complaints, RFC 3464 delivery reports and the
 * non-standard bounces real servers send, and auto-replies (RFC 3834 and out-of-office habits).
 *
 * <p>Reports are recognised before auto-reply headers because most bounces also say {@code
 * Auto-Submitted}. A delivery report that says the message was delivered (a success notice) is a
 * {@link MailClassification.Kind#BOUNCE} too, with a reason that says so: it is automatic and is
 * about one earlier message, like a failure. {@code X-Auto-Response-Suppress} alone does not make a
 * mail automatic, since Outlook also sets it on mail people write; it only confirms an
 * out-of-office subject. Stateless and thread-safe; only the first few KB of a body are read.
 */
public final class MailClassifier {

  private static final int MAX_LISTED = 3;

  /** Amazon SES feedback sent to an SNS mail subscription: JSON, sometimes quoted in JSON. */
  private static final Pattern SES_NOTIFICATION =
      Pattern.compile("\\\\?\"notificationType\\\\?\"\\s*:\\s*\\\\?\"(Bounce|Complaint|Delivery)");

  private static final Pattern AMAZON_SENDER = Pattern.compile("(.+\\.)?amazon(aws|ses)\\.com");

  private static final Pattern SES_MESSAGE_ID =
      Pattern.compile(
          "\\\\?\"(?:messageId|value)\\\\?\"\\s*:\\s*\\\\?\"<([^<>\"\\\\\\s]+@[^<>\"\\\\\\s]+)>");

  /** Reads what the mail is. */
  public MailClassification classify(ParsedMail mail) {
    MailClassification classification = complaint(mail);
    if (classification == null) {
      classification = deliveryReport(mail);
    }
    if (classification == null) {
      classification = sesNotification(mail);
    }
    if (classification == null) {
      classification = nonStandardBounce(mail);
    }
    if (classification == null) {
      String reason = AutoReplyMarks.reason(mail);
      classification = reason == null ? null : MailClassification.autoReply(reason);
    }
    return classification == null ? MailClassification.personal() : classification;
  }

  /**
   * A person who forwards a report inline passes its parts on as attachments of their own mail;
   * those parts then say nothing about the person's mail.
   */
  private static boolean forwardedByAPerson(ParsedMail mail) {
    return !"multipart/report".equals(mail.mediaType())
        && BounceMarks.isReplyOrForward(mail.subject())
        && BounceMarks.mailSystemSender(mail) == null;
  }

  private static MailClassification complaint(ParsedMail mail) {
    if (forwardedByAPerson(mail)) {
      return null;
    }
    MailAttachment feedback = attachment(mail, "message/feedback-report");
    if (feedback != null || "feedback-report".equals(mail.reportType())) {
      FeedbackReport report =
          feedback == null ? FeedbackReport.UNKNOWN : FeedbackReport.read(feedback.content());
      return MailClassification.complaint(report.describe(), ReportedMessage.messageId(mail));
    }
    // Outlook.com's junk mail reporting program returns the message with a header of its own.
    for (MailAttachment attachment : mail.attachments()) {
      if (attachment.mediaType().equals("message/rfc822")
          && HeaderBlock.read(attachment.content(), false).first("X-HmXmrOriginalRecipient")
              != null) {
        return MailClassification.complaint(
            "Outlook.com junk mail report (JMRP)", ReportedMessage.messageId(mail));
      }
    }
    String unsubscribe = mail.headers().first("X-Apple-Unsubscribe");
    if (unsubscribe != null && unsubscribe.strip().equalsIgnoreCase("true")) {
      return MailClassification.complaint(
          "unsubscribe request sent by Apple Mail (X-Apple-Unsubscribe)", null);
    }
    return null;
  }

  private static MailClassification deliveryReport(ParsedMail mail) {
    if (forwardedByAPerson(mail)) {
      return null;
    }
    MailAttachment status = attachment(mail, "message/delivery-status");
    if (status == null) {
      status = attachment(mail, "message/global-delivery-status");
    }
    if (status == null && !"delivery-status".equals(mail.reportType())) {
      return null;
    }
    DeliveryReport report =
        status == null ? new DeliveryReport(List.of()) : DeliveryReport.read(status.content());
    String originalId = ReportedMessage.messageId(mail);
    if (report.onlySuccess()) {
      return MailClassification.bounce(
          "delivery status notification (success report: delivered)"
              + recipients(report.addresses(true)),
          originalId);
    }
    DeliveryStatusCode failure = report.failure();
    if (failure == null) {
      failure = BounceMarks.statusInText(mail.text());
    }
    String what;
    if (report.onlyDelay()) {
      what = "delayed, still being retried" + (failure == null ? "" : ", " + failure.describe());
    } else {
      what = failure == null ? "failed" : failure.describe();
    }
    List<String> failed = report.addresses(false);
    if (failed.isEmpty()) {
      failed = BounceMarks.failedRecipients(mail.headers());
    }
    return MailClassification.bounce(
        "delivery status notification (" + what + ")" + recipients(failed), originalId);
  }

  private static MailClassification sesNotification(ParsedMail mail) {
    String text = mail.text().stripLeading();
    String domain = mail.from() == null ? "" : mail.from().domain();
    if (!text.startsWith("{") || !AMAZON_SENDER.matcher(domain).matches()) {
      return null;
    }
    String head =
        text.length() > BounceMarks.TEXT_SCAN_CHARS
            ? text.substring(0, BounceMarks.TEXT_SCAN_CHARS)
            : text;
    Matcher kind = SES_NOTIFICATION.matcher(head);
    if (!kind.find()) {
      return null;
    }
    Matcher id = SES_MESSAGE_ID.matcher(head);
    String originalId = id.find() ? id.group(1) : null;
    return switch (kind.group(1)) {
      case "Complaint" ->
          MailClassification.complaint("Amazon SES complaint notification", originalId);
      case "Delivery" ->
          MailClassification.bounce(
              "Amazon SES delivery notification (success report: delivered)", originalId);
      default -> MailClassification.bounce("Amazon SES bounce notification", originalId);
    };
  }

  private static MailClassification nonStandardBounce(ParsedMail mail) {
    List<String> failed = BounceMarks.failedRecipients(mail.headers());
    String sender = BounceMarks.mailSystemSender(mail);
    boolean bounce =
        !failed.isEmpty()
            || (sender != null
                && (BounceMarks.subjectSaysSo(mail.subject())
                    || BounceMarks.textSaysSo(mail.text())));
    if (!bounce) {
      return null;
    }
    DeliveryStatusCode status = BounceMarks.statusInText(mail.text());
    StringBuilder reason = new StringBuilder("bounce without a delivery report");
    if (status != null) {
      reason.append(" (").append(status.describe()).append(')');
    }
    reason.append(recipients(failed));
    reason.append(", from ").append(sender != null ? sender : String.valueOf(mail.from()));
    if (!mail.subject().isBlank()) {
      reason.append(": '").append(AutoReplyMarks.shorten(mail.subject())).append('\'');
    }
    return MailClassification.bounce(reason.toString(), ReportedMessage.messageId(mail));
  }

  private static MailAttachment attachment(ParsedMail mail, String mediaType) {
    for (MailAttachment attachment : mail.attachments()) {
      if (attachment.mediaType().equalsIgnoreCase(mediaType)) {
        return attachment;
      }
    }
    return null;
  }

  private static String recipients(List<String> addresses) {
    if (addresses.isEmpty()) {
      return "";
    }
    List<String> shown = new ArrayList<>();
    for (String address : addresses.subList(0, Math.min(MAX_LISTED, addresses.size()))) {
      shown.add("<" + address.toLowerCase(Locale.ROOT) + ">");
    }
    String more =
        addresses.size() > MAX_LISTED ? " and " + (addresses.size() - MAX_LISTED) + " more" : "";
    return " for " + String.join(", ", shown) + more;
  }
}
