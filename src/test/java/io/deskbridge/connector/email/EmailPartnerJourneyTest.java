package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.deskbridge.support.GatewayConfigFiles;
import io.deskbridge.support.RunningGateway;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner with nothing but a mailbox, against GreenMail as the real SMTP and IMAP server: it
 * opens a ticket by mail, gets the reference back, reads the manufacturer's answer in its mailbox
 * and answers by mail, while automatic mail, bounces, strangers and broken mail change nothing a
 * person would not expect.
 */
class EmailPartnerJourneyTest {

  private static final String SUPPORT = "support@maker.example";
  private static final String PARTNER = "tech@smallfire.example";

  @TempDir static Path config;
  @TempDir static Path data;
  @TempDir static Path secrets;

  static GreenMail mail;
  static RunningGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    ServerSetup[] setups = {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()};
    mail = new GreenMail(setups);
    mail.start();
    mail.setUser(SUPPORT, SUPPORT, "mailbox-secret");
    mail.setUser(PARTNER, PARTNER, "partner-secret");
    Path password = secrets.resolve("imap-password");
    Files.writeString(password, "mailbox-secret");
    GatewayConfigFiles files = GatewayConfigFiles.standard(config);
    files.emailPartner(
        SUPPORT,
        mail.getImap().getPort(),
        mail.getSmtp().getPort(),
        password,
        "  pollInterval: 100ms\n  autoMailDailyCap: 3\n");
    files.write(
        "connectors/deadbox.yml",
        """
        id: deadbox
        name: Partner whose mailbox server is gone
        connector: email
        settings:
          address: support@maker.example
          senders: ["@deadbox.example"]
          imapHost: 127.0.0.1
          imapPort: %d
          imapSecurity: none
          imapUser: gone@maker.example
          imapPassword: "file:%s"
          pollInterval: 100ms
          smtpHost: 127.0.0.1
          smtpPort: %d
          smtpSecurity: none
        """
            .formatted(portNobodyListensOn(), password, mail.getSmtp().getPort()));
    gateway = RunningGateway.start(config, data, Map.of());
  }

  @AfterAll
  static void stop() {
    gateway.close();
    mail.stop();
  }

  @Test
  void partnerOpensATicketByMailAndGetsItsReferenceBack() throws Exception {
    // Given a partner's first mail about a fault
    String messageId = "fault-1@smallfire.example";

    // When it arrives in the support mailbox
    deliverToSupport(
        mailFrom(
                "anna@smallfire.example",
                "Fire panel FP-2000 shows an earth fault",
                messageId,
                null)
            + "Loop 2 reports an earth fault every night.\r\n");

    // Then a ticket is open in the routed queue with the mail's subject and text
    JsonNode ticket = awaitTicketWithSubject("Fire panel FP-2000 shows an earth fault");
    assertThat(ticket.get("queue").asText()).isEqualTo("triage");
    assertThat(ticket.get("description").asText()).contains("Loop 2 reports an earth fault");
    assertThat(ticket.at("/requester/email").asText()).isEqualTo("anna@smallfire.example");
    // and the partner's mailbox gets an automatic acknowledgement with the reference
    String ref = ticket.get("ref").asText();
    MimeMessage ack = awaitMailTo("anna@smallfire.example", "[" + ref + "]");
    assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
    assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo("<" + messageId + ">");
  }

  @Test
  void manufacturerAnswerReachesThePartnerThreadedAndTheReplyLandsWithOnlyItsNewText()
      throws Exception {
    // Given a ticket the partner opened by mail
    deliverToSupport(
        mailFrom(
                "boris@smallfire.example",
                "Keypad KP-10 does not beep",
                "keypad-1@smallfire.example",
                null)
            + "No sound on key press.\r\n");
    String ref = awaitTicketWithSubject("Keypad KP-10 does not beep").get("ref").asText();

    // When the manufacturer answers in the gateway
    gateway
        .agent()
        .post(
            "/api/v1/tickets/" + ref + "/comments",
            "{\"text\": \"Please check jumper J3 on the keypad board.\"}");

    // Then the partner's mailbox gets the answer with the token, threaded on the ticket
    MimeMessage answer = awaitMailTo("boris@smallfire.example", "[" + ref + "]", "jumper J3");
    String answerId = answer.getHeader("Message-ID", null);
    assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo("<keypad-1@smallfire.example>");
    assertThat(answer.getHeader("References", null))
        .startsWith("<keypad-1@smallfire.example>")
        .contains(ref);
    assertThat(answer.getHeader("Auto-Submitted", null)).isNull();

    // When the partner replies from Outlook, quoting the answer below its own text
    deliverToSupport(
        mailFrom(
                "boris@smallfire.example",
                "RE: [" + ref + "] Keypad KP-10 does not beep",
                "re-1@smallfire.example",
                answerId)
            + "Jumper J3 was open; the keypad beeps again.\r\n"
            + "\r\n"
            + "From: Support <support@maker.example>\r\n"
            + "Sent: Friday, November 27, 2026 10:00 AM\r\n"
            + "To: tech@smallfire.example\r\n"
            + "Subject: ["
            + ref
            + "] Keypad KP-10 does not beep\r\n"
            + "\r\n"
            + "Please check jumper J3 on the keypad board.\r\n");

    // Then the ticket gets a comment with only the new text
    JsonNode comment = awaitComment(ref, "Jumper J3 was open");
    assertThat(comment.get("text").asText())
        .isEqualTo("Jumper J3 was open; the keypad beeps again.");
  }

  @Test
  void gmailAndRussianOutlookRepliesLandWithOnlyTheirNewText() throws Exception {
    // Given a ticket opened by mail and the acknowledgement the partner got for it
    String sender = "hanna@smallfire.example";
    deliverToSupport(
        mailFrom(sender, "Beacon B-7 flashes red", "b7-1@smallfire.example", null) + "x\r\n");
    String ref = awaitTicketWithSubject("Beacon B-7 flashes red").get("ref").asText();
    String ack = awaitMailTo(sender, "[" + ref + "]").getHeader("Message-ID", null);

    // When the partner answers once from Gmail and once from a Russian Outlook
    deliverToSupport(
        mailFrom(sender, "Re: [" + ref + "] Beacon B-7 flashes red", "b7-2@smallfire.example", ack)
            + "The battery was low, replaced.\r\n\r\n"
            + "On Fri, 27 Nov 2026 at 10:00, Support <support@maker.example> wrote:\r\n"
            + "> We have opened ticket "
            + ref
            + "\r\n");
    deliverToSupport(
        mailFrom(sender, "RE: [" + ref + "] Beacon B-7 flashes red", "b7-3@smallfire.example", ack)
            + "Маяк снова работает, заявку можно закрыть.\r\n\r\n"
            + "От: Support <support@maker.example>\r\n"
            + "Отправлено: 27 ноября 2026 г. 10:00\r\n"
            + "Кому: "
            + sender
            + "\r\nТема: ["
            + ref
            + "] Beacon B-7 flashes red\r\n\r\n"
            + "We have opened ticket "
            + ref
            + "\r\n");

    // Then both are comments on the same ticket with only what the partner wrote
    assertThat(awaitComment(ref, "battery").get("text").asText())
        .isEqualTo("The battery was low, replaced.");
    assertThat(awaitComment(ref, "Маяк").get("text").asText())
        .isEqualTo("Маяк снова работает, заявку можно закрыть.");
  }

  @Test
  void outOfOfficeAnswerToOurAcknowledgementCreatesNothingAndSendsNothing() throws Exception {
    // Given the partner's mailbox as it is now
    int mailsBefore = mailsTo("carla@smallfire.example").size();
    int ticketsBefore = tickets().size();

    // When an out-of-office reply arrives, followed by a normal mail as a marker of progress
    deliverToSupport(
        "From: "
            + "carla@smallfire.example"
            + "\r\nTo: "
            + SUPPORT
            + "\r\nSubject: Automatic reply: away\r\n"
            + "Message-ID: <ooo-1@smallfire.example>\r\nAuto-Submitted: auto-replied\r\n"
            + "\r\nI am out of the office until Monday.\r\n");
    deliverToSupport(
        mailFrom(
                "carla@smallfire.example",
                "Marker after out-of-office",
                "marker-ooo@smallfire.example",
                null)
            + "marker\r\n");
    awaitTicketWithSubject("Marker after out-of-office");

    // Then only the marker became a ticket and only its acknowledgement was sent
    assertThat(tickets()).hasSize(ticketsBefore + 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> mailsTo("carla@smallfire.example").size() >= mailsBefore + 1);
    assertThat(mailsTo("carla@smallfire.example")).hasSize(mailsBefore + 1);
  }

  @Test
  void acknowledgementsToOneAddressStopAtTheDailyCap() throws Exception {
    // Given an address that opens more tickets in a day than the cap of three allows
    String sender = "eve@smallfire.example";

    // When it sends four new mails
    for (int i = 1; i <= 4; i++) {
      deliverToSupport(
          mailFrom(sender, "Cap test " + i, "cap-" + i + "@smallfire.example", null) + "x\r\n");
    }

    // Then all four are tickets, but only three acknowledgements went back
    for (int i = 1; i <= 4; i++) {
      awaitTicketWithSubject("Cap test " + i);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(sender).size() >= 3);
    deliverToSupport(
        mailFrom("fay@smallfire.example", "Cap marker", "cap-marker@smallfire.example", null)
            + "x\r\n");
    awaitMailTo("fay@smallfire.example", "Cap marker");
    assertThat(mailsTo(sender)).hasSize(3);
  }

  @Test
  void mailFromAnUnknownSenderIsQuarantinedAndNotAnswered() throws Exception {
    // When a stranger writes to the support address
    deliverToSupport(
        mailFrom("someone@elsewhere.example", "Buy cheap panels", "spam-1@elsewhere.example", null)
            + "Offer\r\n");

    // Then it waits for ops as a dead letter naming the sender, and no ticket is opened
    JsonNode letter = gateway.awaitOpenDeadLetter("someone@elsewhere.example");
    assertThat(letter.get("reason").asText()).startsWith("quarantined: unknown sender");
    assertThat(tickets()).noneMatch(t -> t.get("subject").asText().contains("cheap panels"));
  }

  @Test
  void quarantinedMailBecomesATicketWhenReplayedAfterOpsAddTheSender() throws Exception {
    // Given a mail from a new customer address that no partner names yet
    deliverToSupport(
        mailFrom("lea@newcustomer.example", "Panel in hall C", "hall-c@newcustomer.example", null)
            + "Panel in hall C beeps.\r\n");
    JsonNode letter = gateway.awaitOpenDeadLetter("lea@newcustomer.example");
    long id = letter.get("id").asLong();

    // When ops replay it unchanged, it is still quarantined and says why
    var again = gateway.ops().post("/api/v1/dead-letters/" + id + "/replay", "{}");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.body()).contains("unknown sender lea@newcustomer.example");
    assertThat(tickets()).noneMatch(t -> t.get("subject").asText().equals("Panel in hall C"));

    // When ops add the domain to the partner's senders, reload, and replay
    Path file = config.resolve("connectors/smallfire.yml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "[\"@smallfire.example\"]", "[\"@smallfire.example\", \"@newcustomer.example\"]"));
    assertThat(gateway.ops().post("/api/v1/config/reload", "{}").status()).isEqualTo(200);
    var replayed =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> gateway.ops().post("/api/v1/dead-letters/" + id + "/replay", "{}"),
                answer -> answer.status() == 200);

    // Then the ticket exists and the dead letter is settled
    assertThat(replayed.json().get("state").asText()).isEqualTo("REPLAYED");
    awaitTicketWithSubject("Panel in hall C");
  }

  @Test
  void malformedMessageIsParkedWithItsReasonAndStaysFlaggedInTheMailbox() throws Exception {
    // When bytes that are no mail at all arrive
    deliverToSupport("\r\n\r\nthis has no header at all\r\n");

    // Then they are a dead letter saying why, and the message is flagged for a human
    JsonNode letter = gateway.awaitOpenDeadLetter("unreadable mail");
    assertThat(letter.get("rawInputId").isNumber()).isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> supportMessages().stream().anyMatch(EmailPartnerJourneyTest::flagged));
  }

  @Test
  void bounceOfOurMailIsNotedOnTheTicketWithoutReopeningIt() throws Exception {
    // Given a ticket the manufacturer has resolved, whose answer went out by mail
    deliverToSupport(
        mailFrom(
                "dmitri@smallfire.example",
                "Siren SR-5 too quiet",
                "siren-1@smallfire.example",
                null)
            + "Siren barely audible.\r\n");
    String ref = awaitTicketWithSubject("Siren SR-5 too quiet").get("ref").asText();
    gateway.agent().patch("/api/v1/tickets/" + ref, "{\"status\": \"RESOLVED\"}");
    MimeMessage statusMail = awaitMailTo("dmitri@smallfire.example", "[" + ref + "]", "resolved");
    String ourId = statusMail.getHeader("Message-ID", null);

    // When the partner's server bounces it back
    deliverToSupport(
        "From: Mail Delivery System <MAILER-DAEMON@smallfire.example>\r\n"
            + "To: "
            + SUPPORT
            + "\r\n"
            + "Subject: Undelivered Mail Returned to Sender\r\n"
            + "Message-ID: <bounce-1@smallfire.example>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n"
            + "\r\n--b\r\nContent-Type: text/plain\r\n\r\nMailbox full.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\n"
            + "Reporting-MTA: dns; mx.smallfire.example\r\n\r\n"
            + "Final-Recipient: rfc822; "
            + "dmitri@smallfire.example"
            + "\r\nAction: failed\r\nStatus: 5.2.2\r\n"
            + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\n"
            + "Message-ID: "
            + ourId
            + "\r\nSubject: ["
            + ref
            + "] Siren SR-5 too quiet\r\n"
            + "--b--\r\n");

    // Then the ticket's thread shows the failed delivery, and the ticket stays resolved
    JsonNode note = awaitComment(ref, "delivery report");
    assertThat(note.get("text").asText()).contains("5.2.2");
    assertThat(ticket(ref).get("status").asText()).isEqualTo("RESOLVED");
  }

  @Test
  void opsPreviewShowsWhatAReplyWouldBecomeWithoutStoringIt() throws Exception {
    // Given a ticket opened by mail
    String sender = "gina@smallfire.example";
    deliverToSupport(
        mailFrom(sender, "Smoke detector SD-3 dusty", "sd3-1@smallfire.example", null) + "x\r\n");
    String ref = awaitTicketWithSubject("Smoke detector SD-3 dusty").get("ref").asText();
    int ticketsBefore = tickets().size();

    // When ops preview a reply that names the ticket in its subject
    var answer =
        gateway
            .ops()
            .post(
                "/api/v1/mail/preview?partner=smallfire",
                mailFrom(
                        sender,
                        "Re: [" + ref + "] Smoke detector SD-3 dusty",
                        "sd3-2@smallfire.example",
                        null)
                    + "Cleaned it, works now.\r\n\r\nOn Fri, 27 Nov 2026 Support wrote:\r\n> x\r\n");

    // Then it says a reply to that ticket, why, and the visible text, and nothing was stored
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    JsonNode preview = answer.json();
    assertThat(preview.get("classification").asText()).isEqualTo("reply");
    assertThat(preview.at("/threading/ticket").asText()).isEqualTo(ref);
    assertThat(preview.at("/threading/steps").toString()).contains("subject token [" + ref + "]");
    assertThat(preview.get("visibleReply").asText()).isEqualTo("Cleaned it, works now.");
    assertThat(preview.get("partner").asText()).isEqualTo("smallfire");
    assertThat(tickets()).hasSize(ticketsBefore);
    assertThat(comments(ref)).noneMatch(c -> c.get("text").asText().contains("Cleaned it"));
  }

  @Test
  void previewIsForOpsOnly() {
    // When a manufacturer agent, not ops, asks for a preview
    var answer = gateway.agent().post("/api/v1/mail/preview", "Subject: x\r\n\r\nx");

    // Then it is refused
    assertThat(answer.status()).isEqualTo(403);
  }

  @Test
  void unreachableMailboxShowsThePartnerDownWithTheReason() {
    // When the partner list is read while one partner's IMAP server refuses connections
    // Then that partner is reported down with the reason, and the working one up
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode partners = gateway.ops().get("/api/v1/partners").json().get("partners");
              JsonNode deadbox = null;
              JsonNode smallfire = null;
              for (JsonNode partner : partners) {
                if (partner.get("id").asText().equals("deadbox")) {
                  deadbox = partner;
                } else if (partner.get("id").asText().equals("smallfire")) {
                  smallfire = partner;
                }
              }
              assertThat(deadbox.at("/health/up").asBoolean()).isFalse();
              assertThat(deadbox.at("/health/detail").asText()).contains("poll failed");
              assertThat(smallfire.at("/health/up").asBoolean()).isTrue();
            });
  }

  // --- the partner's and the support mailbox's side

  private static String mailFrom(String from, String subject, String messageId, String inReplyTo) {
    return "From: Tech <"
        + from
        + ">\r\n"
        + "To: "
        + SUPPORT
        + "\r\n"
        + "Subject: "
        + subject
        + "\r\n"
        + "Message-ID: <"
        + messageId
        + ">\r\n"
        + (inReplyTo == null
            ? ""
            : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n"
        + "\r\n";
  }

  private static int portNobodyListensOn() throws java.io.IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void deliverToSupport(String raw) throws Exception {
    MimeMessage message =
        new MimeMessage(
            Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    mail.getUserManager().getUser(SUPPORT).deliver(message);
  }

  private static List<MimeMessage> mailsTo(String address) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage m : mail.getReceivedMessages()) {
      for (var to : m.getAllRecipients()) {
        if (to.toString().contains(address)) {
          found.add(m);
        }
      }
    }
    return found;
  }

  private static MimeMessage awaitMailTo(String address, String... contains) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              for (MimeMessage m : mailsTo(address)) {
                String whole =
                    m.getSubject()
                        + "\n"
                        + new String(m.getRawInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (List.of(contains).stream().allMatch(whole::contains)) {
                  return m;
                }
              }
              return null;
            },
            m -> m != null);
  }

  private static List<Message> supportMessages() throws Exception {
    Properties props = new Properties();
    Store store = Session.getInstance(props).getStore("imap");
    store.connect("127.0.0.1", mail.getImap().getPort(), SUPPORT, "mailbox-secret");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<Message> messages = new ArrayList<>();
      for (Message m : inbox.getMessages()) {
        messages.add(
            new MimeMessage((MimeMessage) m) {
              final boolean flagged = m.isSet(Flags.Flag.FLAGGED);

              @Override
              public boolean isSet(Flags.Flag flag) {
                return flag == Flags.Flag.FLAGGED ? flagged : false;
              }
            });
      }
      inbox.close(false);
      return messages;
    } finally {
      store.close();
    }
  }

  private static boolean flagged(Message message) {
    try {
      return message.isSet(Flags.Flag.FLAGGED);
    } catch (Exception e) {
      return false;
    }
  }

  // --- the manufacturer's side

  private static List<JsonNode> tickets() {
    JsonNode items = gateway.agent().get("/api/v1/tickets?limit=200").json().get("items");
    return StreamSupport.stream(items.spliterator(), false).toList();
  }

  private static JsonNode ticket(String ref) {
    return gateway.agent().get("/api/v1/tickets/" + ref).json();
  }

  private static JsonNode awaitTicketWithSubject(String subject) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                tickets().stream()
                    .filter(t -> t.get("subject").asText().equals(subject))
                    .findFirst()
                    .map(t -> ticket(t.get("ref").asText()))
                    .orElse(null),
            t -> t != null);
  }

  private static List<JsonNode> comments(String ref) {
    return StreamSupport.stream(ticket(ref).get("comments").spliterator(), false).toList();
  }

  private static JsonNode awaitComment(String ref, String text) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                StreamSupport.stream(ticket(ref).get("comments").spliterator(), false)
                    .filter(c -> c.get("text").asText().contains(text))
                    .findFirst()
                    .orElse(null),
            c -> c != null);
  }
}
