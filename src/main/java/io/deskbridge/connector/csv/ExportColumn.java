package io.deskbridge.connector.csv;

import io.deskbridge.connector.SettingProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One column of an exported file: its header and where its value comes from, either a built-in
 * ({@code @ref}, {@code @externalId}, {@code @event}, {@code @changeId}, {@code @changedAt}) or a
 * key of the outbound record, nested keys joined with dots. Written {@code Header=source} to give a
 * column another header than its source, or just {@code source}.
 */
record ExportColumn(String header, String source) {

  static final String REF = "@ref";
  static final String EXTERNAL_ID = "@externalId";
  static final String EVENT = "@event";
  static final String CHANGE_ID = "@changeId";
  static final String CHANGED_AT = "@changedAt";
  static final List<String> BUILT_INS = List.of(REF, EXTERNAL_ID, EVENT, CHANGE_ID, CHANGED_AT);

  static ExportColumn parse(String text) {
    int equals = text.indexOf('=');
    if (equals < 0) {
      return new ExportColumn(text.strip(), text.strip());
    }
    return new ExportColumn(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
  }

  static List<ExportColumn> of(List<?> items) {
    return items.stream().map(item -> parse(String.valueOf(item))).toList();
  }

  static void check(List<?> items, List<SettingProblem> problems) {
    if (items.isEmpty()) {
      problems.add(new SettingProblem("exportColumns", "is empty; leave it out for every column"));
    }
    Set<String> headers = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String where = "exportColumns[" + i + "]";
      if (!(items.get(i) instanceof String text) || text.isBlank()) {
        problems.add(new SettingProblem(where, "must be a column name"));
        continue;
      }
      ExportColumn column = parse(text);
      if (column.header().isEmpty() || column.source().isEmpty()) {
        problems.add(
            new SettingProblem(where, "'" + text + "' needs a header and a source: Header=source"));
        continue;
      }
      if (column.source().startsWith("@") && !BUILT_INS.contains(column.source())) {
        problems.add(
            new SettingProblem(
                where,
                "'"
                    + column.source()
                    + "' is no built-in column; built-ins: "
                    + String.join(", ", BUILT_INS)));
      }
      if (!headers.add(column.header())) {
        problems.add(new SettingProblem(where, "header '" + column.header() + "' appears twice"));
      }
    }
  }

  /** The default columns: the built-ins, then every other key the rows have, first seen first. */
  static List<ExportColumn> defaults(List<java.util.Map<String, String>> rows) {
    List<String> names = new ArrayList<>(BUILT_INS);
    Set<String> seen = new HashSet<>(names);
    for (java.util.Map<String, String> row : rows) {
      for (String key : row.keySet()) {
        if (!ExportRows.REPEATS_BUILT_IN.contains(key) && seen.add(key)) {
          names.add(key);
        }
      }
    }
    return names.stream().map(name -> new ExportColumn(name, name)).toList();
  }
}
