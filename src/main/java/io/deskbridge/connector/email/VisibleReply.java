package io.deskbridge.connector.email;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps only the new text of a partner's reply: drops quoted history, quote headers, signatures,
 * mobile trailers and everything below our own reply marker.
 */
public final class VisibleReply {

  /** The marker line our own outgoing mail carries; everything from it down is history. */
  public static final String REPLY_ABOVE_MARKER = "##- Please type your reply above this line -##";

  /** The Russian form of {@link #REPLY_ABOVE_MARKER}. */
  public static final String REPLY_ABOVE_MARKER_RU = "##- Введите ответ выше этой строки -##";

  /** The marker texts without the hashes and dashes, which some clients reflow or escape. */
  private static final List<String> MARKER_CORES =
      List.of(core(REPLY_ABOVE_MARKER), core(REPLY_ABOVE_MARKER_RU));

  private VisibleReply() {}

  /** The new text of a plain-text reply body, stripped; the whole text when all of it is quote. */
  public static String fromText(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    List<String> lines = lines(text);
    List<String> reply = withoutHistory(lines.subList(0, markerIndex(lines)));
    String result = String.join("\n", withoutSignature(reply)).strip();
    return result.isEmpty() ? String.join("\n", lines).strip() : result;
  }

  /** The new text of an HTML reply body as plain text; the whole text when all of it is quote. */
  public static String fromHtml(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    String reply = fromText(HtmlReply.withoutQuotes(html));
    return reply.isEmpty() ? fromText(HtmlReply.allText(html)) : reply;
  }

  /** The text's lines, without the blanks that trail them: invisible, and they vary by client. */
  private static List<String> lines(String text) {
    String[] split = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    List<String> lines = new ArrayList<>(split.length);
    for (String line : split) {
      lines.add(line.stripTrailing());
    }
    return lines;
  }

  private static int markerIndex(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      for (String core : MARKER_CORES) {
        if (line.contains(core)) {
          return i;
        }
      }
    }
    return lines.size();
  }

  private static String core(String marker) {
    return marker.replace("#", "").replace("-", "").strip();
  }

  /**
   * The lines without quote headers and quoted blocks. A header followed by ">" lines is cut out
   * with its quote and reading goes on, since partners sometimes answer below or between quotes; a
   * header followed by unquoted text (Outlook, Yandex) starts history that runs to the end.
   */
  private static List<String> withoutHistory(List<String> lines) {
    List<String> kept = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      if (QuoteHeaders.isForwardMarker(line)) {
        kept.addAll(lines.subList(i, lines.size()));
        break;
      }
      // Checked first: the whole line would pass as an attribution and take the reply text with it.
      int glued = QuoteHeaders.gluedAttributionStart(line);
      if (glued >= 0) {
        kept.add(line.substring(0, glued));
        break;
      }
      int header = QuoteHeaders.headerAt(lines, i);
      if (header > 0) {
        int next = nextNonBlank(lines, i + header);
        if (next < lines.size() && isQuoted(lines.get(next))) {
          i = endOfQuote(lines, next);
          continue;
        }
        break;
      }
      if (isQuoted(line)) {
        int end = endOfQuote(lines, i);
        if (quotedLines(lines, i, end) >= 2 || nextNonBlank(lines, end) == lines.size()) {
          i = end;
          continue;
        }
        kept.addAll(lines.subList(i, end));
        i = end;
        continue;
      }
      kept.add(line);
      i++;
    }
    return kept;
  }

  private static boolean isQuoted(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c == '>';
      }
    }
    return false;
  }

  private static int nextNonBlank(List<String> lines, int from) {
    int i = from;
    while (i < lines.size() && lines.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  /**
   * The index after a quoted block starting at {@code start}: its ">" lines, blank lines between
   * them, unquoted lines squeezed between two quoted ones (a long link the client wrapped) and the
   * blank lines after it.
   */
  private static int endOfQuote(List<String> lines, int start) {
    int i = start;
    while (i < lines.size()) {
      String line = lines.get(i);
      if (isQuoted(line)) {
        i++;
      } else if (line.isBlank()) {
        int next = nextNonBlank(lines, i);
        if (next < lines.size() && isQuoted(lines.get(next))) {
          i = next;
        } else {
          return next;
        }
      } else if (i + 1 < lines.size() && isQuoted(lines.get(i + 1)) && isQuoted(lines.get(i - 1))) {
        i++;
      } else {
        return i;
      }
    }
    return i;
  }

  private static int quotedLines(List<String> lines, int start, int end) {
    int count = 0;
    for (int i = start; i < end; i++) {
      if (isQuoted(lines.get(i))) {
        count++;
      }
    }
    return count;
  }

  /** The lines without the signature and the trailers, rules and blank lines at their end. */
  private static List<String> withoutSignature(List<String> lines) {
    int delimiter = SignatureBlock.delimiterIndex(lines);
    int end = delimiter >= 0 ? delimiter : lines.size();
    int signOff = SignatureBlock.signOffIndex(lines.subList(0, end));
    end = signOff >= 0 ? signOff : end;
    while (end > 0) {
      String last = lines.get(end - 1);
      if (SignatureBlock.isRuleOrBlank(last) || SignatureBlock.isTrailer(last)) {
        end--;
      } else {
        break;
      }
    }
    return lines.subList(0, end);
  }
}
