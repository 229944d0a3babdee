package io.deskbridge.connector.csv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Finds how a file is written from a bounded sample of its first bytes: its charset (a BOM, valid
 * UTF-8, else windows-1251 or KOI8-R by letter frequencies), its delimiter (the candidate whose
 * count outside quotes is the same on every sample line) and its line ending. A setting that names
 * the charset or delimiter wins over detection.
 */
final class DialectDetector {

  /** How many bytes of a file are looked at. */
  static final int SAMPLE_BYTES = 64 * 1024;

  private static final char[] CANDIDATES = {';', ',', '\t', '|'};
  private static final int SAMPLE_LINES = 50;

  private DialectDetector() {}

  /**
   * The dialect of a file whose first bytes are given.
   *
   * @param truncated whether the file goes on after the sample (its last line may be cut)
   */
  static CsvDialect detect(
      byte[] sample, int length, boolean truncated, Character delimiter, Charset charset) {
    boolean bom = startsWithBom(sample, length);
    Charset detected =
        charset != null
            ? charset
            : bom ? StandardCharsets.UTF_8 : charsetOf(sample, length, truncated);
    int offset = bom ? 3 : 0;
    String text = new String(sample, offset, length - offset, detected);
    if (truncated) {
      int lastBreak = text.lastIndexOf('\n');
      text = lastBreak > 0 ? text.substring(0, lastBreak + 1) : text;
    }
    char chosen = delimiter != null ? delimiter : delimiterOf(text);
    int firstBreak = text.indexOf('\n');
    String separator = firstBreak > 0 && text.charAt(firstBreak - 1) == '\r' ? "\r\n" : "\n";
    return new CsvDialect(chosen, detected, bom, separator);
  }

  static boolean startsWithBom(byte[] sample, int length) {
    return length >= 3
        && (sample[0] & 0xFF) == 0xEF
        && (sample[1] & 0xFF) == 0xBB
        && (sample[2] & 0xFF) == 0xBF;
  }

  /** UTF-8 when the sample is valid UTF-8 (plain ASCII included), else a Cyrillic single-byte. */
  static Charset charsetOf(byte[] sample, int length, boolean truncated) {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(sample, 0, length);
    CoderResult result = utf8.decode(in, CharBuffer.allocate(length), true);
    // A multi-byte character cut by the end of the sample is no sign of another charset.
    boolean cutAtTheEnd = truncated && in.position() >= length - 3;
    return !result.isError() || cutAtTheEnd
        ? StandardCharsets.UTF_8
        : CyrillicCharsets.guess(sample, length);
  }

  /**
   * The candidate that splits the sample lines most consistently: the share of lines with the most
   * common count, then that count; quoted text is skipped, so a comma inside a quoted cell does not
   * count for the comma.
   */
  static char delimiterOf(String text) {
    char best = ',';
    double bestConsistency = 0;
    int bestCount = 0;
    for (char candidate : CANDIDATES) {
      int[] counts = countsPerLine(text, candidate);
      int lines = counts[SAMPLE_LINES];
      if (lines == 0) {
        continue;
      }
      int mode = mode(counts, lines);
      if (mode == 0) {
        continue;
      }
      int same = 0;
      for (int i = 0; i < lines; i++) {
        if (counts[i] == mode) {
          same++;
        }
      }
      double consistency = (double) same / lines;
      if (consistency > bestConsistency + 1e-9
          || (Math.abs(consistency - bestConsistency) < 1e-9 && mode > bestCount)) {
        best = candidate;
        bestConsistency = consistency;
        bestCount = mode;
      }
    }
    return best;
  }

  /** Counts of the candidate per record (at most SAMPLE_LINES); the last slot is how many. */
  private static int[] countsPerLine(String text, char candidate) {
    int[] counts = new int[SAMPLE_LINES + 1];
    int line = 0;
    int count = 0;
    boolean quoted = false;
    boolean blank = true;
    for (int i = 0; i < text.length() && line < SAMPLE_LINES; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        blank = false;
      } else if (!quoted && c == '\n') {
        if (!blank) {
          counts[line++] = count;
        }
        count = 0;
        blank = true;
      } else if (!quoted && c == candidate) {
        count++;
        blank = false;
      } else if (c != '\r') {
        blank = false;
      }
    }
    if (!blank && line < SAMPLE_LINES && !quoted) {
      counts[line++] = count;
    }
    counts[SAMPLE_LINES] = line;
    return counts;
  }

  private static int mode(int[] counts, int lines) {
    int mode = 0;
    int modeFrequency = 0;
    for (int i = 0; i < lines; i++) {
      int frequency = 0;
      for (int j = 0; j < lines; j++) {
        if (counts[j] == counts[i]) {
          frequency++;
        }
      }
      if (frequency > modeFrequency || (frequency == modeFrequency && counts[i] > mode)) {
        mode = counts[i];
        modeFrequency = frequency;
      }
    }
    return mode;
  }
}
