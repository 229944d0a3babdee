package io.deskbridge.connector.csv;

/** Why one row could not be applied: the column at fault (empty for the row as a whole). */
record RowFault(String column, String reason) {}
