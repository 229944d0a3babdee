package io.deskbridge.connector.csv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a scanned file, read one at a time with Commons CSV in the file's dialect: quoted
 * fields, doubled quotes and cells over several lines, each row with the physical line it starts
 * on. Only the current row is in memory. A row with the wrong number of fields or with bytes the
 * charset cannot decode comes with its fault instead of a record.
 */
final class CsvRows implements Iterator<CsvRow>, AutoCloseable {

  /** What an undecodable byte becomes; a row that has it is not applied. */
  static final char UNDECODABLE = '\uFFFD';

  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final ColumnValues.Columns columns;
  private final String charsetName;
  private long nextLine = 1;
  private CsvRow next;

  CsvRows(Path file, CsvFileScan.ScannedFile scanned) throws IOException {
    CsvDialect dialect = scanned.dialect();
    InputStream in = Files.newInputStream(file);
    try {
      BufferedReader reader = dialect.reader(in);
      CSVFormat format =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(dialect.delimiter())
              .setRecordSeparator(dialect.recordSeparator())
              // Blank lines are records here, so that every record starts one line after the
              // previous one ended; blank ones are skipped below.
              .setIgnoreEmptyLines(false)
              .get();
      this.parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    this.records = parser.iterator();
    this.columns = new ColumnValues.Columns(scanned.header());
    this.charsetName = dialect.charset().name();
    if (scanned.headerRow()) {
      skipHeader();
    }
  }

  /** The columns of the file, in order. */
  ColumnValues.Columns columns() {
    return columns;
  }

  private void skipHeader() {
    while (records.hasNext()) {
      CSVRecord header = records.next();
      nextLine = parser.getCurrentLineNumber() + 1;
      if (!isBlank(header)) {
        return;
      }
    }
  }

  @Override
  public boolean hasNext() {
    while (next == null && records.hasNext()) {
      CSVRecord record;
      try {
        record = records.next();
      } catch (UncheckedIOException e) {
        // The scan found the file well formed; it changed under us.
        throw new IllegalStateException("line " + nextLine + ": " + e.getCause().getMessage(), e);
      }
      long line = nextLine;
      nextLine = parser.getCurrentLineNumber() + 1;
      if (!isBlank(record)) {
        next = row(line, record);
      }
    }
    return next != null;
  }

  @Override
  public CsvRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CsvRow row = next;
    next = null;
    return row;
  }

  private CsvRow row(long line, CSVRecord record) {
    String[] values = record.values();
    int width = columns.size();
    if (values.length != width) {
      boolean onlyEmptyExtras = values.length > width;
      for (int i = width; i < values.length && onlyEmptyExtras; i++) {
        onlyEmptyExtras = values[i].isEmpty();
      }
      if (!onlyEmptyExtras) {
        return new CsvRow(
            line,
            Arrays.asList(values),
            null,
            new RowFault(
                "",
                "the row has "
                    + values.length
                    + " fields where the header has "
                    + width
                    + " columns"));
      }
      // Trailing empty fields (a delimiter at the end of every line) are no extra data.
      values = Arrays.copyOf(values, width);
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i].indexOf(UNDECODABLE) >= 0) {
        return new CsvRow(
            line,
            Arrays.asList(values),
            null,
            new RowFault(columns.names().get(i), "bytes that are not valid " + charsetName));
      }
    }
    return new CsvRow(line, Arrays.asList(values), new ColumnValues(columns, values), null);
  }

  private static boolean isBlank(CSVRecord record) {
    return record.size() == 1 && record.get(0).isEmpty();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
