package io.deskbridge.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads typed fields out of {@link YamlNode} maps and collects every problem with its location
 * instead of stopping at the first, so one run of {@code validate} tells ops everything.
 */
public final class ConfigFields {

  private final List<ConfigProblem> problems;

  public ConfigFields(List<ConfigProblem> problems) {
    this.problems = problems;
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  public void add(ConfigProblem problem) {
    problems.add(problem);
  }

  /** The node as a map, or null with a problem when it is something else. */
  public YamlNode.MapNode map(YamlNode node, String what) {
    if (node instanceof YamlNode.MapNode map) {
      return map;
    }
    if (node != null) {
      problems.add(node.problem(what + " must be a mapping of keys to values"));
    }
    return null;
  }

  /** The node as a list, or an empty list with a problem when it is something else. */
  public List<YamlNode> list(YamlNode node, String what) {
    if (node instanceof YamlNode.ListNode list) {
      return list.items();
    }
    if (node != null) {
      problems.add(node.problem(what + " must be a list"));
    }
    return List.of();
  }

  /** A required text field; null with a problem naming the field when missing or not text. */
  public String requiredText(YamlNode.MapNode map, String key) {
    YamlNode node = map.get(key);
    if (node == null || (node instanceof YamlNode.ScalarNode s && s.value() == null)) {
      problems.add(
          new ConfigProblem(map.file(), map.line(), map.column(), child(map, key), "is required"));
      return null;
    }
    return text(map, key);
  }

  /** An optional text field; numbers and booleans are taken as their text. */
  public String text(YamlNode.MapNode map, String key) {
    YamlNode node = map.get(key);
    if (node == null) {
      return null;
    }
    if (node instanceof YamlNode.ScalarNode scalar) {
      return scalar.text();
    }
    problems.add(node.problem("must be a single value, not a " + kind(node)));
    return null;
  }

  /** An optional value of an enum, matched without regard to case. */
  public <E extends Enum<E>> E enumValue(YamlNode.MapNode map, String key, Class<E> type) {
    String text = text(map, key);
    if (text == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(text.trim())) {
        return constant;
      }
    }
    List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    problems.add(
        map.get(key)
            .problem(
                "'"
                    + text
                    + "' is not one of "
                    + String.join(", ", names)
                    + didYouMean(text.toUpperCase(Locale.ROOT), names)));
    return null;
  }

  /** Reports every key of the map that is not among the known ones, with a suggestion. */
  public void onlyKeys(YamlNode.MapNode map, Collection<String> known) {
    map.entries()
        .forEach(
            (name, entry) -> {
              if (!known.contains(name)) {
                problems.add(
                    entry
                        .key()
                        .problem(
                            "unknown key"
                                + didYouMean(name, known)
                                + "; allowed here: "
                                + String.join(", ", known)));
              }
            });
  }

  /** " (did you mean 'x'?)" for the closest known word within a small edit distance, else "". */
  public static String didYouMean(String given, Collection<String> known) {
    Optional<String> closest =
        known.stream()
            .min(
                Comparator.comparingInt(
                    k -> distance(given.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))));
    if (closest.isPresent()
        && distance(given.toLowerCase(Locale.ROOT), closest.get().toLowerCase(Locale.ROOT))
            <= Math.max(2, given.length() / 3)) {
      return " (did you mean '" + closest.get() + "'?)";
    }
    return "";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String child(YamlNode.MapNode map, String key) {
    return map.path().isEmpty() ? key : map.path() + "." + key;
  }

  private static String kind(YamlNode node) {
    return node instanceof YamlNode.MapNode
        ? "mapping"
        : node instanceof YamlNode.ListNode ? "list" : "value";
  }

  /** Texts of a list of scalars, with a problem for each item that is not a single value. */
  public List<String> texts(YamlNode node, String what) {
    List<String> values = new ArrayList<>();
    if (node instanceof YamlNode.ScalarNode scalar) {
      // An empty value gives no texts; the caller says what it needs instead of "must be a list".
      if (scalar.value() != null) {
        values.add(scalar.text());
      }
      return values;
    }
    for (YamlNode item : list(node, what)) {
      if (item instanceof YamlNode.ScalarNode scalar && scalar.value() != null) {
        values.add(scalar.text());
      } else {
        problems.add(item.problem(what + " items must be single values"));
      }
    }
    return values;
  }
}
