package io.deskbridge.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compiled path into a partner's record: names separated by dots ({@code requester.email}), a
 * list index ({@code tags[0]}), a list element chosen by one of its fields ({@code
 * custom_fields[id=77]}), and a quoted name for keys that contain dots or brackets ({@code
 * ['Номер.заявки']}). A CSV column or a mail header is a path of one name.
 */
public final class RecordPath {

  private sealed interface Step permits Name, Index, Match {}

  private record Name(String name) implements Step {}

  private record Index(int index) implements Step {}

  private record Match(String key, String value) implements Step {}

  private final String text;
  private final Step[] steps;

  private RecordPath(String text, Step[] steps) {
    this.text = text;
    this.steps = steps;
  }

  /**
   * Compiles a path.
   *
   * @throws IllegalArgumentException saying why the path can never match anything
   */
  public static RecordPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("an empty path can never match");
    }
    List<Step> steps = new ArrayList<>();
    int i = 0;
    int n = text.length();
    boolean expectName = true;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '[') {
        int close = closing(text, i);
        String inside = text.substring(i + 1, close).trim();
        steps.add(bracket(text, inside));
        i = close + 1;
        expectName = false;
      } else if (c == '.') {
        if (expectName) {
          throw new IllegalArgumentException(
              "'" + text + "' has an empty name before '.' at " + (i + 1));
        }
        i++;
        expectName = true;
        if (i == n) {
          throw new IllegalArgumentException("'" + text + "' ends with '.'");
        }
      } else {
        if (!expectName) {
          throw new IllegalArgumentException(
              "'" + text + "' needs a '.' before the name at position " + (i + 1));
        }
        int end = i;
        while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
          if (text.charAt(end) == ']') {
            throw new IllegalArgumentException("'" + text + "' has a ']' without '['");
          }
          end++;
        }
        // Taken as written: a key with blanks around it (a CSV header "Тема ") stays reachable,
        // and YAML has already stripped the blanks ops did not mean. Interned like the field
        // names Jackson reads, so record lookups match by reference before comparing text.
        steps.add(new Name(text.substring(i, end).intern()));
        i = end;
        expectName = false;
      }
    }
    return new RecordPath(text, steps.toArray(Step[]::new));
  }

  private static int closing(String text, int open) {
    boolean quoted = false;
    for (int j = open + 1; j < text.length(); j++) {
      char c = text.charAt(j);
      if (c == '\'') {
        quoted = !quoted;
      } else if (c == ']' && !quoted) {
        return j;
      }
    }
    throw new IllegalArgumentException("'" + text + "' has a '[' that is never closed");
  }

  private static Step bracket(String text, String inside) {
    if (inside.isEmpty()) {
      throw new IllegalArgumentException("'" + text + "' has an empty []");
    }
    if (inside.startsWith("'")) {
      if (inside.length() < 2 || !inside.endsWith("'")) {
        throw new IllegalArgumentException("'" + text + "' has an unclosed quote");
      }
      return new Name(inside.substring(1, inside.length() - 1).intern());
    }
    int equals = inside.indexOf('=');
    if (equals >= 0) {
      String key = inside.substring(0, equals).trim();
      String value = inside.substring(equals + 1).trim();
      if (key.isEmpty() || value.isEmpty()) {
        throw new IllegalArgumentException("'" + text + "': [" + inside + "] needs [field=value]");
      }
      if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
        value = value.substring(1, value.length() - 1);
      }
      return new Match(key.intern(), value);
    }
    try {
      int index = Integer.parseInt(inside);
      if (index < 0) {
        throw new IllegalArgumentException("'" + text + "': a list index cannot be negative");
      }
      return new Index(index);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "': [" + inside + "] is neither an index, [field=value] nor ['name']");
    }
  }

  /** The value at this path in a record of maps and lists, or null when any step finds nothing. */
  public Object read(Map<String, ?> record) {
    Object current = record;
    for (Step step : steps) {
      if (current == null) {
        return null;
      }
      current = step(step, current);
    }
    return current;
  }

  private static Object step(Step step, Object current) {
    if (step instanceof Name name) {
      return current instanceof Map<?, ?> map ? map.get(name.name()) : null;
    }
    if (step instanceof Index index) {
      return current instanceof List<?> list && index.index() < list.size()
          ? list.get(index.index())
          : null;
    }
    Match match = (Match) step;
    if (current instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> map) {
          Object key = map.get(match.key());
          if (key != null && match.value().equals(String.valueOf(key))) {
            return item;
          }
        }
      }
    }
    return null;
  }

  /** The first name of the path: the column or top-level field it starts at. */
  public String head() {
    return steps[0] instanceof Name name ? name.name() : null;
  }

  /** Whether the path is a single name, as a CSV column or a mail header is. */
  public boolean isSingleName() {
    return steps.length == 1 && steps[0] instanceof Name;
  }

  @Override
  public String toString() {
    return text;
  }
}
