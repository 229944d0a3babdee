package io.deskbridge.connector.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The {@code <name>.errors.csv} a partner finds next to its file: one row per problem with the
 * line, the column and the reason, then the fields of the row as the partner wrote them, in the
 * file's own dialect so the partner's spreadsheet opens it like the file it sent. Written to a work
 * file as problems come, so a file with many bad rows costs no memory.
 */
final class ErrorReport implements AutoCloseable {

  private final Path file;
  private final CSVPrinter printer;
  private int problems;

  private ErrorReport(Path file, CSVPrinter printer) {
    this.file = file;
    this.printer = printer;
  }

  /** Starts a report in the work folder for a file with these columns (none if unknown). */
  static ErrorReport start(Path workFolder, CsvDialect dialect, List<String> columns)
      throws IOException {
    Files.createDirectories(workFolder);
    Path file = Files.createTempFile(workFolder, "report-", ".errors.csv");
    OutputStream out = Files.newOutputStream(file);
    if (dialect.byteOrderMark()) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    }
    CSVPrinter printer =
        new CSVPrinter(
            new BufferedWriter(new OutputStreamWriter(out, dialect.charset())),
            CSVFormat.RFC4180
                .builder()
                .setDelimiter(dialect.delimiter())
                .setRecordSeparator(dialect.recordSeparator())
                .get());
    List<String> header = new ArrayList<>(List.of("line", "column", "reason"));
    header.addAll(columns);
    printer.printRecord(header);
    return new ErrorReport(file, printer);
  }

  void add(long line, String column, String reason, List<String> fields) throws IOException {
    List<String> row = new ArrayList<>(3 + fields.size());
    row.add(Long.toString(line));
    row.add(column);
    row.add(reason);
    row.addAll(fields);
    printer.printRecord(row);
    problems++;
  }

  int problems() {
    return problems;
  }

  /** The finished report. */
  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    printer.close();
  }
}
