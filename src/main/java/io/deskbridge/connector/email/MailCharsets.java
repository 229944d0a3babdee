package io.deskbridge.connector.email;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the bytes of mail text into characters: resolves the charset labels mail clients write
 * (including misspelt ones) and guesses the charset from the bytes when the label is missing,
 * unknown or wrong.
 */
public final class MailCharsets {

  private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
  private static final Charset KOI8_R = Charset.forName("KOI8-R");
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final Charset EAST_ASIAN = Charset.forName("GBK");

  /** Compacted label (lower-case, letters and digits only) to charset. */
  private static final Map<String, Charset> BY_COMPACT_LABEL = compactLabels();

  private MailCharsets() {}

  /** The charset a label names, forgiving case, quotes, dashes and common misspellings. */
  public static Optional<Charset> named(String label) {
    if (label == null) {
      return Optional.empty();
    }
    String clean = label.strip().replace("\"", "").replace("'", "");
    if (clean.isEmpty()) {
      return Optional.empty();
    }
    Charset found = BY_COMPACT_LABEL.get(compact(clean));
    if (found == null) {
      try {
        found = Charset.forName(clean);
      } catch (IllegalArgumentException unknown) {
        return Optional.empty();
      }
    }
    return Optional.of(widened(found));
  }

  /**
   * The text of the bytes in the declared charset; when the label is missing, unknown or plainly
   * wrong for the bytes, in the charset the bytes look like, with a note in {@code problems}.
   */
  public static String decode(byte[] bytes, String declared, List<String> problems) {
    if (isUtf7(declared)) {
      return Utf7.decode(bytes);
    }
    Optional<Charset> charset = named(declared);
    if (isAscii(bytes) && !(charset.isPresent() && isStateful(charset.get()))) {
      return isoJapanese(bytes)
          ? new String(bytes, widened(Charset.forName("ISO-2022-JP")))
          : new String(bytes, StandardCharsets.US_ASCII);
    }
    if (charset.isEmpty()) {
      Charset guessed = guess(bytes);
      if (declared != null && !declared.isBlank()) {
        problems.add("unknown charset '" + declared.strip() + "', read as " + guessed.name());
      }
      return new String(bytes, guessed);
    }
    Charset named = charset.get();
    if (named.equals(StandardCharsets.US_ASCII)) {
      // 8-bit bytes under a US-ASCII label: the sender's client did not say what it used.
      return new String(bytes, guess(bytes));
    }
    if (named.equals(StandardCharsets.UTF_8)) {
      String strict = strictUtf8(bytes);
      if (strict != null) {
        return strict;
      }
      Charset guessed = guess(bytes);
      problems.add("text labelled UTF-8 is not UTF-8, read as " + guessed.name());
      return new String(bytes, guessed);
    }
    return new String(bytes, named);
  }

  /**
   * Header text that arrived as raw 8-bit bytes (read one char per byte) read again in the charset
   * the bytes look like; text with no such characters is returned as it is.
   */
  public static String repairRawHeader(String value) {
    return repairRawHeader(value, null);
  }

