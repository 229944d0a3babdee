package io.deskbridge.connector.csv;

import io.deskbridge.connector.OutboundChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Turns outbound changes into rows and rows into the bytes of a CSV file in the partner's dialect.
 * A row holds the built-in columns and every key of the change's record, nested maps flattened with
 * dots ({@code Комментарий.Текст}).
 */
final class ExportRows {

  /**
   * Keys every outbound record starts with, which repeat {@code @ref}, {@code @externalId} and
   * {@code @event}; the default columns leave them out so a file does not carry them twice.
   */
  static final Set<String> REPEATS_BUILT_IN = Set.of("ref", "externalId", "event");

  private ExportRows() {}

  /** The row of one change: the built-ins first, then the record's keys in its order. */
  static Map<String, String> row(OutboundChange change) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put(ExportColumn.REF, change.ticket() == null ? "" : change.ticket().ref().value());
    row.put(ExportColumn.EXTERNAL_ID, text(change.externalTicketId()));
    row.put(ExportColumn.EVENT, change.event() == null ? "" : change.event().type().name());
    row.put(ExportColumn.CHANGE_ID, Long.toString(change.changeId()));
    row.put(
        ExportColumn.CHANGED_AT,
        change.event() == null ? "" : change.event().occurredAt().toString());
    flatten("", change.record(), row);
    return row;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> row) {
    map.forEach(
        (key, value) -> {
          String name = prefix + key;
          if (value instanceof Map<?, ?> nested) {
            flatten(name + ".", nested, row);
          } else if (value != null) {
            row.put(name, text(value));
          }
        });
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        String text = text(item);
        if (!text.isEmpty()) {
          items.add(text);
        }
      }
      return String.join(", ", items);
    }
    return String.valueOf(value);
  }

  /**
   * The value as a spreadsheet shows it as text: one that starts like a formula gets a leading
   * {@code '}, which spreadsheets take as "text follows" and do not show.
   */
  static String asText(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    return first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r'
        ? "'" + value
        : value;
  }

  /**
   * The bytes of a file with a header row and these rows. A character the charset cannot encode
   * becomes {@code ?}: a partner's import takes a file with a question mark, not one we cannot
   * write.
   */
  static byte[] render(List<Map<String, String>> rows, ExportSettings settings) {
    List<ExportColumn> columns = settings.columns();
    CsvDialect dia = settings.dialect();
    List<ExportColumn> header = columns.isEmpty() ? ExportColumn.defaults(rows) : columns;
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(dia.delimiter())
            .setQuote('"')
            .setQuoteMode(QuoteMode.MINIMAL)
            .setRecordSeparator(dia.recordSeparator())
            .get();
    CharsetEncoder encoder =
        dia.charset()
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    if (encoder.isLegalReplacement(new byte[] {'?'})) {
      encoder.replaceWith(new byte[] {'?'});
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer writer = new OutputStreamWriter(bytes, encoder);
        CSVPrinter printer = new CSVPrinter(writer, format)) {
      if (dia.byteOrderMark()) {
        writer.write('\uFEFF');
      }
      printer.printRecord(header.stream().map(ExportColumn::header).toList());
      for (Map<String, String> row : rows) {
        List<String> values = new ArrayList<>(header.size());
        for (ExportColumn column : header) {
          String value = row.getOrDefault(column.source(), "");
          values.add(settings.escapeFormulas() ? asText(value) : value);
        }
        printer.printRecord(values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }
}
