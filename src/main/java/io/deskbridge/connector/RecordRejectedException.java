package io.deskbridge.connector;

import java.util.List;

/** A partner's record that does not fit its mapping: every problem, and the first field named. */
public class RecordRejectedException extends RuntimeException {

  private final List<String> problems;
  private final String field;

  public RecordRejectedException(List<String> problems, String field) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
    this.field = field;
  }

  public List<String> problems() {
    return problems;
  }

  /** The record field of the first problem, or null when the problem is the record as a whole. */
  public String field() {
    return field;
  }
}
