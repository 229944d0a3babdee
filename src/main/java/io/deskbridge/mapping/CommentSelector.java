package io.deskbridge.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells a record that adds a comment from one that opens or changes a ticket, by the value of one
 * of its fields: a webhook's event name ({@code comment_created}), a CSV export's row type. Values
 * match with surrounding blanks and case ignored; {@code line} is where it stands in its file.
 */
public record CommentSelector(RecordPath field, List<String> values, int line) {

  public CommentSelector {
    values = List.copyOf(values);
  }

  private Set<String> normalised() {
    return values.stream().map(CommentSelector::normalise).collect(Collectors.toSet());
  }

  /** Whether the record is a comment. */
  public boolean selects(Map<String, ?> record) {
    Object value = field.read(record);
    return value != null && normalised().contains(normalise(String.valueOf(value)));
  }

  private static String normalise(String value) {
    return value.strip().toLowerCase(Locale.ROOT);
  }
}
