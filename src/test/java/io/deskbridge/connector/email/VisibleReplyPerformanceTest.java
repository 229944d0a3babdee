package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reply extraction runs for every incoming mail, so hostile or huge bodies must stay cheap. */
class VisibleReplyPerformanceTest {

  private static final Path CORPUS = Path.of("../shared/corpus/email");

  @Test
  void readsTheRegexBacktrackingStressMailWithinASecond() throws IOException {
    // Given
    String mail = read(CORPUS.resolve("github-email_reply_parser/emails/pathological.txt"));

    // When
    long started = System.nanoTime();
    String reply = VisibleReply.fromText(mail);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Then
    assertThat(reply).isNotEmpty();
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void readsTheLongQuoteMailWithinASecond() throws IOException {
    // Given
    String mail = read(CORPUS.resolve("github-email_reply_parser/emails/email_long_quote.txt"));

    // When
    long started = System.nanoTime();
    String reply = VisibleReply.fromText(mail);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Then
    assertThat(reply).isNotEmpty();
    assertThat(took).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void readsHugeLinesOfRepeatedHeaderCharactersWithinTwoSeconds() {
    // Given
    String mail = hostileMail(1);

    // When
    long started = System.nanoTime();
    String reply = VisibleReply.fromText(mail);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Then
    assertThat(reply).startsWith("Works.");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void readsHugeHtmlOfRepeatedHeaderCharactersWithinTwoSeconds() {
    // Given
    String html = "<div>" + hostileMail(4).replace("\n", "<br>") + "</div>";

    // When
    long started = System.nanoTime();
    String reply = VisibleReply.fromHtml(html);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // Then
    assertThat(reply).startsWith("Works.");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
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

  @Test
  void handlesAtLeast300CorpusMailsPerSecond() throws IOException {
    // Given
    List<String> texts = new ArrayList<>();
    List<String> htmls = new ArrayList<>();
    try (Stream<Path> files = Files.walk(CORPUS)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (!isReplyCorpus(file) || name.endsWith(".json") || name.startsWith("LICENSE")) {
          continue;
        }
        (name.endsWith(".html") ? htmls : texts).add(read(file));
      }
    }
    for (int round = 0; round < 5; round++) {
      runAll(texts, htmls);
    }

    // When
    int rounds = 20;
    long started = System.nanoTime();
    for (int round = 0; round < rounds; round++) {
      runAll(texts, htmls);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double mailsPerSecond = rounds * (texts.size() + htmls.size()) / seconds;
    System.out.printf(
        "visible reply throughput: %.0f mails/s over %d corpus mails%n",
        mailsPerSecond, texts.size() + htmls.size());

    // Then
    assertThat(mailsPerSecond).isGreaterThanOrEqualTo(300);
  }

  private static boolean isReplyCorpus(Path file) {
    String path = file.toString();
    return path.contains("github-email_reply_parser")
        || path.contains("mailgun-talon")
        || path.contains("willdurand-EmailReplyParser")
        || path.contains("crisp-oss-email-reply-parser");
  }

  private static void runAll(List<String> texts, List<String> htmls) {
    for (String text : texts) {
      VisibleReply.fromText(text);
    }
    for (String html : htmls) {
      VisibleReply.fromHtml(html);
    }
  }

  private static String read(Path file) throws IOException {
    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
  }
}
