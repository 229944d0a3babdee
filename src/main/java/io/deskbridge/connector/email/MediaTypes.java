package io.deskbridge.connector.email;

import java.net.URLConnection;
import java.util.Locale;
import java.util.Map;

/** Media types and file-name extensions of attachments, each guessed from the other. */
final class MediaTypes {

  private static final Map<String, String> EXTENSIONS =
      Map.ofEntries(
          Map.entry("message/rfc822", ".eml"),
          Map.entry("message/delivery-status", ".txt"),
          Map.entry("message/disposition-notification", ".txt"),
          Map.entry("message/feedback-report", ".txt"),
          Map.entry("text/rfc822-headers", ".txt"),
          Map.entry("text/plain", ".txt"),
          Map.entry("text/html", ".html"),
          Map.entry("text/calendar", ".ics"),
          Map.entry("image/jpeg", ".jpg"),
          Map.entry("image/png", ".png"),
          Map.entry("image/gif", ".gif"),
          Map.entry("application/pdf", ".pdf"),
          Map.entry("application/ms-tnef", ".dat"));

  private MediaTypes() {}

  /** The media type a file name suggests, or {@code application/octet-stream}. */
  static String byName(String name) {
    String guessed = URLConnection.guessContentTypeFromName(name.toLowerCase(Locale.ROOT));
    return guessed == null ? "application/octet-stream" : guessed;
  }

  /** The usual extension, with its dot, for a part of this media type; empty when none. */
  static String extension(String mediaType) {
    return EXTENSIONS.getOrDefault(mediaType, "");
  }
}
