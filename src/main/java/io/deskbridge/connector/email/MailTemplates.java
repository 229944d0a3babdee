package io.deskbridge.connector.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The texts of the gateway's own mail, one file per kind and language under {@code
 * mail-templates/}: a first line {@code Subject: …}, then the body with {@code {name}}
 * placeholders. The HTML part is the same text, escaped, so both parts always say the same.
 */
final class MailTemplates {

  static final List<String> LANGUAGES = List.of("en", "ru");

  /** A template filled in: subject, plain text and HTML. */
  record Rendered(String subject, String text, String html) {}

  private final Map<String, String> sources = new ConcurrentHashMap<>();
  private final Map<String, Properties> statusNames = new ConcurrentHashMap<>();

  /** The marker line that tells the partner where to write, in the language. */
  static String marker(String language) {
    return language.equals("ru")
        ? VisibleReply.REPLY_ABOVE_MARKER_RU
        : VisibleReply.REPLY_ABOVE_MARKER;
  }

  Rendered render(String language, String template, Map<String, String> values) {
    String source =
        sources.computeIfAbsent(language + "/" + template + ".txt", MailTemplates::load);
    String filled = fill(source, values, language);
    int newline = filled.indexOf('\n');
    String first = filled.substring(0, newline);
    if (!first.startsWith("Subject: ")) {
      throw new IllegalStateException(template + " template must start with 'Subject: '");
    }
    String text = filled.substring(newline + 1).strip() + "\n";
    return new Rendered(first.substring("Subject: ".length()).strip(), text, html(text));
  }

  /** A status in the partner's language. */
  String statusName(String language, String status) {
    Properties names =
        statusNames.computeIfAbsent(
            language,
            l -> {
              Properties p = new Properties();
              try (Reader in =
                  new InputStreamReader(
                      open(l + "/status-names.properties"), StandardCharsets.UTF_8)) {
                p.load(in);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
              return p;
            });
    return names.getProperty(status, status);
  }

  private static String fill(String source, Map<String, String> values, String language) {
    StringBuilder out = new StringBuilder(source.length() + 256);
    int i = 0;
    while (i < source.length()) {
      char c = source.charAt(i);
      int close = c == '{' ? source.indexOf('}', i) : -1;
      if (close > i) {
        String name = source.substring(i + 1, close);
        String value = name.equals("marker") ? marker(language) : values.get(name);
        if (value != null) {
          out.append(value);
          i = close + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static String html(String text) {
    StringBuilder out = new StringBuilder("<div style=\"font-family:sans-serif\">");
    for (String line : text.split("\n", -1)) {
      out.append(escape(line)).append("<br>\n");
    }
    return out.append("</div>").toString();
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String load(String name) {
    try (InputStream in = open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(String name) {
    InputStream in = MailTemplates.class.getResourceAsStream("/mail-templates/" + name);
    if (in == null) {
      throw new IllegalStateException("no mail template " + name);
    }
    return in;
  }
}
