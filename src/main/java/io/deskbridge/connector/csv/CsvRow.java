package io.deskbridge.connector.csv;

import java.util.List;

/**
 * One row of a partner's file: the physical line it starts on, its fields as written, the record
 * the mapping reads (column to value), and what is wrong with it when it cannot be read.
 */
record CsvRow(long line, List<String> fields, ColumnValues record, RowFault fault) {}