  /**
   * Like {@link #repairRawHeader(String)}, trying first the charset the message declares for its
   * text: a client that writes raw 8-bit headers writes them in its own charset.
   */
  public static String repairRawHeader(String value, Charset hint) {
    if (value == null) {
      return null;
    }
    boolean high = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) {
        return value;
      }
      high |= c >= 0x80;
    }
    if (!high) {
      return value;
    }
    byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    if (strictUtf8(bytes) == null
        && hint != null
        && !hint.equals(StandardCharsets.UTF_8)
        && !hint.equals(WINDOWS_1252)) {
      // ISO-2022-JP is 7-bit; the 8-bit bytes of a Japanese client are its Shift_JIS sibling.
      Charset eightBit = hint.name().contains("2022") ? Charset.forName("windows-31j") : hint;
      String hinted = strict(bytes, eightBit);
      if (hinted != null) {
        return hinted;
      }
    }
    return new String(bytes, guess(bytes));
  }

  /** Whether a label names UTF-7, which Java has no charset for. */
  static boolean isUtf7(String label) {
    return label != null
        && label
            .toLowerCase(Locale.ROOT)
            .replace("\"", "")
            .strip()
            .matches("(unicode-1-1-)?utf-?7");
  }

  private static boolean isStateful(Charset charset) {
    String name = charset.name();
    return name.startsWith("ISO-2022") || name.startsWith("UTF-16") || name.startsWith("UTF-32");
  }

  /** ISO-2022-JP is 7-bit: recognised by its escape into JIS X 0208. */
  private static boolean isoJapanese(byte[] bytes) {
    for (int i = 0; i + 2 < bytes.length; i++) {
      if (bytes[i] == 0x1B && bytes[i + 1] == '$' && (bytes[i + 2] == 'B' || bytes[i + 2] == '@')) {
        return true;
      }
    }
    return false;
  }

  /**
   * The charset the bytes most plausibly are: UTF-8 when they are valid UTF-8, else whichever of
   * windows-1251, KOI8-R, GBK and windows-1252 gives the most natural-looking text.
   */
  public static Charset guess(byte[] bytes) {
    if (isAscii(bytes)) {
      return isoJapanese(bytes)
          ? widened(Charset.forName("ISO-2022-JP"))
          : StandardCharsets.US_ASCII;
    }
    if (strictUtf8(bytes) != null) {
      return StandardCharsets.UTF_8;
    }
    int windows = cyrillicScore(new String(bytes, WINDOWS_1251));
    int koi8 = cyrillicScore(new String(bytes, KOI8_R));
    if (windows <= 0 && koi8 <= 0) {
      return looksEastAsian(bytes) ? EAST_ASIAN : WINDOWS_1252;
    }
    return koi8 > windows ? KOI8_R : WINDOWS_1251;
  }

  /**
   * How much a decoding looks like Cyrillic prose: Russian text is mostly lower-case letters inside
   * all-Cyrillic words, while a wrong single-byte charset flips case and scatters Cyrillic letters
   * into Latin words.
   */
  /**
   * Whether 8-bit bytes look like a double-byte East Asian text rather than Latin: every run of
   * them has an even length, few of them touch an ASCII letter (Latin accents sit inside words:
   * "Frösche"), and they read cleanly as GBK.
   */
  private static boolean looksEastAsian(byte[] bytes) {
    int high = 0;
    int touchingLetters = 0;
    int run = 0;
    for (int i = 0; i <= bytes.length; i++) {
      boolean isHigh = i < bytes.length && bytes[i] < 0;
      if (isHigh) {
        high++;
        run++;
        boolean before = i > 0 && isAsciiLetter(bytes[i - 1]);
        boolean after = i + 1 < bytes.length && isAsciiLetter(bytes[i + 1]);
        touchingLetters += before || after ? 1 : 0;
      } else {
        if (run % 2 == 1) {
          return false;
        }
        run = 0;
      }
    }
    return high >= 4 && touchingLetters * 4 < high && strict(bytes, EAST_ASIAN) != null;
  }

  private static boolean isAsciiLetter(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  }

  static int cyrillicScore(String text) {
    int score = 0;
    char previous = ' ';
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.UnicodeBlock.of(c) == Character.UnicodeBlock.CYRILLIC) {
        if (isLatinLetter(previous)
            || (i + 1 < text.length() && isLatinLetter(text.charAt(i + 1)))) {
          score -= 2;
        } else if (Character.isLowerCase(c)) {
          score += 1;
        } else if (Character.isLetter(previous) && Character.isLowerCase(previous)) {
          score -= 2;
        } else {
          score -= Character.isLetter(previous) ? 1 : 0;
        }
      }
      previous = c;
    }
    return score;
  }

  private static boolean isLatinLetter(char c) {
    return c < 0x250 && Character.isLetter(c);
  }

  static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static String strictUtf8(byte[] bytes) {
    return strict(bytes, StandardCharsets.UTF_8);
  }

  private static String strict(byte[] bytes, Charset charset) {
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Labels that name a subset of what clients really send are read as the superset. */
  private static Charset widened(Charset charset) {
    String name = charset.name();
    if (name.equals("ISO-8859-1")) {
      return WINDOWS_1252;
    }
    if (name.equals("ISO-2022-JP") && Charset.isSupported("x-windows-iso2022jp")) {
      // Windows' variant adds the NEC and IBM characters (circled digits) Japanese mail uses.
      return Charset.forName("x-windows-iso2022jp");
    }
    if (name.equals("GB2312")) {
      return Charset.forName("GBK");
    }
    if (name.equals("EUC-KR") && Charset.isSupported("x-windows-949")) {
      return Charset.forName("x-windows-949");
    }
    return charset;
  }

  private static String compact(String label) {
    StringBuilder out = new StringBuilder(label.length());
    for (int i = 0; i < label.length(); i++) {
      char c = Character.toLowerCase(label.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.append(c);
      }
    }
    String compacted = out.toString();
    if (compacted.startsWith("x") && !compacted.startsWith("xwindows")) {
      compacted = compacted.substring(1);
    }
    if (compacted.startsWith("win") && !compacted.startsWith("windows")) {
      compacted = "windows" + compacted.substring(3);
    }
    if (compacted.startsWith("cp12")) {
      compacted = "windows" + compacted.substring(2);
    }
    return compacted;
  }

  private static Map<String, Charset> compactLabels() {
    Map<String, Charset> labels = new HashMap<>();
    for (Charset charset : Charset.availableCharsets().values()) {
      labels.putIfAbsent(compact(charset.name()), charset);
      for (String alias : charset.aliases()) {
        labels.putIfAbsent(compact(alias), charset);
      }
    }
    labels.put(compact("koi8r"), KOI8_R);
    labels.put(compact("x-mac-cyrillic"), Charset.forName("x-MacCyrillic"));
    labels.put(compact("mac-cyrillic"), Charset.forName("x-MacCyrillic"));
    labels.put(compact("iso-8859-8-i"), Charset.forName("ISO-8859-8"));
    labels.put(compact("ks_c_5601-1987"), Charset.forName("EUC-KR"));
    labels.put(compact("latin1"), StandardCharsets.ISO_8859_1);
    labels.put(compact("unicode-1-1-utf-8"), StandardCharsets.UTF_8);
    return Map.copyOf(labels);
  }
}
