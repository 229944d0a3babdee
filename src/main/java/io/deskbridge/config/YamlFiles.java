package io.deskbridge.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Parses YAML files into {@link YamlNode} trees that remember where each value stands. Only plain
 * data is accepted (no custom tags); a duplicate key or a syntax error is a problem with its
 * location.
 */
public final class YamlFiles {

  private YamlFiles() {}

  /** The parsed document, or null with the problem added when the file cannot be read or parsed. */
  public static YamlNode read(Path file, List<ConfigProblem> problems) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(file, reader, problems);
    } catch (IOException e) {
      problems.add(ConfigProblem.inFile(file, "cannot read: " + e.getMessage()));
      return null;
    }
  }

  /** Parses YAML text that came from {@code file} (used for uploads and tests as well). */
  public static YamlNode parse(Path file, Reader reader, List<ConfigProblem> problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    Node root;
    try {
      root = yaml.compose(reader);
    } catch (MarkedYAMLException e) {
      // An unfinished quote or bracket is only noticed at the end of the input, past the last
      // line; the context mark is where it opened, which is the line ops must fix.
      boolean unfinished =
          e.getContextMark() != null
              && (e.getProblemMark() == null
                  || (e.getProblem() != null && e.getProblem().contains("end of stream")));
      Mark mark = unfinished ? e.getContextMark() : e.getProblemMark();
      if (mark == null) {
        mark = e.getContextMark();
      }
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String message = e.getContext() != null ? e.getContext() + ": " + problem : problem;
      problems.add(
          new ConfigProblem(
              file,
              mark == null ? 0 : mark.getLine() + 1,
              mark == null ? 0 : mark.getColumn() + 1,
              null,
              "not valid YAML: " + message.trim()));
      return null;
    } catch (RuntimeException e) {
      problems.add(ConfigProblem.inFile(file, "not valid YAML: " + e.getMessage()));
      return null;
    }
    if (root == null) {
      problems.add(ConfigProblem.inFile(file, "the file is empty"));
      return null;
    }
    return convert(file, root, "", problems);
  }

  private static YamlNode convert(Path file, Node node, String path, List<ConfigProblem> problems) {
    int line = node.getStartMark().getLine() + 1;
    int column = node.getStartMark().getColumn() + 1;
    if (!node.getTag().getValue().startsWith("tag:yaml.org,2002:")) {
      // Configuration is plain data; a custom tag means the author expects behaviour we do not
      // have.
      problems.add(
          new ConfigProblem(
              file,
              line,
              column,
              path,
              "custom YAML tag " + node.getTag().getValue() + " is not supported"));
    }
    if (node instanceof MappingNode mapping) {
      Map<String, YamlNode.MapNode.Entry> entries = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        YamlNode key = convert(file, tuple.getKeyNode(), path, problems);
        String name = key instanceof YamlNode.ScalarNode s ? s.text() : String.valueOf(key.plain());
        String childPath = path.isEmpty() ? name : path + "." + name;
        YamlNode keyAtPath =
            new YamlNode.ScalarNode(file, key.line(), key.column(), childPath, name);
        YamlNode.MapNode.Entry first = entries.get(name);
        if (first != null) {
          // Composing does not apply LoaderOptions.setAllowDuplicateKeys(false); only
          // constructing would, so duplicates are caught here, where the locations are known.
          problems.add(
              keyAtPath.problem(
                  "duplicate key '" + name + "'; it is first given on line " + first.key().line()));
          continue;
        }
        YamlNode value = convert(file, tuple.getValueNode(), childPath, problems);
        entries.put(name, new YamlNode.MapNode.Entry(keyAtPath, value));
      }
      return new YamlNode.MapNode(file, line, column, path, entries);
    }
    if (node instanceof SequenceNode sequence) {
      List<YamlNode> items = new ArrayList<>();
      List<Node> children = sequence.getValue();
      for (int i = 0; i < children.size(); i++) {
        items.add(convert(file, children.get(i), path + "[" + i + "]", problems));
      }
      return new YamlNode.ListNode(file, line, column, path, items);
    }
    ScalarNode scalar = (ScalarNode) node;
    return new YamlNode.ScalarNode(
        file, line, column, path, scalarValue(scalar), scalar.getValue());
  }

  /** The Java value of a scalar by the tag SnakeYAML's resolver gave it. */
  private static Object scalarValue(ScalarNode node) {
    String text = node.getValue();
    String tag = node.getTag().getValue();
    try {
      if (tag.endsWith(":null")) {
        return null;
      }
      if (tag.endsWith(":bool")) {
        return Boolean.valueOf(text.toLowerCase(java.util.Locale.ROOT).matches("true|yes|on|y"));
      }
      if (tag.endsWith(":int")) {
        long value = Long.decode(text.replace("_", ""));
        return value == (int) value ? (Object) (int) value : (Object) value;
      }
      if (tag.endsWith(":float")) {
        return Double.valueOf(text.replace("_", ""));
      }
    } catch (NumberFormatException e) {
      return text;
    }
    return text;
  }
}
