package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deskbridge.connector.email.MailClassification.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The classifier against mail collected from real servers by other projects: every message of the
 * sisimai set that has an expectation (bounces from many servers, RFC 3834 auto-replies, ARF
 * complaints, a mail that is not a bounce), and Zammad's bounce-threading cases.
 */
class AutomaticMailCorpusTest {

  private static final Path SISIMAI = Path.of("../shared/corpus/email/sisimai-set-of-emails");
  private static final Path ZAMMAD = Path.of("../shared/corpus/email/zammad");

  private static final Pattern MESSAGE_ID_LINE =
      Pattern.compile("(?im)^[ \\t>]*Message-ID:[ \\t]*<?([^<>\\s]+@[^<>\\s]+?)>?[ \\t]*$");
  private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]+)>");
  private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n\\r?\\n");
  private static final Pattern SOFT_LINE_BREAK = Pattern.compile("=\\r?\\n");

  private final MailClassifier classifier = new MailClassifier();
  private final ObjectMapper json = new ObjectMapper();

  /** What sisimai's expectation says a message is, as the kind the gateway gives it. */
  private enum Category {
    BOUNCES("sisimai bounces", Kind.BOUNCE),
    VACATION("vacation", Kind.AUTO_REPLY),
    FEEDBACK("feedback", Kind.COMPLAINT),
    NOT_BOUNCES("not-bounces", Kind.PERSONAL);

    final String label;
    final Kind kind;

    Category(String label, Kind kind) {
      this.label = label;
      this.kind = kind;
    }

    /**
     * No recipient: not a bounce (maildir/not). Every recipient 'vacation': an RFC 3834 auto-reply;
     * 'feedback': an ARF report. Any other reason is a bounce, including 'delivered', a success
     * report, which the classifier calls a bounce with a reason that says so.
     */
    static Category of(JsonNode expectation) {
      Set<String> reasons = reasons(expectation);
      if (reasons.isEmpty()) {
        return NOT_BOUNCES;
      }
      if (reasons.equals(Set.of("vacation"))) {
        return VACATION;
      }
      if (reasons.equals(Set.of("feedback"))) {
        return FEEDBACK;
      }
      return BOUNCES;
    }
  }

  @Test
  void everySisimaiMessageIsClassifiedAsItsExpectationSays() throws IOException {
    // Given every message sisimai has an expectation for
    JsonNode files = json.readTree(SISIMAI.resolve("expectations.json").toFile()).path("files");
    Map<Category, int[]> tally = new LinkedHashMap<>();
    for (Category category : Category.values()) {
      tally.put(category, new int[2]);
    }
    List<String> misses = new ArrayList<>();
    int quoting = 0;
    int threaded = 0;

    // When each is read and classified
    for (Map.Entry<String, JsonNode> entry : files.properties()) {
      String name = entry.getKey();
      Category category = Category.of(entry.getValue());
      byte[] raw = Files.readAllBytes(SISIMAI.resolve(name));
      tally.get(category)[1]++;
      ParsedMail mail;
      try {
        mail = new MailParser().parse(raw);
      } catch (UnreadableMailException e) {
        misses.add(name + ": unreadable: " + e.getMessage());
        continue;
      }
      MailClassification result = classifier.classify(mail);
      if (result.kind() != category.kind) {
        misses.add(name + ": expected " + category.kind + ", got " + result);
        continue;
      }
      if (onlyDelivered(entry.getValue()) && !result.reason().contains("success report")) {
        misses.add(name + ": a success report whose reason does not say so: " + result.reason());
        continue;
      }
      tally.get(category)[0]++;
      if (result.kind() == Kind.BOUNCE || result.kind() == Kind.COMPLAINT) {
        Set<String> quoted = quotedMessageIds(raw);
        if (!quoted.isEmpty()) {
          quoting++;
          if (quoted.contains(result.originalMessageId())) {
            threaded++;
          }
        }
      }
    }

    // Then every one is what its expectation says
    tally.forEach(
        (category, counts) ->
            System.out.printf("%s: %d/%d%n", category.label, counts[0], counts[1]));
    System.out.printf(
        "sisimai original Message-ID found: %d/%d reports that quote one%n", threaded, quoting);
    assertThat(misses).as("misclassified or unreadable corpus messages").isEmpty();
    tally.forEach(
        (category, counts) -> assertThat(counts[1]).as(category.label + " present").isPositive());
  }

  @Test
  void zammadBouncesThreadToTheOriginalMessage() throws IOException {
    // Given Zammad's cases where a bounce must join the ticket of the message that bounced;
    // the other behaviour entries (ServiceNow and Jira follow-ups) are about threading by
    // external ids, not about telling automatic mail apart, and are not used here.
    JsonNode behaviour =
        json.readTree(ZAMMAD.resolve("spec_expectations.json").toFile()).path("behaviour");
    int bounces = 0;
    int threaded = 0;
    List<String> misses = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : behaviour.properties()) {
      String kind = entry.getValue().path("kind").asText();
      if (!kind.startsWith("bounce")) {
        continue;
      }
      bounces++;
      Matcher id = ANGLE_ID.matcher(entry.getValue().path("rule").asText());
      assertThat(id.find()).as(entry.getKey() + " names the original Message-ID").isTrue();

      // When the bounce is classified
      MailClassification result = classify(ZAMMAD.resolve("mail").resolve(entry.getKey()));

      // Then it is a bounce about the original message
      if (result.kind() == Kind.BOUNCE && id.group(1).equals(result.originalMessageId())) {
        threaded++;
      } else {
        misses.add(entry.getKey() + ": expected bounce about " + id.group(1) + ", got " + result);
      }
    }
    System.out.printf("zammad bounce threading: %d/%d%n", threaded, bounces);
    assertThat(bounces).isPositive();
    assertThat(misses).isEmpty();
  }

  @Test
  void zammadReplyOfAPersonStaysPersonal() throws IOException {
    // Given the Zammad cases a person wrote in reply to a ticket
    JsonNode behaviour =
        json.readTree(ZAMMAD.resolve("spec_expectations.json").toFile()).path("behaviour");
    List<String> replies = new ArrayList<>();
    behaviour
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("kind").asText().startsWith("reply")) {
                replies.add(e.getKey());
              }
            });
    assertThat(replies).isNotEmpty();

    for (String name : replies) {
      // When it is classified
      MailClassification result = classify(ZAMMAD.resolve("mail").resolve(name));

      // Then it is personal
      assertThat(result.kind()).as(name).isEqualTo(Kind.PERSONAL);
    }
  }

  private static boolean onlyDelivered(JsonNode expectation) {
    return reasons(expectation).equals(Set.of("delivered"));
  }

  /** Sisimai's reasons for the recipients of one message. */
  private static Set<String> reasons(JsonNode expectation) {
    Set<String> reasons = new HashSet<>();
    expectation.path("recipients").forEach(r -> reasons.add(r.path("reason").asText()));
    return reasons;
  }

  private MailClassification classify(Path file) throws IOException {
    try {
      return classifier.classify(new MailParser().parse(Files.readAllBytes(file)));
    } catch (UnreadableMailException e) {
      throw new AssertionError(file + " is unreadable", e);
    }
  }

  /**
   * The Message-IDs quoted in a report's raw body, read without the parser: those the original
   * message could have. (Some anonymised reports quote their own Message-ID there; some returned
   * messages are quoted-printable, whose soft line breaks may split an id.)
   */
  private static Set<String> quotedMessageIds(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    Matcher headerEnd = BLANK_LINE.matcher(text);
    String body = headerEnd.find() ? text.substring(headerEnd.end()) : text;
    Set<String> ids = new HashSet<>();
    for (String variant : List.of(body, SOFT_LINE_BREAK.matcher(body).replaceAll(""))) {
      Matcher m = MESSAGE_ID_LINE.matcher(variant);
      while (m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }
}
