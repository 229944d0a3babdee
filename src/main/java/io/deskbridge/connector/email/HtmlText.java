package io.deskbridge.connector.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** Turns an HTML mail body into the text a reader would see. */
public final class HtmlText {

  private static final Set<String> HIDDEN =
      Set.of("script", "style", "head", "title", "noscript", "template", "object", "iframe");

  private static final Set<String> PARAGRAPHS =
      Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol");

  private static final Set<String> BLOCKS =
      Set.of(
          "div",
          "address",
          "article",
          "aside",
          "body",
          "center",
          "dd",
          "dl",
          "dt",
          "fieldset",
          "figure",
          "footer",
          "form",
          "header",
          "hr",
          "html",
          "li",
          "main",
          "nav",
          "section",
          "tr",
          "caption",
          "thead",
          "tbody",
          "tfoot");

  private HtmlText() {}

  /** The readable text of an HTML body; empty for null. */
  public static String of(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    Document document = Jsoup.parse(html);
    String text = of(document.body());
    // A mail whose page shows no text (an image, an empty layout table) still says its title.
    return text.isEmpty() ? document.title().strip() : text;
  }

  /** The readable text of an element already parsed, so a caller never parses an HTML twice. */
  public static String of(Element root) {
    Renderer renderer = new Renderer();
    NodeTraversor.filter(renderer, root);
    return tidy(renderer.out);
  }

  /** Writes text nodes with collapsed white space and breaks lines where a browser would. */
  private static final class Renderer implements NodeFilter {
    final StringBuilder out = new StringBuilder();
    private int preformatted;

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode text) {
        appendText(preformatted > 0 ? text.getWholeText() : text.text());
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element element)) {
        return FilterResult.CONTINUE;
      }
      String tag = element.normalName();
      if (HIDDEN.contains(tag)) {
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("br")) {
        out.append('\n');
      } else if (tag.equals("li")) {
        lineBreak();
        out.append("- ");
      } else if (PARAGRAPHS.contains(tag)) {
        blankLine();
      } else if (BLOCKS.contains(tag)) {
        lineBreak();
      } else if ((tag.equals("td") || tag.equals("th")) && element.elementSiblingIndex() > 0) {
        out.append(' ');
      }
      if (tag.equals("pre")) {
        preformatted++;
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("pre")) {
          preformatted--;
        }
        if (PARAGRAPHS.contains(tag)) {
          blankLine();
        } else if (BLOCKS.contains(tag)) {
          lineBreak();
        }
      }
      return FilterResult.CONTINUE;
    }

    private void appendText(String text) {
      if (text.isEmpty()) {
        return;
      }
      boolean atLineStart = out.length() == 0 || out.charAt(out.length() - 1) == '\n';
      boolean afterSpace = atLineStart || out.charAt(out.length() - 1) == ' ';
      if (preformatted == 0 && afterSpace && text.charAt(0) == ' ') {
        text = text.substring(1);
      }
      out.append(text);
    }

    private void lineBreak() {
      if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
    }

    private void blankLine() {
      lineBreak();
      out.append('\n');
    }
  }

  /** Strips trailing spaces and no-break spaces and keeps at most one blank line in a row. */
  private static String tidy(CharSequence raw) {
    StringBuilder text = new StringBuilder(raw.length());
    int blankRun = 0;
    for (String line : raw.toString().replace('\u00a0', ' ').split("\n", -1)) {
      String clean = line.stripTrailing();
      if (clean.isBlank()) {
        blankRun++;
        if (blankRun > 1) {
          continue;
        }
        clean = "";
      } else {
        blankRun = 0;
      }
      text.append(clean).append('\n');
    }
    return text.toString().strip();
  }
}
