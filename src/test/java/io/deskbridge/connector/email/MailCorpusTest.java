package io.deskbridge.connector.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Runs the reader over the shared real-world corpus ({@code ../shared/corpus/email}) and compares
 * what it reads with what the corpus's own projects expect: subject, sender, the meaning of the
 * body, and the attachments' names and sizes.
 */
class MailCorpusTest {

  private static final Path EMAIL = Path.of("..", "shared", "corpus", "email");

  /**
   * Share of the expected body's words that must appear in the body read. Bodies are compared by
   * meaning, not bytes: the corpora's renderings (Zammad's sanitised HTML, stripped tags) differ in
   * markup and spacing from ours, never in words.
   */
  private static final double WORDS_PRESENT = 0.95;

  private final MailParser parser = new MailParser();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void noCorpusMailMakesTheReaderThrowAnythingButUnreadableMail() throws IOException {
    // Given every mail file of the MIME corpora
    List<Path> files = new ArrayList<>();
    files.addAll(list(EMAIL.resolve("zammad/mail"), ".box"));
    files.addAll(list(EMAIL.resolve("apache-james-mime4j/testmsgs"), ".msg"));
    files.addAll(list(EMAIL.resolve("apache-james-mime4j/mimetools-testmsgs"), ".msg"));
    files.addAll(list(EMAIL.resolve("zbateson-mail-mime-parser/emails"), ".txt"));
    assertThat(files).hasSizeGreaterThan(200);
    List<String> failures = new ArrayList<>();

    List<byte[]> mails = new ArrayList<>();
    for (Path file : files) {
      mails.add(Files.readAllBytes(file));
    }

    // When each is read
    for (int i = 0; i < mails.size(); i++) {
      Path file = files.get(i);
      try {
        parser.parse(mails.get(i));
      } catch (UnreadableMailException controlled) {
        assertThat(controlled.getMessage()).isNotBlank();
      } catch (RuntimeException | Error unexpected) {
        failures.add(file + ": " + unexpected);
      }
    }

    // Then nothing else escapes
    assertThat(failures).isEmpty();
  }

  @Test
  void theCorporaMatchTheirExpectationsAtLeastNinetyEightPercent() throws IOException {
    // Given the corpora with their expectations
    List<CorpusScore> scores = List.of(zammad(), mime4j(), zbateson(), tnef());

    // When the figures are summed up
    int checked = 0;
    int matched = 0;
    int aspects = 0;
    int aspectsMatched = 0;
    for (CorpusScore score : scores) {
      System.out.println(score.line());
      score.misses.forEach(miss -> System.out.println("  miss " + miss));
      score.skipped.forEach(skip -> System.out.println("  n/a  " + skip));
      checked += score.checked;
      matched += score.matched;
      aspects += score.aspects;
      aspectsMatched += score.aspectsMatched;
    }
    double overall = 100.0 * aspectsMatched / aspects;
    System.out.printf(
        Locale.ROOT,
        "overall: %d/%d messages match on every aspect (%.1f%%); %d/%d aspects match (%.1f%%)%n",
        matched,
        checked,
        100.0 * matched / checked,
        aspectsMatched,
        aspects,
        overall);

    // Then at least 98 % of them read as expected
    assertThat(overall).isGreaterThanOrEqualTo(98.0);
  }

  // ---- Zammad -------------------------------------------------------------------------------

