package io.deskbridge.connector.rest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** What a partner's API answered: status, headers by lower-case name, and the body. */
record PartnerResponse(int status, Map<String, String> headers, byte[] body) {

  private static final int REASON_BODY_CHARS = 500;

  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The body as text for a failure reason, cut short so a huge error page stays readable. */
  String bodyForReason() {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    return text.length() <= REASON_BODY_CHARS
        ? text
        : text.substring(0, REASON_BODY_CHARS) + "… (" + text.length() + " chars)";
  }
}
