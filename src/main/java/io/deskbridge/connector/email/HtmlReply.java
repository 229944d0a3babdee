package io.deskbridge.connector.email;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * Cuts the quoted history out of an HTML reply by the containers mail clients wrap it in, and
 * renders what is left as text with one line per block.
 */
final class HtmlReply {

  /** Containers that hold only quoted history. */
  private static final String QUOTE_CONTAINERS =
      "blockquote, .gmail_quote, .gmail_attr, .moz-cite-prefix, .yahoo_quoted, .zmail_extra,"
          + " .OutlookMessageHeader";

  /** Elements where history starts and runs to the end of the body. */
  private static final String HISTORY_STARTS =
      "#divRplyFwdMsg, [id^=divRplyFwdMsg], #appendonsend, #OLK_SRC_BODY_SECTION,"
          + " #stopSpelling, hr";

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "li",
          "tr",
          "table",
          "ul",
          "ol",
          "dl",
          "dt",
          "dd",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "blockquote",
          "pre",
          "hr",
          "address",
          "section",
          "article",
          "header",
          "footer",
          "center",
          "form",
          "fieldset");

  private static final String INVISIBLE = "style, script, title, xml, template";

  private HtmlReply() {}

  /** The body's text after the quote containers and everything below a history start are gone. */
  static String withoutQuotes(String html) {
    Document document = Jsoup.parse(html);
    Element start = document.body().selectFirst(HISTORY_STARTS);
    if (start != null) {
      cutFrom(start);
    }
    for (Element rule : document.body().select("div[style*=border-top]")) {
      if (rule.parent() != null && QuoteHeaders.startsWithField(rule.text())) {
        cutFrom(rule);
        break;
      }
    }
    document.body().select(QUOTE_CONTAINERS).remove();
    return render(document);
  }

  /** All of the body's text. */
  static String allText(String html) {
    return render(Jsoup.parse(html));
  }

  /** Removes the element, everything after it, and everything after each of its ancestors. */
  private static void cutFrom(Element element) {
    Element current = element;
    while (current != null && !"body".equals(current.normalName())) {
      Node sibling = current.nextSibling();
      while (sibling != null) {
        Node next = sibling.nextSibling();
        sibling.remove();
        sibling = next;
      }
      Element parent = current.parent();
      if (current == element) {
        current.remove();
      }
      current = parent;
    }
  }

  private static String render(Document document) {
    document.select(INVISIBLE).remove();
    Element root = document.body();
    var text = new StringBuilder();
    root.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode textNode) {
              appendText(text, textNode);
            } else if (node instanceof Element element) {
              if ("br".equals(element.normalName())) {
                text.append('\n');
              } else if (BLOCKS.contains(element.normalName())) {
                endLine(text);
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
              endLine(text);
            }
          }
        });
    return text.toString();
  }

  private static void appendText(StringBuilder text, TextNode node) {
    Element parent = node.parent();
    if (parent != null && "pre".equals(parent.normalName())) {
      text.append(node.getWholeText());
      return;
    }
    // jsoup's text() already collapses whitespace runs; a no-break space reads as a space.
    String collapsed = node.text().replace('\u00a0', ' ');
    boolean lineStart = text.length() == 0 || text.charAt(text.length() - 1) == '\n';
    if (lineStart) {
      collapsed = collapsed.stripLeading();
    } else if (text.charAt(text.length() - 1) == ' ' && collapsed.startsWith(" ")) {
      collapsed = collapsed.substring(1);
    }
    text.append(collapsed);
  }

  private static void endLine(StringBuilder text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    text.setLength(end);
    if (end > 0 && text.charAt(end - 1) != '\n') {
      text.append('\n');
    }
  }
}
