package io.deskbridge.connector.email;

import org.jsoup.Jsoup;

/** Turns an HTML mail body into the text a reader would see. */
public final class HtmlText {

  private HtmlText() {}

  /** The readable text of an HTML body; empty for null. */
  public static String of(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    return Jsoup.parse(html).wholeText().strip();
  }
}
