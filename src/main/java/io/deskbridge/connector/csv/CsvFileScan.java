package io.deskbridge.connector.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The first pass over a file, before any row is applied: its SHA-256, its dialect, its header, and
 * everything that rejects it as a whole (empty, binary, a quote never closed, a missing column). It
 * streams the file once through a small quote-aware state machine and keeps only the header.
 */
final class CsvFileScan {

  /** A file that may be read row by row. */
  record ScannedFile(String sha256, CsvDialect dialect, List<String> header, boolean headerRow) {}

  // Share of control bytes in the sample above which a file is taken for binary.
  private static final double CONTROL_SHARE = 0.05;

  private final CsvSettings settings;

  CsvFileScan(CsvSettings settings) {
    this.settings = settings;
  }

  /**
   * Scans a file.
   *
   * @param required the columns the rows cannot do without (the id column is added)
   * @throws CsvFileRejectedException when the file is to be rejected as a whole
   */
  ScannedFile scan(Path file, Set<String> required) throws IOException, CsvFileRejectedException {
    Sample sample = Sample.of(file);
    if (sample.size() == 0) {
      throw new CsvFileRejectedException(1, "", "the file is empty");
    }
    checkText(sample.bytes(), sample.length());
    CsvDialect dialect = detect(sample);
    MessageDigest sha256 = sha256();
    Structure structure;
    try (InputStream raw = new DigestInputStream(Files.newInputStream(file), sha256)) {
      BufferedReader reader = dialect.reader(raw);
      structure = new Structure(dialect.delimiter(), settings.columns());
      structure.read(reader);
    }
    if (structure.records == 0) {
      throw new CsvFileRejectedException(1, "", "the file is empty");
    }
    List<String> configured = settings.columns();
    boolean headerRow = configured == null || namesColumns(structure.header, configured);
    List<String> header =
        configured == null
            ? structure.header
            : headerRow ? spelledAsConfigured(structure.header, configured) : configured;
    checkHeader(header, required);
    return new ScannedFile(HexFormat.of().formatHex(sha256.digest()), dialect, header, headerRow);
  }

  /**
   * Whether a file's first record is a header row after all, though the settings name the columns:
   * when at least half of it are the configured column names (case and blanks aside), it names
   * columns rather than holding a ticket. Exports are made with and without one.
   */
  static boolean namesColumns(List<String> first, List<String> columns) {
    Set<String> names = new HashSet<>();
    columns.forEach(c -> names.add(c.strip().toLowerCase(java.util.Locale.ROOT)));
    long named =
        first.stream()
            .filter(f -> names.contains(f.strip().toLowerCase(java.util.Locale.ROOT)))
            .count();
    return named > 0 && named * 2 >= columns.size();
  }

  /** A header's names as the settings spell them, so the mapping finds them; others as written. */
  private static List<String> spelledAsConfigured(List<String> header, List<String> columns) {
    List<String> spelled = new ArrayList<>(header.size());
    for (String name : header) {
      String match = name;
      for (String column : columns) {
        if (column.strip().equalsIgnoreCase(name.strip())) {
          match = column;
          break;
        }
      }
      spelled.add(match);
    }
    return spelled;
  }

  /**
   * The dialect a report on a rejected file is written in: the file's own, the settings' for an
   * empty file, or Excel's for one that is no text at all.
   */
  CsvDialect reportDialect(Path file) throws IOException {
    Sample sample = Sample.of(file);
    if (sample.length() == 0) {
      return new CsvDialect(
          settings.delimiter() == null ? ';' : settings.delimiter(),
          settings.charset() == null ? java.nio.charset.StandardCharsets.UTF_8 : settings.charset(),
          false,
          "\r\n");
    }
    try {
      checkText(sample.bytes(), sample.length());
    } catch (CsvFileRejectedException binary) {
      return CsvDialect.EXCEL_UTF8;
    }
    return detect(sample);
  }

  private CsvDialect detect(Sample sample) {
    return DialectDetector.detect(
        sample.bytes(),
        sample.length(),
        sample.size() > sample.length(),
        settings.delimiter(),
        settings.charset());
  }

  /** The first bytes of a file, from which its dialect is told, and the file's size. */
  private record Sample(byte[] bytes, int length, long size) {
    static Sample of(Path file) throws IOException {
      byte[] bytes = new byte[DialectDetector.SAMPLE_BYTES];
      try (InputStream in = Files.newInputStream(file)) {
        return new Sample(bytes, in.readNBytes(bytes, 0, bytes.length), Files.size(file));
      }
    }
  }

