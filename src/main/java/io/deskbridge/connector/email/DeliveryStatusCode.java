package io.deskbridge.connector.email;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced mail status code ({@code 5.1.1}) with the words ops know it by.
 *
 * @param code the code as written, class first
 */
record DeliveryStatusCode(String code) {

  // Not preceded or followed by digits or dots, so IP addresses and version numbers do not count.
  private static final Pattern CODE =
      Pattern.compile("(?<![\\w.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?!\\d|\\.\\d)");

  private static final Map<String, String> DETAILS =
      Map.ofEntries(
          Map.entry("1.0", "address problem"),
          Map.entry("1.1", "user unknown"),
          Map.entry("1.2", "host unknown"),
          Map.entry("1.3", "bad address syntax"),
          Map.entry("1.4", "ambiguous address"),
          Map.entry("1.6", "mailbox has moved"),
          Map.entry("1.7", "bad sender address"),
          Map.entry("1.8", "bad sender domain"),
          Map.entry("1.10", "recipient address has null MX"),
          Map.entry("2.0", "mailbox problem"),
          Map.entry("2.1", "mailbox disabled"),
          Map.entry("2.2", "mailbox full"),
          Map.entry("2.3", "message too big for the mailbox"),
          Map.entry("2.4", "mailing list expansion problem"),
          Map.entry("3.0", "mail system problem"),
          Map.entry("3.1", "mail system full"),
          Map.entry("3.2", "system not accepting mail"),
          Map.entry("3.4", "message too big"),
          Map.entry("3.5", "system incorrectly configured"),
          Map.entry("4.0", "network or routing problem"),
          Map.entry("4.1", "no answer from host"),
          Map.entry("4.2", "bad connection"),
          Map.entry("4.3", "directory server failure"),
          Map.entry("4.4", "unable to route"),
          Map.entry("4.6", "routing loop"),
          Map.entry("4.7", "delivery time expired"),
          Map.entry("5.0", "protocol error"),
          Map.entry("5.1", "invalid command"),
          Map.entry("5.2", "syntax error"),
          Map.entry("5.3", "too many recipients"),
          Map.entry("6.0", "content problem"),
          Map.entry("6.1", "media not supported"),
          Map.entry("7.0", "refused by security policy"),
          Map.entry("7.1", "delivery not authorized, message refused"),
          Map.entry("7.7", "message integrity failure"),
          Map.entry("7.26", "sender authentication failed"));

  private static final Map<Character, String> SUBJECTS =
      Map.of(
          '1', "address problem",
          '2', "mailbox problem",
          '3', "mail system problem",
          '4', "network or routing problem",
          '5', "protocol problem",
          '6', "content problem",
          '7', "refused by security policy");

  /** The first status code in the text (a DSN's Status field or a bounce's prose), or null. */
  static DeliveryStatusCode find(CharSequence text) {
    if (text == null) {
      return null;
    }
    Matcher m = CODE.matcher(text);
    return m.find() ? new DeliveryStatusCode(m.group()) : null;
  }

  /** The first code of a failure (class 4 or 5) in the text, or null. */
  static DeliveryStatusCode findFailure(CharSequence text) {
    if (text == null) {
      return null;
    }
    Matcher m = CODE.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals("2")) {
        return new DeliveryStatusCode(m.group());
      }
    }
    return null;
  }

  boolean success() {
    return code.charAt(0) == '2';
  }

  boolean temporary() {
    return code.charAt(0) == '4';
  }

  /** {@code 5.1.1 user unknown}: the code and what it means. */
  String describe() {
    String detail = code.substring(code.indexOf('.') + 1);
    String words = DETAILS.get(detail);
    if (words == null) {
      words = SUBJECTS.getOrDefault(detail.charAt(0), "undefined status");
    }
    if (success()) {
      return code + " success";
    }
    if (detail.equals("0.0")) {
      words = temporary() ? "temporary failure" : "permanent failure";
    }
    return code + " " + words;
  }
}
