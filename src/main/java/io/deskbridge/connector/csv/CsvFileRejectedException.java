package io.deskbridge.connector.csv;

import java.util.List;
import java.util.stream.Collectors;

/** A file that is rejected as a whole before any of its rows is applied, with every problem. */
final class CsvFileRejectedException extends Exception {

  private final transient List<FileProblem> problems;

  CsvFileRejectedException(List<FileProblem> problems) {
    super(problems.stream().map(FileProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  CsvFileRejectedException(long line, String column, String reason) {
    this(List.of(new FileProblem(line, column, reason)));
  }

  List<FileProblem> problems() {
    return problems;
  }
}
