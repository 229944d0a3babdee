package io.deskbridge.connector.csv;

/** What makes a whole file unreadable, at a line and column (empty when not one column). */
record FileProblem(long line, String column, String reason) {

  @Override
  public String toString() {
    return "line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + reason;
  }
}
