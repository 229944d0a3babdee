package io.deskbridge.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the file, line and column it stands on, so that whatever reads it can say where
 * a problem is. Scalars keep their resolved Java value (String, Integer, Long, Double, Boolean or
 * null).
 */
public sealed interface YamlNode {

  Path file();

  int line();

  int column();

  /** The dotted path of this node from the document root, such as {@code rules[2].queue}. */
  String path();

  default ConfigProblem problem(String message) {
    return new ConfigProblem(file(), line(), column(), path(), message);
  }

  /** Plain Java value of this node: maps, lists and scalars, without locations. */
  Object plain();

  /** A mapping; keys keep the order they were written in. */
  record MapNode(Path file, int line, int column, String path, Map<String, Entry> entries)
      implements YamlNode {

    /** A key and its value, with the key's own location for "unknown key" problems. */
    public record Entry(YamlNode key, YamlNode value) {}

    public YamlNode get(String key) {
      Entry entry = entries.get(key);
      return entry == null ? null : entry.value();
    }

    @Override
    public Object plain() {
      Map<String, Object> plain = new LinkedHashMap<>();
      entries.forEach((k, e) -> plain.put(k, e.value().plain()));
      return plain;
    }
  }

  /** A sequence. */
  record ListNode(Path file, int line, int column, String path, List<YamlNode> items)
      implements YamlNode {
    @Override
    public Object plain() {
      return items.stream().map(YamlNode::plain).toList();
    }
  }

  /**
   * A single value: {@code value} as YAML resolved it, {@code source} exactly as written, so that
   * an id written {@code 0042} or a name written {@code no} stays that text instead of 34 or false.
   */
  record ScalarNode(Path file, int line, int column, String path, Object value, String source)
      implements YamlNode {

    /** A scalar whose text is its value's text (keys and values built in code). */
    public ScalarNode(Path file, int line, int column, String path, Object value) {
      this(file, line, column, path, value, value == null ? null : String.valueOf(value));
    }

    @Override
    public Object plain() {
      return value;
    }

    /** The text as written; null for an empty or null value. */
    public String text() {
      return value == null ? null : source;
    }
  }
}
