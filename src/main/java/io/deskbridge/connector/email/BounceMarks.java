package io.deskbridge.connector.email;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The signs of a bounce written without an RFC 3464 report (qmail, Exim, old Postfix, Notes,
 * Microsoft and web-mail NDRs): a mail system as the sender, and a subject or text that says a
 * message was not delivered. Neither alone is enough, so a person who writes about a failed
 * delivery, or forwards a bounce, stays a person.
 */
final class BounceMarks {

  /** Bounce prose comes first; reading more would only slow every incoming mail down. */
  static final int TEXT_SCAN_CHARS = 8 * 1024;

  private static final Pattern DAEMON_LOCAL_PART =
      Pattern.compile(
          "(?i)mailer[-_.]?daemon|mail[-_.]?daemon|postmaster|post_master|mail\\.delivery\\.system"
              + "|mail-delivery-system|mdaemon|mailerdaemon");

  private static final Pattern DAEMON_NAME =
      Pattern.compile(
          "(?i)mail(er)?[- ]?daemon|mail deliver(y)? (sub)?system|mail delivery service"
              + "|mail administrator|postmaster");

  private static final Pattern NULL_PATH =
      Pattern.compile("(?i)^\\s*<?\\s*(mailer-daemon\\b.*)?>?\\s*$");

  /** A list manager's own address (fml, Mailman, ezmlm), as opposed to the list's. */
  private static final Pattern LIST_ROBOT = Pattern.compile("(?i).+-(admin|owner|request)");

  private static final Pattern REPLY_OR_FORWARD =
      Pattern.compile(
          "(?iu)^\\s*(re|fw|fwd|aw|wg|tr|sv|vs|rif|odp|pd|ответ|пересл)\\s*(\\[\\d+])?\\s*:");

  private static final Pattern SUBJECT =
      Pattern.compile(
          "(?iu)undeliver(ed|able)|delivery status notification|delivery (has )?fail"
              + "|delivery failure|failure notice|returned mail|returning message to sender"
              + "|mail failed|returned to sender|could not be delivered|couldn't be delivered"
              + "|not delivered|non[- ]?deliver|delivery problem|could not send message"
              + "|delayed mail|delivery delayed|warning: message .+ delayed|delivery notification"
              + "|delivery status|mail system error|error sending your mail|postmaster notify"
              + "|mail failure|message delivery has failed|unzustellbar|nicht zustellbar"
              + "|zustellung fehlgeschlagen"
              + "|non remis|non distribuable|échec de (la )?(remise|distribution)"
              + "|no se (pudo|puede) entregar|mancato recapito|non recapitabile|onbestelbaar"
              + "|niedostarczalne|não é possível entregar|недоставлен|не доставлен"
              + "|не удалось доставить|не удается доставить|配信できません"
              + "|配送できません|送信できません|不達|エラーメール");

  // Matched against lower-cased text. Phrases in scripts with spaces start at a word boundary,
  // which spares the alternation at every position inside a word; Japanese has no such boundary.
  private static final Pattern TEXT =
      Pattern.compile(
          "\\b(?:could not be delivered|couldn't be delivered|was not delivered|were not delivered"
              + "|wasn't delivered|weren't delivered|message not delivered"
              + "|has not been delivered|cannot be delivered|can't be delivered"
              + "|unable to deliver|wasn't able to deliver|not able to deliver|failed to deliver"
              + "|delivery (to the following recipients? )?(has )?failed|failed permanently"
              + "|permanent (fatal )?error|delivery has failed|undeliverable|undelivered"
              + "|returned mail|returning (your )?message to (the )?sender"
              + "|following address(es)? had (permanent fatal errors|delivery problems)"
              + "|created automatically by mail delivery software|mail delivery (sub)?system"
              + "|this is the qmail-send program|this is the mail (system|delivery agent) at"
              + "|delivery status notification|error delivering your mail"
              + "|trouble delivering your message|could not deliver"
              + "|not listed in (the )?(domino directory|public name & address book)"
              + "|failure reasons|invalid (user|recipient) address|no such user|user unknown"
              + "|recipient address rejected|not a member of this (mailing )?list"
              + "|konnte nicht zugestellt werden|nicht zugestellt|n'a pas pu être (remis|distribué)"
              + "|не может быть доставлено|не доставлено|не удалось доставить|не удается доставить"
              + "|недоставленное)"
              + "|配信できませんでした|送信できませんでした|送信に失敗|届きませんでした|宛先不明");

  private BounceMarks() {}

  /** Who sent it, if a mail system did; null when the sender looks like a person. */
  static String mailSystemSender(ParsedMail mail) {
    MailAddress from = mail.from();
    if (from == null || from.address().isEmpty()) {
      return "a sender without address";
    }
    String address = from.address();
    int at = address.indexOf('@');
    String local = at < 0 ? address : address.substring(0, at);
    if (DAEMON_LOCAL_PART.matcher(local).matches()) {
      return address;
    }
    if (from.name() != null && DAEMON_NAME.matcher(from.name()).find()) {
      return from.toString();
    }
    String returnPath = mail.headers().first("Return-Path");
    if (returnPath != null && NULL_PATH.matcher(returnPath).matches()) {
      return address + " (null Return-Path)";
    }
    if (LIST_ROBOT.matcher(local).matches()
        && (mail.headers().has("X-MLServer")
            || mail.headers().has("Mailing-List")
            || mail.headers().has("List-Id")
            || mail.headers().has("X-ML-Name"))) {
      return address + " (list manager)";
    }
    return null;
  }

  /** The subject says a delivery failed, and is not a person's reply to or forward of one. */
  static boolean subjectSaysSo(String subject) {
    return !isReplyOrForward(subject) && SUBJECT.matcher(subject).find();
  }

  /** {@code Re:}, {@code Fwd:} and their translations: a person answering or passing mail on. */
  static boolean isReplyOrForward(String subject) {
    return REPLY_OR_FORWARD.matcher(subject).find();
  }

  static boolean textSaysSo(String text) {
    String head = text.length() > TEXT_SCAN_CHARS ? text.substring(0, TEXT_SCAN_CHARS) : text;
    // Lower-casing once and matching case-sensitively is several times faster than (?iu).
    return TEXT.matcher(head.toLowerCase(Locale.ROOT)).find();
  }

  /** The addresses Exim and Google name in X-Failed-Recipients, for the reason. */
  static List<String> failedRecipients(MailHeaders headers) {
    String value = headers.first("X-Failed-Recipients");
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
  }

  static DeliveryStatusCode statusInText(String text) {
    CharSequence head = text.length() > TEXT_SCAN_CHARS ? text.substring(0, TEXT_SCAN_CHARS) : text;
    return DeliveryStatusCode.findFailure(head);
  }
}