  private static void checkText(byte[] sample, int length) throws CsvFileRejectedException {
    int control = 0;
    for (int i = 0; i < length; i++) {
      int b = sample[i] & 0xFF;
      if (b == 0) {
        throw new CsvFileRejectedException(
            1, "", "not a CSV text file: it has NUL bytes (the first at byte " + i + ")");
      }
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != 0x1A) || b == 0x7F) {
        control++;
      }
    }
    if (length > 0 && control > length * CONTROL_SHARE) {
      throw new CsvFileRejectedException(
          1,
          "",
          "not a CSV text file: "
              + Math.round(100.0 * control / length)
              + " % of its first "
              + length
              + " bytes are control characters");
    }
  }

  private void checkHeader(List<String> header, Set<String> required)
      throws CsvFileRejectedException {
    List<FileProblem> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : header) {
      if (!name.isEmpty() && !seen.add(name)) {
        problems.add(new FileProblem(1, name, "the header names the column twice"));
      }
    }
    Set<String> needed = new LinkedHashSet<>();
    needed.add(settings.ticketIdColumn());
    needed.addAll(required);
    for (String column : needed) {
      if (!seen.contains(column)) {
        problems.add(
            new FileProblem(
                1,
                column,
                column.equals(settings.ticketIdColumn())
                    ? "missing column (it is the ticketIdColumn)"
                    : "missing column (the partner's mapping requires it)"));
      }
    }
    if (!problems.isEmpty()) {
      throw new CsvFileRejectedException(problems);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /**
   * The quote structure of the whole text, as RFC 4180 and Commons CSV read it: a quote opens a
   * quoted field only at the start of a field, two quotes inside one are a quote, and a quoted
   * field ends with a quote followed by the delimiter, a line break or the end.
   */
  private static final class Structure {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final char delimiter;
    private final List<String> header = new ArrayList<>();
    private final StringBuilder field = new StringBuilder();
    private final List<String> columns;
    private long records;

    Structure(char delimiter, List<String> columns) {
      this.delimiter = delimiter;
      this.columns = columns;
    }

    void read(BufferedReader reader) throws IOException, CsvFileRejectedException {
      char[] buffer = new char[64 * 1024];
      int state = FIELD_START;
      long line = 1;
      int fieldIndex = 0;
      boolean blankRecord = true;
      long quoteLine = 0;
      int quoteField = 0;
      int read;
      while ((read = reader.read(buffer)) > 0) {
        for (int i = 0; i < read; i++) {
          char c = buffer[i];
          if (c == 0) {
            throw new CsvFileRejectedException(line, "", "not a CSV text file: it has NUL bytes");
          }
          boolean collecting = records == 0;
          switch (state) {
            case FIELD_START, UNQUOTED -> {
              if (c == '"' && state == FIELD_START) {
                state = QUOTED;
                quoteLine = line;
                quoteField = fieldIndex;
                blankRecord = false;
              } else if (c == delimiter) {
                endField(collecting);
                fieldIndex++;
                state = FIELD_START;
                blankRecord = false;
              } else if (c == '\n') {
                if (!blankRecord || fieldIndex > 0) {
                  endField(collecting);
                  records++;
                }
                line++;
                fieldIndex = 0;
                blankRecord = true;
                state = FIELD_START;
              } else if (c != '\r') {
                if (collecting) {
                  field.append(c);
                }
                blankRecord = false;
                state = UNQUOTED;
              }
            }
            case QUOTED -> {
              if (c == '"') {
                state = QUOTE_IN_QUOTED;
              } else {
                if (c == '\n') {
                  line++;
                }
                if (collecting) {
                  field.append(c);
                }
              }
            }
            default -> {
              if (c == '"') {
                if (collecting) {
                  field.append('"');
                }
                state = QUOTED;
              } else if (c == delimiter) {
                endField(collecting);
                fieldIndex++;
                state = FIELD_START;
              } else if (c == '\n') {
                endField(collecting);
                records++;
                line++;
                fieldIndex = 0;
                blankRecord = true;
                state = FIELD_START;
              } else if (c != '\r') {
                throw new CsvFileRejectedException(
                    line,
                    columnName(fieldIndex),
                    "text follows the closing quote of a quoted field; a quote inside a quoted"
                        + " field is written twice (\"\")");
              }
            }
          }
        }
      }
      if (state == QUOTED) {
        throw new CsvFileRejectedException(
            quoteLine,
            columnName(quoteField),
            "the quote opened on line " + quoteLine + " is never closed");
      }
      if (!blankRecord) {
        endField(records == 0);
        records++;
      }
    }

    private void endField(boolean collecting) {
      if (collecting) {
        header.add(field.toString().strip());
        field.setLength(0);
      }
    }

    private String columnName(int index) {
      List<String> names = columns != null ? columns : header;
      if ((columns != null || records > 0) && index < names.size() && !names.get(index).isEmpty()) {
        return names.get(index);
      }
      return "#" + (index + 1);
    }
  }
}
