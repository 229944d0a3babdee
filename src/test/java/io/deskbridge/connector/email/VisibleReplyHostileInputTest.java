package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reply extraction runs on every incoming mail, so hostile or huge bodies must not trap it: these
 * are the inputs that make naive quote patterns backtrack for ever. A regression shows as a test
 * that does not finish; how fast replies are read is the mail ingest benchmark's business.
 */
class VisibleReplyHostileInputTest {

  private static final Path CORPUS = Path.of("../shared/corpus/email");

  @Test
  void readsTheRegexBacktrackingStressMail() throws IOException {
    // Given
    String mail = read(CORPUS.resolve("github-email_reply_parser/emails/pathological.txt"));

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isNotEmpty();
  }

  @Test
  void readsTheLongQuoteMail() throws IOException {
    // Given
    String mail = read(CORPUS.resolve("github-email_reply_parser/emails/email_long_quote.txt"));

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).isNotEmpty();
  }

  @Test
  void readsHugeLinesOfRepeatedHeaderCharacters() {
    // Given
    String mail = hostileMail(1);

    // When
    String reply = VisibleReply.fromText(mail);

    // Then
    assertThat(reply).startsWith("Works.");
  }

  @Test
  void readsHugeHtmlOfRepeatedHeaderCharacters() {
    // Given
    String html = "<div>" + hostileMail(4).replace("\n", "<br>") + "</div>";

    // When
    String reply = VisibleReply.fromHtml(html);

    // Then
    assertThat(reply).startsWith("Works.");
  }

  /** About 1.5 MB of lines that start or end like quote headers, divided by {@code shrink}. */
  private static String hostileMail(int shrink) {
    return "Works.\n"
        + "On ".repeat(100_000 / shrink)
        + "\n"
        + "-".repeat(200_000 / shrink)
        + " Original "
        + "-".repeat(200_000 / shrink)
        + "\n"
        + "From: ".repeat(50_000 / shrink)
        + "\n"
        + "Sent from my ".repeat(50_000 / shrink)
        + "\n"
        + " ".repeat(200_000 / shrink)
        + "x\n"
        + "> a\n".repeat(50_000 / shrink);
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
