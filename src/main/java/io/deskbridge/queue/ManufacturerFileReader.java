package io.deskbridge.queue;

import io.deskbridge.config.ConfigFields;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.config.YamlFiles;
import io.deskbridge.config.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@code connectors/manufacturer.yml}: the manufacturer's name and its queues. */
public final class ManufacturerFileReader {

  private static final List<String> KEYS = List.of("name", "connector", "queues");
  private static final List<String> QUEUE_KEYS = List.of("id", "name", "description");
  private static final String BUILT_IN = "queues";

  public Optional<ManufacturerSide> read(Path file, List<ConfigProblem> problems) {
    if (!Files.exists(file)) {
      problems.add(
          ConfigProblem.inFile(
              file, "missing: the manufacturer's side and its queues are declared here"));
      return Optional.empty();
    }
    int before = problems.size();
    ConfigFields fields = new ConfigFields(problems);
    YamlNode.MapNode root = fields.map(YamlFiles.read(file, problems), "manufacturer.yml");
    if (root == null) {
      return Optional.empty();
    }
    fields.onlyKeys(root, KEYS);
    String name = fields.requiredText(root, "name");
    String connector = fields.text(root, "connector");
    if (connector != null && !BUILT_IN.equals(connector)) {
      fields.add(
          root.get("connector")
              .problem(
                  "the manufacturer's side supports the built-in '" + BUILT_IN + "' only for now"));
    }
    List<Queue> queues = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<YamlNode> items = fields.list(root.get("queues"), "queues");
    if (items.isEmpty() && root.get("queues") == null) {
      fields.requiredText(root, "queues");
    }
    for (YamlNode item : items) {
      YamlNode.MapNode queue = fields.map(item, "a queue");
      if (queue == null) {
        continue;
      }
      fields.onlyKeys(queue, QUEUE_KEYS);
      String id = fields.requiredText(queue, "id");
      if (id != null && !ids.add(id)) {
        fields.add(queue.get("id").problem("queue '" + id + "' is declared twice"));
      }
      String display = fields.text(queue, "name");
      queues.add(new Queue(id, display == null ? id : display, fields.text(queue, "description")));
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new ManufacturerSide(name, queues, file));
  }
}