  private CorpusScore zammad() throws IOException {
    CorpusScore score = new CorpusScore("zammad");
    Path root = EMAIL.resolve("zammad");
    JsonNode expectations = json.readTree(root.resolve("expectations.json").toFile());
    for (Iterator<Map.Entry<String, JsonNode>> it = expectations.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().startsWith("_")) {
        continue;
      }
      JsonNode expected = entry.getValue();
      byte[] raw = Files.readAllBytes(root.resolve(expected.get("mail_file").asText()));
      List<String> differences = new ArrayList<>();
      ParsedMail mail;
      try {
        mail = parser.parse(raw);
      } catch (UnreadableMailException e) {
        score.record(entry.getKey(), 4, List.of("unreadable: " + e.getMessage()));
        continue;
      }
      sameText("subject", utf7Left(text(expected, "subject")), mail.subject(), differences);
      sameText(
          "from",
          // An address written in quotes is the same address.
          text(expected, "from_email").toLowerCase(Locale.ROOT).replace("\"", ""),
          mail.from() == null ? "" : mail.from().address(),
          differences);
      sameText(
          "from name",
          unquoted(text(expected, "from_display_name")),
          mail.from() == null || mail.from().name() == null ? "" : unquoted(mail.from().name()),
          differences);
      boolean html = text(expected, "content_type").equals("text/html");
      String expectedBody =
          utf7Left(html ? HtmlText.of(text(expected, "body")) : text(expected, "body"));
      String body = html && mail.html() != null ? HtmlText.of(mail.html()) : mail.text();
      if (expectedBody.strip().equals("no visible content")) {
        // Zammad's placeholder for a mail without body text.
        if (!body.isBlank()) {
          differences.add("body text where Zammad found none: " + squeeze(body));
        }
      } else {
        sameMeaning(expectedBody, body, differences);
      }
      zammadAttachments(expected.path("attachments"), mail, differences);
      score.record(entry.getKey(), 4, differences);
    }
    return score;
  }

  private static final Pattern UTF7_RUN = Pattern.compile("\\+A[A-Za-z0-9+/]{2,}-");

  /**
   * Zammad's mail library has no UTF-7 and leaves such text as it was sent ("+ANw-bermittlung");
   * the gateway decodes it, so the expectation is read as the UTF-7 it is.
   */
  private static String utf7Left(String expected) {
    return UTF7_RUN.matcher(expected).find() ? Utf7.decode(expected) : expected;
  }

  private static void zammadAttachments(JsonNode expected, ParsedMail mail, List<String> out) {
    List<MailAttachment> left = new ArrayList<>(mail.attachments());
    int files = 0;
    for (JsonNode attachment : expected) {
      String name = attachment.get("filename").asText();
      JsonNode preferences = attachment.path("preferences");
      if (preferences.path("content-alternative").asBoolean(false)
          && preferences.path("original-format").asBoolean(false)) {
        // Zammad stores the original HTML body as a file "message.html"; the gateway keeps it
        // in ParsedMail.html, so this expectation is checked as "the mail has an HTML body".
        if (mail.html() == null) {
          out.add("body: no HTML where Zammad kept " + name);
        }
        continue;
      }
      files++;
      int size = attachment.get("size").asInt();
      String md5 = attachment.get("md5").asText();
      MailAttachment found =
          left.stream().filter(a -> sameFile(a.content(), size, md5)).findFirst().orElse(null);
      if (found == null) {
        out.add("attachment " + name + " (" + size + " bytes) not found in " + describe(left));
        continue;
      }
      left.remove(found);
      // "file" is Zammad's own placeholder for a part that came without a name.
      if (!name.equals("file") && !nfc(name).equals(nfc(found.name()))) {
        out.add("attachment named " + found.name() + ", expected " + name);
      }
    }
    if (mail.attachments().size() != files) {
      out.add("attachments " + describe(mail.attachments()) + ", expected " + files);
    }
  }

  /**
   * Zammad's mail library stores parts that were not base64-encoded with LF line ends, where the
   * gateway keeps the CRLF of the wire; both are the same file.
   */
  private static boolean sameFile(byte[] content, int size, String md5) {
    if (content.length == size && md5(content).equals(md5)) {
      return true;
    }
    byte[] lf =
        new String(content, StandardCharsets.ISO_8859_1)
            .replace("\r\n", "\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    return lf.length == size && md5(lf).equals(md5);
  }

  // ---- Apache James mime4j ------------------------------------------------------------------

  private static final Pattern FIELD =
      Pattern.compile("<field>\\s*([^:]+):(.*?)</field>", Pattern.DOTALL);
  private static final Pattern BODY_REF = Pattern.compile("<(text|binary)-body name=\"([^\"]+)\"");

  private CorpusScore mime4j() throws IOException {
    CorpusScore score = new CorpusScore("apache-james-mime4j");
    Path root = EMAIL.resolve("apache-james-mime4j");
    JsonNode files = json.readTree(root.resolve("expectations.json").toFile()).get("files");
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      byte[] raw = Files.readAllBytes(root.resolve(entry.getKey()));
      JsonNode expected = entry.getValue();
      ParsedMail mail;
      try {
        mail = parser.parse(raw);
      } catch (UnreadableMailException e) {
        if (!startsWithHeader(raw)) {
          // mime4j reads header-less bytes as a body-only message; the gateway's contract is to
          // refuse bytes without a header, so this file's expectation does not apply.
          score.skip(entry.getKey(), "no header, refused by design (" + e.getMessage() + ")");
        } else {
          score.record(entry.getKey(), 3, List.of("unreadable: " + e.getMessage()));
        }
        continue;
      }
      List<String> differences = new ArrayList<>();
      String structure =
          Files.readString(
              root.resolve(expected.get("decoded_structure_xml").asText()), StandardCharsets.UTF_8);
      String topHeader = structure.substring(0, Math.max(0, structure.indexOf("</header>")));
      String subject = topField(topHeader, "Subject");
      if (subject != null) {
        sameText(
            "subject",
            DecoderUtil.decodeEncodedWords(subject.strip(), DecodeMonitor.SILENT),
            mail.subject(),
            differences);
      }
      String from = topField(topHeader, "From");
      if (from != null && mail.from() == null) {
        differences.add("from: none, expected " + from.strip());
      } else if (from != null && !from.toLowerCase(Locale.ROOT).contains(mail.from().address())) {
        differences.add("from " + mail.from().address() + ", expected " + from.strip());
      }
      Leaves leaves = new Leaves();
      leaves.add(mail, parser);
      Matcher ref = BODY_REF.matcher(structure);
      while (ref.find()) {
        Path part = root.resolve(entry.getKey()).resolveSibling(ref.group(2));
        byte[] bytes = Files.readAllBytes(part);
        if (ref.group(1).equals("binary")) {
          if (!leaves.hasBytes(bytes)) {
            differences.add("part " + part.getFileName() + " (binary) not found");
          }
        } else if (!leaves.hasText(new String(bytes, StandardCharsets.UTF_8))) {
          differences.add("part " + part.getFileName() + " (text) not found");
        }
      }
      int aspects = 1 + (subject == null ? 0 : 1) + (from == null ? 0 : 1);
      score.record(entry.getKey(), aspects, differences);
    }
    return score;
  }

  private static String topField(String header, String name) {
    Matcher field = FIELD.matcher(header);
    while (field.find()) {
      if (field.group(1).strip().equalsIgnoreCase(name)) {
        return Jsoup.parse(field.group(2)).text();
      }
    }
    return null;
  }

  private static boolean startsWithHeader(byte[] raw) {
    String start = new String(raw, 0, Math.min(raw.length, 200), StandardCharsets.ISO_8859_1);
    return start.matches("(?s)[\\r\\n]*[!-9;-~]+[ \\t]*:.*");
  }

  /** Every decoded piece of a message, nested messages included, to find an expected part in. */
  private static final class Leaves {
    final List<String> texts = new ArrayList<>();
    final List<byte[]> contents = new ArrayList<>();

    void add(ParsedMail mail, MailParser parser) {
      texts.add(mail.text());
      if (mail.html() != null) {
        texts.add(mail.html());
      }
      for (MailAttachment attachment : mail.attachments()) {
        contents.add(attachment.content());
        texts.add(MailCharsets.decode(attachment.content(), null, new ArrayList<>()));
        if (attachment.mediaType().equals("message/rfc822")) {
          try {
            add(parser.parse(attachment.content()), parser);
          } catch (UnreadableMailException notAMessage) {
            // Kept as bytes above.
          }
        }
      }
    }

    boolean hasBytes(byte[] expected) {
      return contents.stream().anyMatch(c -> java.util.Arrays.equals(c, expected))
          || hasText(new String(expected, StandardCharsets.UTF_8));
    }

    /**
     * Whether some piece holds the text. Some of mime4j's expected files were written with a
     * replacement character for every non-ASCII one; that character stands for any one here.
     */
    boolean hasText(String expected) {
      String wanted = squeeze(expected);
      if (wanted.indexOf('\ufffd') < 0) {
        return texts.stream().anyMatch(t -> squeeze(t).contains(wanted));
      }
      StringBuilder regex = new StringBuilder();
      for (String piece : wanted.split("\ufffd", -1)) {
        regex.append(regex.length() == 0 ? "" : ".").append(Pattern.quote(piece));
      }
      Pattern pattern = Pattern.compile(regex.toString(), Pattern.DOTALL);
      return texts.stream().anyMatch(t -> pattern.matcher(squeeze(t)).find());
    }
  }

  // ---- zbateson mail-mime-parser ------------------------------------------------------------

  private CorpusScore zbateson() throws IOException {
    CorpusScore score = new CorpusScore("zbateson-mail-mime-parser");
    Path root = EMAIL.resolve("zbateson-mail-mime-parser");
    Path emails = root.resolve("emails");
    JsonNode files = json.readTree(root.resolve("expectations.json").toFile()).get("files");
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode expected = entry.getValue().get("expected");
      Path mailFile = emails.resolve(entry.getKey());
      if (!Files.isRegularFile(mailFile)) {
        score.skip(entry.getKey(), "listed upstream but not in the corpus copy");
        continue;
      }
      byte[] raw = Files.readAllBytes(mailFile);
      if (expected == null) {
        score.skip(entry.getKey(), "the upstream test states no expected properties");
        continue;
      }
      ParsedMail mail;
      try {
        mail = parser.parse(raw);
      } catch (UnreadableMailException e) {
        score.record(entry.getKey(), zbatesonAspects(expected), List.of("unreadable: " + e));
        continue;
      }
      List<String> differences = new ArrayList<>();
      if (expected.has("Subject")) {
        sameText("subject", expected.get("Subject").asText(), mail.subject(), differences);
      }
      if (expected.has("From")) {
        JsonNode from = expected.get("From");
        sameText(
            "from",
            from.path("email").asText().toLowerCase(Locale.ROOT),
            mail.from() == null ? "" : mail.from().address(),
            differences);
        sameText(
            "from name",
            from.path("name").asText(),
            mail.from() == null || mail.from().name() == null ? "" : mail.from().name(),
            differences);
      }
      if (expected.has("text")) {
        String file =
            Files.readString(
                emails.resolve("files").resolve(expected.get("text").asText()),
                StandardCharsets.ISO_8859_1);
        if (!squeeze(mail.text()).contains(squeeze(file))) {
          differences.add("body differs from " + expected.get("text").asText());
        }
      }
      if (expected.has("html")) {
        String file =
            Files.readString(
                emails.resolve("files").resolve(expected.get("html").asText()),
                StandardCharsets.ISO_8859_1);
        String stripped = mail.html() == null ? "" : Jsoup.parse(mail.html()).text();
        if (!squeeze(stripped).contains(squeeze(file))) {
          differences.add("html differs from " + expected.get("html").asText());
        }
      }
      if (expected.has("attachments")) {
        int count = expected.get("attachments").asInt();
        if (mail.attachments().size() != count) {
          differences.add("attachments " + describe(mail.attachments()) + ", expected " + count);
        }
        for (MailAttachment attachment : mail.attachments()) {
          Path file = emails.resolve("files").resolve(attachment.name());
          if (Files.isRegularFile(file)) {
            byte[] bytes = Files.readAllBytes(file);
            boolean same =
                java.util.Arrays.equals(bytes, attachment.content())
                    || (attachment.mediaType().startsWith("text/")
                        && squeeze(new String(bytes, StandardCharsets.ISO_8859_1))
                            .equals(
                                squeeze(
                                    new String(
                                        attachment.content(), StandardCharsets.ISO_8859_1))));
            if (!same) {
              differences.add("attachment " + attachment.name() + " differs from files/");
            }
          }
        }
      }
      score.record(entry.getKey(), zbatesonAspects(expected), differences);
    }
    return score;
  }

  private static int zbatesonAspects(JsonNode expected) {
    int aspects = 0;
    for (String aspect : List.of("Subject", "From", "text", "html", "attachments")) {
      aspects += expected.has(aspect) ? 1 : 0;
    }
    return aspects;
  }

  // ---- koodaamo tnefparse -------------------------------------------------------------------

  private CorpusScore tnef() throws IOException {
    CorpusScore score = new CorpusScore("koodaamo-tnefparse");
    Path root = EMAIL.resolve("koodaamo-tnefparse");
    JsonNode files = json.readTree(root.resolve("expectations.json").toFile()).get("files");
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      byte[] tnef = Files.readAllBytes(root.resolve(entry.getKey()));
      List<String> expected = new ArrayList<>();
      entry
          .getValue()
          .path("attachment_long_filenames_in_order")
          .forEach(n -> expected.add(nfc(n.asText())));
      ParsedMail mail;
      try {
        mail = parser.parse(MailFixtures.withWinmail(tnef));
      } catch (UnreadableMailException e) {
        score.record(entry.getKey(), 1, List.of("unreadable: " + e.getMessage()));
        continue;
      }
      List<String> names = new ArrayList<>();
      mail.attachments().forEach(a -> names.add(nfc(a.name())));
      List<String> differences = new ArrayList<>();
      boolean keptWhole = names.equals(List.of("winmail.dat"));
      if (expected.isEmpty() ? !keptWhole && !names.isEmpty() : !names.equals(expected)) {
        differences.add("attachments " + names + ", expected " + expected);
      }
      score.record(entry.getKey(), 1, differences);
    }
    return score;
  }

  // ---- comparisons --------------------------------------------------------------------------

  private static void sameText(String what, String expected, String actual, List<String> out) {
    if (!squeeze(expected).equals(squeeze(actual))) {
      out.add(what + " '" + squeeze(actual) + "', expected '" + squeeze(expected) + "'");
    }
  }

  private static void sameMeaning(String expected, String actual, List<String> out) {
    List<String> wanted = words(expected);
    if (wanted.isEmpty()) {
      return;
    }
    Set<String> present = new HashSet<>(words(actual));
    long found = wanted.stream().filter(present::contains).count();
    double share = (double) found / wanted.size();
    if (share < WORDS_PRESENT) {
      List<String> missing = wanted.stream().filter(w -> !present.contains(w)).limit(8).toList();
      out.add(
          String.format(
              Locale.ROOT, "body has %.0f%% of the words, misses %s", share * 100, missing));
    }
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    for (String word : nfc(text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static String squeeze(String text) {
    return text == null ? "" : nfc(text).replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
  }

  private static String nfc(String text) {
    return Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
  }

  private static String unquoted(String name) {
    return squeeze(name).replaceAll("^[\"']+|[\"']+$", "").strip();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.asText();
  }

  private static String describe(List<MailAttachment> attachments) {
    return attachments.stream().map(a -> a.name() + "(" + a.size() + ")").toList().toString();
  }

  private static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> list(Path folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }
}
