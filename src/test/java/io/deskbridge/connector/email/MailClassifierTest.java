package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.deskbridge.connector.email.MailClassification.Kind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each rule of the classifier on a small hand-written message: auto-reply headers and subjects, RFC
 * 3464 reports, ARF complaints, bounces without a report, and the mail of people that must stay
 * personal.
 */
class MailClassifierTest {

  private final MailClassifier classifier = new MailClassifier();

  // --- auto-replies ------------------------------------------------------------------------------

  @Test
  void autoSubmittedAutoRepliedIsAnAutoReply() {
    ParsedMail mail =
        mail(personHeaders("Away until May 5"), "Auto-Submitted: auto-replied", "", "I am away.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.AUTO_REPLY);
    assertThat(result.reason()).isEqualTo("Auto-Submitted: auto-replied");
    assertThat(result.originalMessageId()).isNull();
  }

  @Test
  void autoReplyWithNullReturnPathIsNotABounce() {
    ParsedMail mail =
        mail(
            "Return-Path: <>",
            personHeaders("Automatic reply: Ticket 4711"),
            "Auto-Submitted: auto-replied",
            "",
            "I am out of the office. My answer has been delayed until Monday.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.AUTO_REPLY);
  }

  @Test
  void autoSubmittedNoIsPersonal() {
    ParsedMail mail =
        mail(personHeaders("Printer broken"), "Auto-Submitted: no", "", "Please help.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Autoreply: yes", "X-Autorespond: Vacation", "X-Autoresponse: 1"})
  void autoresponderHeaderIsAnAutoReply(String header) {
    ParsedMail mail = mail(personHeaders("Thanks for your mail"), header, "", "We got it.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.AUTO_REPLY);
    assertThat(result.reason()).isEqualTo(header);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Precedence: bulk",
        "Precedence: junk",
        "Precedence: list",
        "Precedence: auto_reply",
        "X-Precedence: bulk"
      })
  void bulkPrecedenceIsAutomatic(String header) {
    ParsedMail mail = mail(personHeaders("Newsletter"), header, "", "News.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.AUTO_REPLY);
    assertThat(result.reason()).isEqualTo(header);
  }

  @Test
  void firstClassPrecedenceIsPersonal() {
    ParsedMail mail = mail(personHeaders("Urgent"), "Precedence: first-class", "", "Call me.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Automatic reply: Ticket 4711",
        "Auto reply: Nyaan",
        "Autoreply: Ihre Anfrage",
        "Réponse automatique : Commande 12",
        "Automatische Antwort: Rechnung",
        "Автоответ: Заявка 15",
        "[Auto-Reply] Your order"
      })
  void subjectAMailProgramWritesIsAnAutoReply(String subject) {
    ParsedMail mail = mail(personHeaders(subject), "", "I am out until Monday.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.AUTO_REPLY);
    assertThat(result.reason()).contains(subject);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Out of Office: Ticket 4711", "Abwesenheitsnotiz: Rechnung", "Нет на месте"})
  void outOfOfficeSubjectWithAutoResponseSuppressIsAnAutoReply(String subject) {
    ParsedMail mail =
        mail(personHeaders(subject), "X-Auto-Response-Suppress: All", "", "Back on Monday.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.AUTO_REPLY);
    assertThat(result.reason()).contains("X-Auto-Response-Suppress: All");
  }

  @Test
  void outOfOfficeSubjectWithNullReturnPathIsAnAutoReply() {
    ParsedMail mail =
        mail("Return-Path: <>", personHeaders("Out of Office"), "", "Back on Monday.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.AUTO_REPLY);
  }

  @Test
  void outOfOfficePrefixOnAnAnswerIsAnAutoReply() {
    ParsedMail mail =
        mail(
            personHeaders("Abwesenheitsnotiz: Rechnung 12"),
            "In-Reply-To: <ticket-2.1@desk.example>",
            "",
            "Ich bin bis Montag nicht im Büro.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.AUTO_REPLY);
    assertThat(result.reason()).contains("in answer to a message");
  }

  @Test
  void outOfOfficePrefixOnANewMessageIsPersonal() {
    ParsedMail mail =
        mail(personHeaders("Out of office: 24-28 March"), "", "Please call Tom meanwhile.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @Test
  void outOfOfficeWordsAloneArePersonal() {
    ParsedMail mail =
        mail(personHeaders("Out of office next week"), "", "I will be away, please call Tom.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @Test
  void autoResponseSuppressAloneIsPersonal() {
    ParsedMail mail =
        mail(personHeaders("Broken pump"), "X-Auto-Response-Suppress: All", "", "It leaks again.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @Test
  void personsReplyToAnAutoReplyIsPersonal() {
    ParsedMail mail =
        mail(personHeaders("Re: Automatic reply: Ticket 4711"), "", "Who else can help me?");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  // --- RFC 3464 delivery reports -----------------------------------------------------------------

  @Test
  void deliveryStatusReportIsABounceWithStatusRecipientAndOriginal() {
    ParsedMail mail =
        mail(dsn("failed", "5.1.1", "smtp; 550 5.1.1 <kim@partner.example>: user unknown"));

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.reason())
        .isEqualTo("delivery status notification (5.1.1 user unknown) for <kim@partner.example>");
    assertThat(result.originalMessageId()).isEqualTo("ticket-42.1@desk.example");
  }

  @Test
  void bounceIsNotMistakenForAnAutoReplyThoughItSaysAutoSubmitted() {
    ParsedMail mail = mail(dsn("failed", "5.2.2", "smtp; 552 mailbox full"));

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.reason()).contains("5.2.2 mailbox full");
  }

  @Test
  void successReportIsABounceThatSaysItWasDelivered() {
    ParsedMail mail = mail(dsn("delivered", "2.0.0", "smtp; 250 OK"));

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.reason())
        .contains("success report: delivered")
        .contains("<kim@partner.example>");
    assertThat(result.originalMessageId()).isEqualTo("ticket-42.1@desk.example");
  }

  @Test
  void delayReportSaysDeliveryIsStillRetried() {
    ParsedMail mail = mail(dsn("delayed", "4.4.7", "smtp; 451 try again later"));

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.reason())
        .contains("delayed, still being retried, 4.4.7 delivery time expired");
  }

  @Test
  void reportAboutSeveralRecipientsNamesTheFailedOnes() {
    ParsedMail mail =
        mail(
            "From: MAILER-DAEMON@mx.partner.example",
            "To: support@desk.example",
            "Subject: Returned mail: see transcript for details",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "Some recipients failed.",
            "--b",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.partner.example",
            "",
            "Final-Recipient: rfc822; ann@partner.example",
            "Action: delivered",
            "Status: 2.0.0",
            "",
            "Final-Recipient: rfc822; bob@partner.example",
            "Action: failed",
            "Status: 5.2.2",
            "",
            "Final-Recipient: rfc822; cy@partner.example",
            "Action: failed",
            "Status: 5.1.1",
            "--b--");

    MailClassification result = classifier.classify(mail);

    assertThat(result.reason())
        .isEqualTo(
            "delivery status notification (5.2.2 mailbox full)"
                + " for <bob@partner.example>, <cy@partner.example>");
  }

  @Test
  void originalMessageIdIsReadFromReturnedHeaders() {
    ParsedMail mail =
        mail(
            "From: Mail Delivery System <MAILER-DAEMON@mx.partner.example>",
            "To: support@desk.example",
            "Subject: Undelivered Mail Returned to Sender",
            "Message-ID: <bounce-1@mx.partner.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "Your message could not be delivered.",
            "--b",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.partner.example",
            "",
            "Final-Recipient: rfc822; kim@partner.example",
            "Action: failed",
            "Status: 5.1.1",
            "--b",
            "Content-Type: text/rfc822-headers",
            "",
            "From: support@desk.example",
            "Message-ID: <ticket-7.3@desk.example>",
            "Subject: Your ticket",
            "--b--");

    MailClassification result = classifier.classify(mail);

    assertThat(result.originalMessageId()).isEqualTo("ticket-7.3@desk.example");
  }

  // --- ARF complaints ----------------------------------------------------------------------------

  @Test
  void feedbackReportIsAComplaintAboutTheReportedMessage() {
    ParsedMail mail =
        mail(
            "From: abuse@isp.example",
            "To: support@desk.example",
            "Subject: Abuse report",
            "Message-ID: <arf-1@isp.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=feedback-report; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "This is an email abuse report.",
            "--b",
            "Content-Type: message/feedback-report",
            "",
            "Feedback-Type: abuse",
            "User-Agent: SomeGenerator/1.0",
            "Version: 1",
            "Source-IP: 192.0.2.1",
            "--b",
            "Content-Type: message/rfc822",
            "",
            "From: support@desk.example",
            "Message-ID: <ticket-9.1@desk.example>",
            "Subject: Your ticket",
            "",
            "Hello",
            "--b--");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.COMPLAINT);
    assertThat(result.reason()).isEqualTo("ARF abuse report (source 192.0.2.1)");
    assertThat(result.originalMessageId()).isEqualTo("ticket-9.1@desk.example");
  }

  // --- bounces without a delivery report ---------------------------------------------------------

  @Test
  void qmailTextBounceIsABounceThreadedByTheQuotedMessageId() {
    ParsedMail mail =
        mail(
            "Return-Path: <>",
            "From: MAILER-DAEMON@mx.partner.example",
            "To: support@desk.example",
            "Subject: failure notice",
            "Message-ID: <qmail-1@mx.partner.example>",
            "",
            "Hi. This is the qmail-send program at mx.partner.example.",
            "I'm afraid I wasn't able to deliver your message to the following addresses.",
            "",
            "<kim@partner.example>:",
            "Sorry, no mailbox here by that name. (#5.1.1)",
            "",
            "--- Below this line is a copy of the message.",
            "",
            "From: support@desk.example",
            "Message-ID: <ticket-5.2@desk.example>",
            "Subject: Your ticket");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.reason()).contains("5.1.1 user unknown", "mailer-daemon@mx.partner.example");
    assertThat(result.originalMessageId()).isEqualTo("ticket-5.2@desk.example");
  }

  @Test
  void eximBounceNamesTheFailedRecipients() {
    ParsedMail mail =
        mail(
            "From: Mail Delivery System <Mailer-Daemon@mx.partner.example>",
            "To: support@desk.example",
            "Subject: Mail delivery failed: returning message to sender",
            "X-Failed-Recipients: kim@partner.example",
            "Auto-Submitted: auto-replied",
            "",
            "This message was created automatically by mail delivery software.",
            "A message that you sent could not be delivered to one or more of its recipients.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.reason()).contains("for <kim@partner.example>");
  }

  @Test
  void russianBounceFromAMailSystemIsABounce() {
    ParsedMail mail =
        mail(
            "From: mailer-daemon@yandex.ru",
            "To: support@desk.example",
            "Subject: =?UTF-8?B?0J3QtdC00L7RgdGC0LDQstC70LXQvdC90L7QtSDRgdC+0L7QsdGJ0LXQvdC40LU=?=",
            "Content-Type: text/plain; charset=UTF-8",
            "",
            "Сообщение не удалось доставить по адресу kim@partner.example.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.reason()).contains("Недоставленное сообщение");
  }

  @Test
  void bounceWithoutQuotedOriginalIsThreadedByItsInReplyTo() {
    ParsedMail mail =
        mail(
            "From: postmaster@partner.example",
            "To: support@desk.example",
            "Subject: Undeliverable: Your ticket",
            "In-Reply-To: <ticket-3.9@desk.example>",
            "",
            "Delivery has failed to these recipients or groups: kim@partner.example");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.originalMessageId()).isEqualTo("ticket-3.9@desk.example");
  }

  @Test
  void amazonSesBounceNotificationIsABounce() {
    ParsedMail mail =
        mail(
            "From: SES <no-reply@sns.amazonaws.com>",
            "To: support@desk.example",
            "Subject: AWS Notification Message",
            "",
            "{\"notificationType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\"},",
            "\"mail\":{\"commonHeaders\":{\"messageId\":\"<ticket-8.1@desk.example>\"}}}");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.BOUNCE);
    assertThat(result.reason()).isEqualTo("Amazon SES bounce notification");
    assertThat(result.originalMessageId()).isEqualTo("ticket-8.1@desk.example");
  }

  @Test
  void appleMailUnsubscribeRequestIsAComplaint() {
    ParsedMail mail =
        mail(
            personHeaders("unsubscribe"),
            "Auto-Submitted: auto-replied",
            "X-Apple-Unsubscribe: true",
            "",
            "Apple Mail sent this email to unsubscribe.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.COMPLAINT);
  }

  // --- people ------------------------------------------------------------------------------------

  @Test
  void ordinaryMailIsPersonal() {
    ParsedMail mail = mail(personHeaders("Pump 7 leaks"), "", "Hello, pump 7 leaks again.");

    MailClassification result = classifier.classify(mail);

    assertThat(result).isEqualTo(MailClassification.personal());
  }

  @Test
  void personWritingAboutAFailedDeliveryIsPersonal() {
    ParsedMail mail =
        mail(
            personHeaders("Delivery failed: mail could not be delivered"),
            "",
            "Hello, your last mail could not be delivered,",
            "delivery failed with 5.1.1 user unknown.",
            "Undeliverable mail keeps coming back. Please check your address book.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @Test
  void personForwardingABounceIsPersonal() {
    ParsedMail mail =
        mail(
            personHeaders("Fwd: Undelivered Mail Returned to Sender"),
            "",
            "See below, what is wrong?",
            "",
            "---------- Forwarded message ---------",
            "From: Mail Delivery System <MAILER-DAEMON@mx.partner.example>",
            "Subject: Undelivered Mail Returned to Sender",
            "",
            "I'm sorry to have to inform you that your message could not",
            "be delivered to one or more recipients.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @Test
  void personForwardingABounceWithItsReportPartsIsPersonal() {
    ParsedMail mail =
        mail(
            "From: Kim Lee <kim@partner.example>",
            "To: support@desk.example",
            "Subject: Fwd: Undelivered Mail Returned to Sender",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b\"",
            "",
            "--b",
            "Content-Type: text/plain",
            "",
            "Our mail to you bounced, see the report.",
            "--b",
            "Content-Type: message/delivery-status",
            "",
            "Final-Recipient: rfc822; support@desk.example",
            "Action: failed",
            "Status: 5.1.1",
            "--b--");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @Test
  void postmasterWritingAboutSomethingElseIsPersonal() {
    ParsedMail mail =
        mail(
            "From: Postmaster <postmaster@partner.example>",
            "To: support@desk.example",
            "Subject: New MX host from Monday",
            "",
            "Hello, our mail server moves to a new address on Monday.");

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  @Test
  void mailWithoutAnyFieldsIsPersonal() {
    ParsedMail mail =
        new ParsedMail(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null);

    MailClassification result = classifier.classify(mail);

    assertThat(result.kind()).isEqualTo(Kind.PERSONAL);
  }

  // --- messages ----------------------------------------------------------------------------------

  private static String personHeaders(String subject) {
    return String.join(
        "\r\n",
        "From: Kim Lee <kim@partner.example>",
        "To: support@desk.example",
        "Subject: " + subject,
        "Message-ID: <m-1@partner.example>",
        "Content-Type: text/plain; charset=UTF-8");
  }

  /** A delivery report from a mail system about ticket-42.1, with one recipient block. */
  private static String dsn(String action, String status, String diagnostic) {
    return String.join(
        "\r\n",
        "From: Mail Delivery System <MAILER-DAEMON@mx.partner.example>",
        "To: support@desk.example",
        "Subject: Delivery Status Notification",
        "Auto-Submitted: auto-replied",
        "Message-ID: <dsn-1@mx.partner.example>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
        "",
        "--b",
        "Content-Type: text/plain",
        "",
        "This is the mail system at host mx.partner.example.",
        "--b",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.partner.example",
        "Arrival-Date: Thu, 29 Apr 2025 23:34:45 +0200",
        "",
        "Final-Recipient: rfc822; kim@partner.example",
        "Original-Recipient: rfc822;kim@partner.example",
        "Action: " + action,
        "Status: " + status,
        "Diagnostic-Code: " + diagnostic,
        "",
        "--b",
        "Content-Type: message/rfc822",
        "",
        "From: support@desk.example",
        "To: kim@partner.example",
        "Message-ID: <ticket-42.1@desk.example>",
        "Subject: Your ticket",
        "",
        "Hello Kim",
        "--b--");
  }

  private static ParsedMail mail(String... lines) {
    byte[] raw = (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    try {
      return new MailParser().parse(raw);
    } catch (UnreadableMailException e) {
      throw new AssertionError(e);
    }
  }
}
