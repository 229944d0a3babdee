package io.deskbridge.connector.email;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The field lines of a header section quoted inside a report (a message/rfc822 part, a
 * text/rfc822-headers part, a message/delivery-status block), unfolded, in order.
 *
 * @param fields the fields; a blank line between groups (DSN per-recipient blocks) is kept as a
 *     field with an empty name so that groups can be told apart
 */
record HeaderBlock(List<MailHeaders.Field> fields) {

  /** Reports are small; a header section longer than this is not worth reading further. */
  static final int MAX_BYTES = 32 * 1024;

  static final MailHeaders.Field GROUP_BREAK = new MailHeaders.Field("", "");

  HeaderBlock {
    fields = List.copyOf(fields);
  }

  /**
   * Reads the fields at the start of the bytes until the first blank line (or, with {@code groups},
   * through every blank-line separated group, as a delivery-status part has them).
   */
  static HeaderBlock read(byte[] content, boolean groups) {
    int length = Math.min(content.length, MAX_BYTES);
    // ISO-8859-1 maps every byte, so a stray 8-bit byte cannot break the reading.
    String text = new String(content, 0, length, StandardCharsets.ISO_8859_1);
    return read(text, groups);
  }

  static HeaderBlock read(String text, boolean groups) {
    List<MailHeaders.Field> fields = new ArrayList<>();
    String name = null;
    StringBuilder value = new StringBuilder();
    boolean started = false;
    // Lines are taken one by one, so reading stops at the end of the header section.
    for (Iterator<String> lines = text.lines().iterator(); lines.hasNext(); ) {
      String line = lines.next();
      if (line.isBlank()) {
        if (!started) {
          continue;
        }
        name = flush(fields, name, value);
        if (!groups) {
          break;
        }
        if (!fields.isEmpty() && fields.get(fields.size() - 1) != GROUP_BREAK) {
          fields.add(GROUP_BREAK);
        }
        continue;
      }
      if (!started && line.startsWith("From ")) {
        continue; // an mbox separator before the first field
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
        value.append(' ').append(line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.substring(0, colon).strip().contains(" ")) {
        if (!groups && started) {
          break; // the body began without a blank line
        }
        continue;
      }
      name = flush(fields, name, value);
      started = true;
      name = line.substring(0, colon).strip();
      value.append(line.substring(colon + 1).strip());
    }
    flush(fields, name, value);
    return new HeaderBlock(fields);
  }

  private static String flush(List<MailHeaders.Field> fields, String name, StringBuilder value) {
    if (name != null) {
      fields.add(new MailHeaders.Field(name, value.toString().strip()));
    }
    value.setLength(0);
    return null;
  }

  /** The first value of the field, or null. */
  String first(String name) {
    for (MailHeaders.Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return field.value();
      }
    }
    return null;
  }
}
