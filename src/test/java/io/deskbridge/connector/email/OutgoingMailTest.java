package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own mail, as the partner's mail client will read it: built into MIME, then read
 * back with the same reader the gateway uses for incoming mail.
 */
class OutgoingMailTest {

  private final MailTemplates templates = new MailTemplates();

  private ParsedMail sentAndReadBack(OutgoingMail mail) throws Exception {
    MimeMessage mime = mail.toMime(Session.getInstance(new Properties()));
    mime.saveChanges();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    mime.writeTo(raw);
    return new MailParser().parse(raw.toByteArray());
  }

  private OutgoingMail answer(boolean automatic, List<OutgoingMail.File> files) {
    return new OutgoingMail(
        new MailAddress("support@maker.example", null),
        "Support",
        List.of("ivan@smallfire.example"),
        templates.render(
            "ru",
            "comment",
            Map.of(
                "ref", "DB-000042",
                "subject", "Панель FP-2000 показывает ошибку",
                "text", "Проверьте перемычку J3.",
                "author", "Анна")),
        "deskbridge.DB-000042.c7@maker.example",
        "fp-1@smallfire.example",
        List.of("fp-1@smallfire.example", "deskbridge.DB-000042.opened@maker.example"),
        automatic,
        files,
        Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Test
  void answerCarriesTheTokenItsIdsAndTheMarkerInBothParts() throws Exception {
    // When a Russian answer is sent
    ParsedMail read = sentAndReadBack(answer(false, List.of()));

    // Then the partner reads the token in the subject, the fixed ids that thread it, and the text
    assertThat(read.subject()).isEqualTo("[DB-000042] Панель FP-2000 показывает ошибку");
    assertThat(read.messageId()).isEqualTo("deskbridge.DB-000042.c7@maker.example");
    assertThat(read.inReplyTo()).isEqualTo("fp-1@smallfire.example");
    assertThat(read.references())
        .containsExactly("fp-1@smallfire.example", "deskbridge.DB-000042.opened@maker.example");
    assertThat(read.text())
        .startsWith(VisibleReply.REPLY_ABOVE_MARKER_RU)
        .contains("Проверьте перемычку J3.");
    assertThat(read.html()).contains("Проверьте перемычку J3.");
    // and a person's answer is not marked automatic
    assertThat(read.headers().has("Auto-Submitted")).isFalse();
  }

  @Test
  void automaticMailIsMarkedSoOtherSystemsDoNotAnswerIt() throws Exception {
    ParsedMail read = sentAndReadBack(answer(true, List.of()));

    assertThat(read.headers().first("Auto-Submitted")).isEqualTo("auto-replied");
    assertThat(read.headers().first("X-Auto-Response-Suppress")).isEqualTo("All");
    assertThat(new MailClassifier().classify(read).kind())
        .isEqualTo(MailClassification.Kind.AUTO_REPLY);
  }

  @Test
  void filesKeepTheirNonLatinNamesAndBytes() throws Exception {
    byte[] pdf = "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII);

    ParsedMail read =
        sentAndReadBack(
            answer(false, List.of(new OutgoingMail.File("Протокол.pdf", "application/pdf", pdf))));

    assertThat(read.attachments()).hasSize(1);
    assertThat(read.attachments().get(0).name()).isEqualTo("Протокол.pdf");
    assertThat(read.attachments().get(0).mediaType()).isEqualTo("application/pdf");
    assertThat(read.attachments().get(0).content()).isEqualTo(pdf);
  }

  @Test
  void ourOwnAnswerQuotedBelowAReplyIsCutAtTheMarker() throws Exception {
    // Given our answer as the partner's client quotes it under a reply written on top
    ParsedMail ours = sentAndReadBack(answer(false, List.of()));
    String reply = "Заменили, работает.\n\n" + ours.text();

    // Then only the reply is visible
    assertThat(VisibleReply.fromText(reply)).isEqualTo("Заменили, работает.");
  }

  @Test
  void statusNamesAreInThePartnersLanguage() {
    assertThat(templates.statusName("ru", "WAITING_ON_PARTNER")).isEqualTo("ожидает вашего ответа");
    assertThat(templates.statusName("en", "RESOLVED")).isEqualTo("resolved");
  }
}
