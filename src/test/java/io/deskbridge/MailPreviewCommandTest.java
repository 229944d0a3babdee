package io.deskbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code mail-preview FILE.eml} shows ops what the gateway makes of a message, from the example
 * email partner's configuration alone: no gateway, no mailbox, no password.
 */
class MailPreviewCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private JsonNode preview(String file) throws IOException {
    int exit =
        MailPreviewCommand.run(
            new String[] {"--config-dir", "examples/email", "examples/email/mail/" + file},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void firstMailOfAPartnerBecomesANewTicket() throws IOException {
    // When ops preview a Russian partner's first mail
    JsonNode preview = preview("new-ticket.eml");

    // Then it is a new ticket of that partner, with the decoded subject and text
    assertThat(preview.get("classification").asText()).isEqualTo("new ticket");
    assertThat(preview.get("partner").asText()).isEqualTo("smallfire");
    assertThat(preview.get("subject").asText()).isEqualTo("Панель FP-2000 показывает ошибку");
    assertThat(preview.get("text").asText()).contains("замыкание на землю в шлейфе 2");
  }

  @Test
  void russianOutlookReplyThreadsByOurMessageIdAndKeepsOnlyTheNewText() throws IOException {
    // When ops preview a reply written in Russian Outlook above the quoted answer
    JsonNode preview = preview("reply-outlook-ru.eml");

    // Then it joins the ticket our mail was about, and only the new text is kept
    assertThat(preview.get("classification").asText()).isEqualTo("reply");
    assertThat(preview.at("/threading/ticket").asText()).isEqualTo("DB-000001");
    assertThat(preview.at("/threading/steps/0").asText())
        .isEqualTo(
            "In-Reply-To <deskbridge.DB-000001.c7@maker.example> is our mail about DB-000001");
    assertThat(preview.get("visibleReply").asText())
        .isEqualTo("Перемычку J3 заменили, ошибка больше не появляется. Спасибо!");
    assertThat(preview.get("store").asText()).startsWith("not consulted");
  }

  @Test
  void outOfOfficeAnswerIsAnAutoReplyThatOpensNothing() throws IOException {
    JsonNode preview = preview("out-of-office.eml");

    assertThat(preview.get("classification").asText()).isEqualTo("auto-reply");
    assertThat(preview.get("evidence").asText()).contains("Auto-Submitted");
    assertThat(preview.get("outcome").asText()).startsWith("automatic mail: no ticket, no answer");
  }

  @Test
  void mailFromSomeoneNoPartnerNamesIsAnUnknownSender() throws IOException {
    JsonNode preview = preview("stranger.eml");

    assertThat(preview.get("classification").asText()).isEqualTo("unknown sender");
    assertThat(preview.get("outcome").asText()).contains("offers@cheap-panels.example");
  }

  @Test
  void missingFileIsNamed() {
    int exit =
        MailPreviewCommand.run(
            new String[] {"--config-dir", "examples/email", "no-such.eml"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("no-such.eml: cannot be read");
  }
}
