package io.deskbridge.connector.email;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A forgiving reader of the files in a TNEF stream (MS-OXTNEF), for the streams Apache POI's
 * stricter reader rejects: a bad checksum, an unknown attribute level, file data kept only in the
 * MAPI properties.
 */
final class TnefStream {

  private static final int ATT_ATTACH_REND_DATA = 0x9002;
  private static final int ATT_ATTACH_TITLE = 0x8010;
  private static final int ATT_ATTACH_DATA = 0x800F;
  private static final int ATT_ATTACHMENT = 0x9005;
  private static final int PR_ATTACH_DATA = 0x3701;
  private static final int PR_ATTACH_FILENAME = 0x3704;
  private static final int PR_ATTACH_LONG_FILENAME = 0x3707;
  private static final int PR_DISPLAY_NAME = 0x3001;
  private static final Charset ANSI = Charset.forName("windows-1252");

  /** One file being read: its names by source and its bytes. */
  private static final class File {
    String title;
    String longName;
    String shortName;
    String displayName;
    byte[] data;

    String name(int position) {
      for (String name : new String[] {longName, shortName, title, displayName}) {
        if (name != null && !name.isBlank()) {
          return name.strip();
        }
      }
      return "attachment-" + position;
    }
  }

  private TnefStream() {}

  /**
   * The files of a TNEF stream, in order.
   *
   * @throws IOException when the stream is cut short before any file
   */
  static List<MailAttachment> files(byte[] tnef) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(tnef).order(ByteOrder.LITTLE_ENDIAN);
    in.position(6);
    List<File> files = new ArrayList<>();
    File current = null;
    try {
      while (in.remaining() >= 9) {
        int level = in.get() & 0xFF;
        int id = in.getInt() & 0xFFFF;
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
          break;
        }
        byte[] data = new byte[length];
        in.get(data);
        if (in.remaining() >= 2) {
          // The checksum is not checked: Outlook writes wrong ones and the data is still good.
          in.getShort();
        }
        if (level == 1) {
          continue;
        }
        if (id == ATT_ATTACH_REND_DATA || current == null) {
          current = new File();
          files.add(current);
          if (id == ATT_ATTACH_REND_DATA) {
            continue;
          }
        }
        switch (id) {
          case ATT_ATTACH_TITLE -> current.title = cString(data, ANSI);
          case ATT_ATTACH_DATA -> current.data = data;
          case ATT_ATTACHMENT -> readProperties(data, current);
          default -> {
            // Dates, rendering and other attributes say nothing about the file.
          }
        }
      }
    } catch (RuntimeException cutShort) {
      if (files.isEmpty()) {
        throw new IOException("TNEF stream cut short: " + cutShort, cutShort);
      }
    }
    List<MailAttachment> out = new ArrayList<>();
    for (File file : files) {
      if (file.data != null) {
        String name = file.name(out.size() + 1);
        out.add(new MailAttachment(name, MediaTypes.byName(name), null, false, file.data));
      }
    }
    return out;
  }

  /** Reads the MAPI properties of an attachment for its names and, when kept there, its data. */
  private static void readProperties(byte[] properties, File file) {
    ByteBuffer in = ByteBuffer.wrap(properties).order(ByteOrder.LITTLE_ENDIAN);
    int count = in.getInt();
    for (int p = 0; p < count && in.remaining() >= 4; p++) {
      int type = in.getShort() & 0xFFFF;
      int id = in.getShort() & 0xFFFF;
      if (id >= 0x8000) {
        skipName(in);
      }
      boolean multiple = (type & 0x1000) != 0;
      int baseType = type & 0x0FFF;
      // Variable-length values are always counted, fixed-size ones only when multi-valued.
      int values = multiple || isVariable(baseType) ? in.getInt() : 1;
      for (int v = 0; v < values; v++) {
        byte[] value = value(in, baseType);
        if (value == null || v > 0) {
          continue;
        }
        switch (id) {
          case PR_ATTACH_LONG_FILENAME -> file.longName = text(value, baseType);
          case PR_ATTACH_FILENAME -> file.shortName = text(value, baseType);
          case PR_DISPLAY_NAME -> file.displayName = text(value, baseType);
          case PR_ATTACH_DATA -> {
            if (file.data == null) {
              // An embedded object starts with the 16-byte id of its interface.
              file.data =
                  baseType == 0x000D && value.length >= 16
                      ? Arrays.copyOfRange(value, 16, value.length)
                      : value;
            }
          }
          default -> {
            // Other properties do not name or hold the file.
          }
        }
      }
    }
  }

  private static void skipName(ByteBuffer in) {
    in.position(in.position() + 16);
    int kind = in.getInt();
    if (kind == 0) {
      in.getInt();
    } else {
      int length = in.getInt();
      in.position(in.position() + padded(length));
    }
  }

  /** One property value; null for fixed-size values, which are skipped. */
  private static byte[] value(ByteBuffer in, int type) {
    switch (type) {
      case 0x0002, 0x0003, 0x0004, 0x000A, 0x000B -> {
        in.getInt();
        return null;
      }
      case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040 -> {
        in.getLong();
        return null;
      }
      case 0x0048 -> {
        in.position(in.position() + 16);
        return null;
      }
      case 0x001E, 0x001F, 0x0102, 0x000D -> {
        int length = in.getInt();
        byte[] value = new byte[length];
        in.get(value);
        in.position(in.position() + padded(length) - length);
        return value;
      }
      default -> throw new IllegalStateException("unknown MAPI type " + type);
    }
  }

  private static boolean isVariable(int type) {
    return type == 0x001E || type == 0x001F || type == 0x0102 || type == 0x000D;
  }

  private static String text(byte[] value, int type) {
    return type == 0x001F ? cString(value, StandardCharsets.UTF_16LE) : cString(value, ANSI);
  }

  private static String cString(byte[] data, Charset charset) {
    String text = new String(data, charset);
    int end = text.indexOf('\0');
    return end < 0 ? text : text.substring(0, end);
  }

  private static int padded(int length) {
    return (length + 3) & ~3;
  }
}
