package io.deskbridge.mapping;

import io.deskbridge.config.ConfigFields;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.config.YamlFiles;
import io.deskbridge.config.YamlNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Reads and compiles one mapping file, reporting every problem with file, line, column and field:
 * an unknown keyword (with a suggestion), a path that can never match, a duplicate table key, a
 * cycle between fields, a value that does not fit its field's type.
 */
public final class MappingFileReader {

  static final List<String> KEYS = List.of("description", "tables", "inbound", "outbound");
  static final List<String> INBOUND_KEYS = List.of("columns", "fields", "comment", "commentWhen");
  static final List<String> COMMENT_WHEN_KEYS = List.of("field", "equals");
  static final List<String> RULE_KEYS =
      List.of(
          "from",
          "constant",
          "default",
          "required",
          "transform",
          "join",
          "table",
          "values",
          "unmapped");
  static final List<String> OUTBOUND_KEYS = List.of("allow", "fields", "workflow");
  static final List<String> OUTBOUND_RULE_KEYS = List.of("to", "table", "values", "transform");
  static final List<String> WORKFLOW_KEYS = List.of("transitions", "requires");
  static final List<String> COMMENT_FIELDS =
      List.of("text", "html", "authorName", "authorEmail", "externalId", "visibility");

  /** The mapping, or empty when the file has problems (all of them added). */
  public Optional<Mapping> read(String name, Path file, List<ConfigProblem> problems) {
    int before = problems.size();
    ConfigFields fields = new ConfigFields(problems);
    YamlNode.MapNode root = fields.map(YamlFiles.read(file, problems), "a mapping file");
    if (root == null) {
      return Optional.empty();
    }
    fields.onlyKeys(root, KEYS);
    if (root.get("inbound") == null && root.get("outbound") == null) {
      fields.add(root.problem("a mapping needs an inbound part, an outbound part, or both"));
    }
    Map<String, ValueTable> tables = tables(root.get("tables"), fields);
    InboundMapping inbound = inbound(file, root.get("inbound"), tables, fields);
    OutboundMapping outbound = outbound(file, root.get("outbound"), tables, fields);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Mapping(name, file, tables, inbound, outbound));
  }

  // --- tables -----------------------------------------------------------------------------------

  private Map<String, ValueTable> tables(YamlNode node, ConfigFields fields) {
    Map<String, ValueTable> tables = new LinkedHashMap<>();
    YamlNode.MapNode map = fields.map(node, "tables");
    if (map == null) {
      return tables;
    }
    map.entries()
        .forEach(
            (name, entry) ->
                table(name, entry.value(), fields).ifPresent(t -> tables.put(name, t)));
    return tables;
  }

  private Optional<ValueTable> table(String name, YamlNode node, ConfigFields fields) {
    YamlNode.MapNode map = fields.map(node, "table " + name);
    if (map == null) {
      return Optional.empty();
    }
    Map<String, String> entries = new LinkedHashMap<>();
    Map<String, YamlNode> seen = new HashMap<>();
    map.entries()
        .forEach(
            (word, entry) -> {
              YamlNode clash = seen.putIfAbsent(ValueTable.fold(word), entry.key());
              if (clash != null) {
                fields.add(
                    entry
                        .key()
                        .problem(
                            "duplicate key '"
                                + word
                                + "': the same as '"
                                + ((YamlNode.ScalarNode) clash).text()
                                + "' on line "
                                + clash.line()
                                + ", since lookups ignore case and surrounding blanks"));
              }
              if (entry.value() instanceof YamlNode.ScalarNode scalar && scalar.value() != null) {
                entries.put(word, scalar.text());
              } else {
                fields.add(entry.value().problem("a table maps each word to one value"));
              }
            });
    return Optional.of(new ValueTable(name, entries));
  }

  // --- inbound ----------------------------------------------------------------------------------

  private InboundMapping inbound(
      Path file, YamlNode node, Map<String, ValueTable> tables, ConfigFields fields) {
    YamlNode.MapNode map = fields.map(node, "inbound");
    if (map == null) {
      return new InboundMapping(file, List.of(), List.of(), null);
    }
    fields.onlyKeys(map, INBOUND_KEYS);
    Set<String> columns = null;
    if (map.get("columns") != null) {
      columns = new LinkedHashSet<>(fields.texts(map.get("columns"), "columns"));
    }
    List<FieldRule> ticket = new ArrayList<>();
    Map<String, YamlNode> ticketNodes = new LinkedHashMap<>();
    YamlNode.MapNode ticketFields = fields.map(map.get("fields"), "inbound.fields");
    if (ticketFields != null) {
      for (var entry : ticketFields.entries().entrySet()) {
        String target = entry.getKey();
        Optional<CanonicalField> field = CanonicalField.byKey(target);
        if (field.isEmpty() || field.get().isComment()) {
          fields.add(
              entry
                  .getValue()
                  .key()
                  .problem(
                      "no canonical field '"
                          + target
                          + "'"
                          + ConfigFields.didYouMean(target, ticketKeys())
                          + "; fields: "
                          + String.join(", ", ticketKeys())));
          continue;
        }
        rule(target, field.get(), entry.getValue().value(), columns, tables, fields)
            .ifPresent(ticket::add);
        ticketNodes.put(target, entry.getValue().value());
      }
    }
    List<FieldRule> comment = new ArrayList<>();
    Map<String, YamlNode> commentNodes = new LinkedHashMap<>();
    YamlNode.MapNode commentFields = fields.map(map.get("comment"), "inbound.comment");
    if (commentFields != null) {
      for (var entry : commentFields.entries().entrySet()) {
        String name = entry.getKey();
        if (!COMMENT_FIELDS.contains(name)) {
          fields.add(
              entry
                  .getValue()
                  .key()
                  .problem(
                      "no comment field '"
                          + name
                          + "'"
                          + ConfigFields.didYouMean(name, COMMENT_FIELDS)
                          + "; fields: "
                          + String.join(", ", COMMENT_FIELDS)));
          continue;
        }
        String target = "comment." + name;
        CanonicalField field = CanonicalField.byKey(target).orElseThrow();
        rule(target, field, entry.getValue().value(), columns, tables, fields)
            .ifPresent(comment::add);
        commentNodes.put(target, entry.getValue().value());
      }
    }
    CommentSelector commentWhen = commentWhen(map.get("commentWhen"), columns, fields);
    if (commentWhen != null && comment.isEmpty()) {
      fields.add(map.get("commentWhen").problem("selects comments, but inbound.comment maps none"));
    }
    return new InboundMapping(
        file,
        ordered(ticket, ticketNodes, fields),
        ordered(comment, commentNodes, fields),
        commentWhen);
  }

  private CommentSelector commentWhen(YamlNode node, Set<String> columns, ConfigFields fields) {
    YamlNode.MapNode map = fields.map(node, "inbound.commentWhen");
    if (map == null) {
      return null;
    }
    fields.onlyKeys(map, COMMENT_WHEN_KEYS);
    String path = fields.requiredText(map, "field");
    List<String> values = fields.texts(map.get("equals"), "equals");
    if (map.get("equals") == null || values.isEmpty()) {
      fields.add(
          map.problem("commentWhen needs 'equals': the value or values that mark a comment"));
      return null;
    }
    if (path == null) {
      return null;
    }
    RecordPath field;
    try {
      field = RecordPath.parse(path);
    } catch (IllegalArgumentException e) {
      fields.add(map.get("field").problem(e.getMessage()));
      return null;
    }
    if (columns != null && !columns.contains(field.head())) {
      fields.add(
          map.get("field").problem("'" + field.head() + "' is not among the columns " + columns));
      return null;
    }
    return new CommentSelector(field, values, map.line());
  }

  private static List<String> ticketKeys() {
    return CanonicalField.keys().stream().filter(k -> !k.startsWith("comment.")).toList();
  }

  private Optional<FieldRule> rule(
      String target,
      CanonicalField field,
      YamlNode node,
      Set<String> columns,
      Map<String, ValueTable> tables,
      ConfigFields fields) {
    YamlNode.MapNode map;
    if (node instanceof YamlNode.ScalarNode scalar && scalar.value() != null) {
      // The short form `subject: title` means `subject: { from: title }`.
      Map<String, YamlNode.MapNode.Entry> entries = new LinkedHashMap<>();
      entries.put(
          "from",
          new YamlNode.MapNode.Entry(
              new YamlNode.ScalarNode(
                  node.file(), node.line(), node.column(), node.path() + ".from", "from"),
              node));
      map = new YamlNode.MapNode(node.file(), node.line(), node.column(), node.path(), entries);
    } else {
      map = fields.map(node, target);
    }
    if (map == null) {
      return Optional.empty();
    }
    int before = fields.problems().size();
    fields.onlyKeys(map, RULE_KEYS);
    List<RecordPath> sources = new ArrayList<>();
    List<String> references = new ArrayList<>();
    if (map.get("from") != null) {
      for (String from : fields.texts(map.get("from"), "from")) {
        source(from, map.get("from"), columns, sources, references, fields);
      }
    }
    String constant = fields.text(map, "constant");
    if (namesNothing(map.get("from")) == (constant == null)) {
      fields.add(map.problem("give either 'from' (where the value comes from) or 'constant'"));
    }
    List<Transform> transforms = transforms(map.get("transform"), fields);
    ValueTable table = table(map, tables, target, fields);
    String defaultValue = fields.text(map, "default");
    Unmapped unmapped = unmapped(map, table, defaultValue, field, fields);
    boolean required = flag(map, "required", fields);
    String join = fields.text(map, "join");
    checkTypes(map, field, table, constant, defaultValue, transforms, fields);
    if (fields.problems().size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new FieldRule(
            target,
            field,
            sources,
            references,
            constant,
            transforms,
            join,
            table,
            unmapped,
            defaultValue,
            required,
            map.line()));
  }

  /** Whether a key is missing or names nothing ({@code from:} or {@code from: []}). */
  private static boolean namesNothing(YamlNode node) {
    return node == null
        || (node instanceof YamlNode.ScalarNode scalar && scalar.value() == null)
        || (node instanceof YamlNode.ListNode list && list.items().isEmpty());
  }

  private void source(
      String from,
      YamlNode at,
      Set<String> columns,
      List<RecordPath> sources,
      List<String> references,
      ConfigFields fields) {
    if (from.startsWith("@")) {
      references.add(from.substring(1));
      return;
    }
    try {
      RecordPath path = RecordPath.parse(from);
      if (columns != null && path.head() != null && !columns.contains(path.head())) {
        fields.add(
            at.problem(
                "'"
                    + from
                    + "' can never match: the record has no column '"
                    + path.head()
                    + "'"
                    + ConfigFields.didYouMean(path.head(), columns)));
      }
      sources.add(path);
    } catch (IllegalArgumentException e) {
      fields.add(at.problem("can never match: " + e.getMessage()));
    }
  }

  private ValueTable table(
      YamlNode.MapNode map, Map<String, ValueTable> tables, String target, ConfigFields fields) {
    String name = fields.text(map, "table");
    YamlNode inline = map.get("values");
    if (name != null && inline != null) {
      fields.add(
          map.problem(
              "give either 'table' (a table by name) or 'values' (a table here), not both"));
      return null;
    }
    if (inline != null) {
      return table(target, inline, fields).orElse(null);
    }
    if (name == null) {
      return null;
    }
    ValueTable table = tables.get(name);
    if (table == null) {
      fields.add(
          map.get("table")
              .problem(
                  "no table '"
                      + name
                      + "'"
                      + ConfigFields.didYouMean(name, tables.keySet())
                      + (tables.isEmpty()
                          ? "; declare it under tables:"
                          : "; tables: " + String.join(", ", tables.keySet()))));
    }
    return table;
  }

  private Unmapped unmapped(
      YamlNode.MapNode map,
      ValueTable table,
      String defaultValue,
      CanonicalField field,
      ConfigFields fields) {
    Unmapped declared = fields.enumValue(map, "unmapped", Unmapped.class);
    if (declared != null
        && table == null
        && map.get("table") == null
        && map.get("values") == null) {
      fields.add(
          map.get("unmapped")
              .problem("'unmapped' applies to values looked up in a table or values"));
    }
    if (declared == Unmapped.DEFAULT && defaultValue == null) {
      fields.add(map.get("unmapped").problem("'unmapped: default' needs a 'default'"));
    }
    if (declared == Unmapped.KEEP && field.isEnumerated()) {
      fields.add(
          map.get("unmapped")
              .problem(
                  "type mismatch: "
                      + field.key()
                      + " takes only "
                      + String.join(", ", field.allowedValues())
                      + ", so an unmapped value cannot be kept"));
    }
    if (declared != null) {
      return declared;
    }
    return defaultValue != null ? Unmapped.DEFAULT : Unmapped.PARK;
  }

  private static boolean flag(YamlNode.MapNode map, String key, ConfigFields fields) {
    YamlNode node = map.get(key);
    if (node == null) {
      return false;
    }
    if (node instanceof YamlNode.ScalarNode scalar && scalar.value() instanceof Boolean b) {
      return b;
    }
    fields.add(node.problem("must be true or false"));
    return false;
  }

  private void checkTypes(
      YamlNode.MapNode map,
      CanonicalField field,
      ValueTable table,
      String constant,
      String defaultValue,
      List<Transform> transforms,
      ConfigFields fields) {
    if (!field.isEnumerated()) {
      return;
    }
    List<String> allowed = field.allowedValues();
    if (table != null) {
      table
          .entries()
          .forEach(
              (word, value) -> {
                if (!allowed.contains(value.toUpperCase(Locale.ROOT))) {
                  YamlNode at = map.get("values") != null ? map.get("values") : map.get("table");
                  fields.add(
                      at.problem(
                          "type mismatch: table "
                              + table.name()
                              + " maps '"
                              + word
                              + "' to '"
                              + value
                              + "', but "
                              + field.key()
                              + " takes only "
                              + String.join(", ", allowed)));
                }
              });
    }
    for (String[] given : new String[][] {{"constant", constant}, {"default", defaultValue}}) {
      if (given[1] != null && !allowed.contains(given[1].toUpperCase(Locale.ROOT))) {
        fields.add(
            map.get(given[0])
                .problem(
                    "type mismatch: '"
                        + given[1]
                        + "' is not one of "
                        + String.join(", ", allowed)
                        + ConfigFields.didYouMean(given[1].toUpperCase(Locale.ROOT), allowed)));
      }
    }
    if (table == null) {
      for (Transform transform : transforms) {
        if (transform.keyword().equals("date") || transform.keyword().equals("number")) {
          fields.add(
              map.get("transform")
                  .problem(
                      "type mismatch: the "
                          + transform.keyword()
                          + " transform makes a "
                          + (transform.keyword().equals("date") ? "timestamp" : "number")
                          + ", but "
                          + field.key()
                          + " takes only "
                          + String.join(", ", allowed)));
        }
      }
    }
  }

  // --- transforms -------------------------------------------------------------------------------

  private List<Transform> transforms(YamlNode node, ConfigFields fields) {
    List<Transform> transforms = new ArrayList<>();
    if (node == null) {
      return transforms;
    }
    List<YamlNode> items = node instanceof YamlNode.ListNode list ? list.items() : List.of(node);
    for (YamlNode item : items) {
      transform(item, fields).ifPresent(transforms::add);
    }
    return transforms;
  }

  private Optional<Transform> transform(YamlNode item, ConfigFields fields) {
    List<String> all = new ArrayList<>(Transforms.SIMPLE);
    all.addAll(Transforms.WITH_PARAMETERS);
    if (item instanceof YamlNode.ScalarNode scalar && scalar.value() != null) {
      String keyword = scalar.text();
      if (Transforms.SIMPLE.contains(keyword)) {
        return Optional.of(Transforms.simple(keyword));
      }
      String hint =
          Transforms.WITH_PARAMETERS.contains(keyword)
              ? "; '" + keyword + "' needs parameters, as { " + keyword + ": ... }"
              : ConfigFields.didYouMean(keyword, all) + "; transforms: " + String.join(", ", all);
      fields.add(item.problem("unknown transform '" + keyword + "'" + hint));
      return Optional.empty();
    }
    if (!(item instanceof YamlNode.MapNode map) || map.entries().size() != 1) {
      fields.add(
          item.problem("a transform is a keyword such as trim, or one { keyword: parameters }"));
      return Optional.empty();
    }
    var entry = map.entries().entrySet().iterator().next();
    String keyword = entry.getKey();
    YamlNode parameters = entry.getValue().value();
    int before = fields.problems().size();
    try {
      Transform transform =
          switch (keyword) {
            case "regex" -> regex(parameters, fields);
            case "replace" -> {
              YamlNode.MapNode p = parameters(parameters, List.of("pattern", "with"), fields);
              yield p == null
                  ? null
                  : Transforms.replace(
                      fields.requiredText(p, "pattern"), orEmpty(fields.text(p, "with")));
            }
            case "split" -> split(parameters, fields);
            case "join" -> Transforms.join(scalar(parameters, "a separator", fields));
            case "date" -> date(parameters, fields);
            case "number" -> {
              YamlNode.MapNode p = parameters(parameters, List.of("decimal", "grouping"), fields);
              yield p == null
                  ? null
                  : Transforms.number(
                      orDefault(fields.text(p, "decimal"), "."),
                      orEmpty(fields.text(p, "grouping")));
            }
            case "prefix" -> Transforms.prefix(scalar(parameters, "the text to put first", fields));
            case "suffix" -> Transforms.suffix(scalar(parameters, "the text to put last", fields));
            case "truncate" -> {
              Integer length = wholeNumber(parameters, "truncate", 1, fields);
              yield length == null ? null : Transforms.truncate(length);
            }
            default -> {
              String hint =
                  Transforms.SIMPLE.contains(keyword)
                      ? "; write it as a plain '" + keyword + "'"
                      : ConfigFields.didYouMean(keyword, all)
                          + "; transforms: "
                          + String.join(", ", all);
              fields.add(
                  entry.getValue().key().problem("unknown transform '" + keyword + "'" + hint));
              yield null;
            }
          };
      return Optional.ofNullable(transform);
    } catch (PatternSyntaxException e) {
      fields.add(parameters.problem("not a valid regular expression: " + e.getDescription()));
    } catch (IllegalArgumentException | DateTimeException e) {
      fields.add(parameters.problem(e.getMessage()));
    } catch (NullPointerException e) {
      // A parameter the transform needs was missing; say so unless its reader already did.
      if (fields.problems().size() == before) {
        fields.add(parameters.problem("'" + keyword + "' is missing a parameter it needs"));
      }
    }
    return Optional.empty();
  }

  private Transform regex(YamlNode parameters, ConfigFields fields) {
    if (parameters instanceof YamlNode.ScalarNode) {
      String pattern = scalar(parameters, "a pattern", fields);
      int groups = java.util.regex.Pattern.compile(pattern).matcher("").groupCount();
      return Transforms.regex(pattern, groups > 0 ? 1 : 0);
    }
    YamlNode.MapNode p = parameters(parameters, List.of("pattern", "group"), fields);
    if (p == null) {
      return null;
    }
    String pattern = fields.requiredText(p, "pattern");
    Integer group =
        p.get("group") == null
            ? Integer.valueOf(1)
            : wholeNumber(p.get("group"), "group", 0, fields);
    return pattern == null || group == null ? null : Transforms.regex(pattern, group);
  }

  private Transform split(YamlNode parameters, ConfigFields fields) {
    if (parameters instanceof YamlNode.ScalarNode) {
      return Transforms.split(scalar(parameters, "a separator", fields), null);
    }
    YamlNode.MapNode p = parameters(parameters, List.of("separator", "index"), fields);
    if (p == null) {
      return null;
    }
    Integer index = p.get("index") == null ? null : wholeNumber(p.get("index"), "index", 0, fields);
    String separator = fields.requiredText(p, "separator");
    if (separator == null || (p.get("index") != null && index == null)) {
      return null;
    }
    return Transforms.split(separator, index);
  }

  private Transform date(YamlNode parameters, ConfigFields fields) {
    YamlNode.MapNode p = parameters(parameters, List.of("formats", "format", "zone"), fields);
    if (p == null) {
      return null;
    }
    List<String> formats = new ArrayList<>();
    if (p.get("format") != null) {
      String format = fields.text(p, "format");
      if (format == null || format.isBlank()) {
        fields.add(p.get("format").problem("format is empty: write a pattern such as dd.MM.yyyy"));
        return null;
      }
      formats.add(format);
    }
    formats.addAll(fields.texts(p.get("formats"), "formats"));
    if (formats.isEmpty()) {
      fields.add(p.problem("date needs 'format' or 'formats' (patterns such as dd.MM.yyyy HH:mm)"));
      return null;
    }
    for (String format : formats) {
      try {
        DateTimeFormatter.ofPattern(format);
      } catch (IllegalArgumentException e) {
        fields.add(p.problem("'" + format + "' is not a date pattern: " + e.getMessage()));
        return null;
      }
    }
    String zone = orDefault(fields.text(p, "zone"), "UTC");
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (DateTimeException e) {
      fields.add(
          p.get("zone")
              .problem("'" + zone + "' is not a time zone (write Europe/Moscow, UTC or +03:00)"));
      return null;
    }
    return Transforms.date(formats, zoneId);
  }

  private static YamlNode.MapNode parameters(
      YamlNode node, List<String> keys, ConfigFields fields) {
    YamlNode.MapNode map = fields.map(node, "parameters");
    if (map != null) {
      fields.onlyKeys(map, keys);
    }
    return map;
  }

  private static String scalar(YamlNode node, String what, ConfigFields fields) {
    if (node instanceof YamlNode.ScalarNode scalar && scalar.value() != null) {
      return scalar.text();
    }
    fields.add(node.problem("needs " + what));
    return null;
  }

  /** A whole number of at least {@code min}, or null with a problem naming the parameter. */
  private static Integer wholeNumber(YamlNode node, String name, int min, ConfigFields fields) {
    if (node instanceof YamlNode.ScalarNode scalar && scalar.value() != null) {
      try {
        long value = Long.parseLong(scalar.text().strip().replaceFirst("^\\+", ""));
        if (value >= min && value <= Integer.MAX_VALUE) {
          return (int) value;
        }
      } catch (NumberFormatException e) {
        // not a number: reported below
      }
    }
    fields.add(node.problem(name + " must be a whole number of at least " + min));
    return null;
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  private static String orDefault(String text, String fallback) {
    return text == null ? fallback : text;
  }

  // --- references and order ---------------------------------------------------------------------

  /**
   * The rules in an order where every {@code @field} is filled before a rule reads it; a reference
   * to a field without a rule, or a cycle, is a problem.
   */
  private List<FieldRule> ordered(
      List<FieldRule> rules, Map<String, YamlNode> nodes, ConfigFields fields) {
    Map<String, FieldRule> byTarget = new LinkedHashMap<>();
    rules.forEach(r -> byTarget.put(r.target(), r));
    for (FieldRule rule : rules) {
      for (String reference : rule.references()) {
        if (!byTarget.containsKey(reference) && !nodes.containsKey(reference)) {
          fields.add(
              nodes
                  .get(rule.target())
                  .problem(
                      "'@"
                          + reference
                          + "' names no mapped field"
                          + ConfigFields.didYouMean(reference, byTarget.keySet())));
        }
      }
    }
    List<FieldRule> ordered = new ArrayList<>();
    Set<String> done = new HashSet<>();
    Set<String> reported = new HashSet<>();
    for (FieldRule rule : rules) {
      visit(rule, byTarget, done, new ArrayList<>(), ordered, nodes, reported, fields);
    }
    return ordered;
  }

  private void visit(
      FieldRule rule,
      Map<String, FieldRule> byTarget,
      Set<String> done,
      List<String> path,
      List<FieldRule> ordered,
      Map<String, YamlNode> nodes,
      Set<String> reported,
      ConfigFields fields) {
    if (done.contains(rule.target())) {
      return;
    }
    int at = path.indexOf(rule.target());
    if (at >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
      cycle.add(rule.target());
      if (reported.add(rule.target())) {
        fields.add(
            nodes
                .get(rule.target())
                .problem("fields read each other in a cycle: " + String.join(" -> @", cycle)));
      }
      return;
    }
    path.add(rule.target());
    for (String reference : rule.references()) {
      FieldRule next = byTarget.get(reference);
      if (next != null) {
        visit(next, byTarget, done, path, ordered, nodes, reported, fields);
      }
    }
    path.remove(path.size() - 1);
    if (done.add(rule.target())) {
      ordered.add(rule);
    }
  }

  // --- outbound ---------------------------------------------------------------------------------

  private OutboundMapping outbound(
      Path file, YamlNode node, Map<String, ValueTable> tables, ConfigFields fields) {
    YamlNode.MapNode map = fields.map(node, "outbound");
    if (map == null) {
      return OutboundMapping.defaults();
    }
    fields.onlyKeys(map, OUTBOUND_KEYS);
    Set<String> allowed = new LinkedHashSet<>();
    if (map.get("allow") == null) {
      fields.add(
          map.problem("outbound needs 'allow': the list of what may leave toward this partner"));
    }
    for (String item : fields.texts(map.get("allow"), "allow")) {
      if (!Allowlist.isKnownItem(item)) {
        fields.add(
            map.get("allow")
                .problem(
                    "'"
                        + item
                        + "' is nothing that can leave"
                        + ConfigFields.didYouMean(item, Allowlist.ITEMS)
                        + "; items: "
                        + String.join(", ", Allowlist.ITEMS)));
      }
      allowed.add(item);
    }
    List<OutboundRule> rules = new ArrayList<>();
    YamlNode.MapNode ruleMap = fields.map(map.get("fields"), "outbound.fields");
    if (ruleMap != null) {
      ruleMap
          .entries()
          .forEach(
              (field, entry) -> outboundRule(field, entry, tables, fields).ifPresent(rules::add));
    }
    Workflow workflow = workflow(map.get("workflow"), rules, fields);
    return new OutboundMapping(file, new Allowlist(allowed), rules, workflow);
  }

  private Optional<OutboundRule> outboundRule(
      String field,
      YamlNode.MapNode.Entry entry,
      Map<String, ValueTable> tables,
      ConfigFields fields) {
    Optional<CanonicalField> known = CanonicalField.byKey(field);
    if (known.isEmpty() || known.get() == CanonicalField.EXTERNAL_ID) {
      List<String> keys =
          CanonicalField.keys().stream().filter(k -> !k.equals("externalId")).toList();
      fields.add(
          entry
              .key()
              .problem(
                  "no canonical field '" + field + "'" + ConfigFields.didYouMean(field, keys)));
      return Optional.empty();
    }
    YamlNode.MapNode map = fields.map(entry.value(), field);
    if (map == null) {
      return Optional.empty();
    }
    int before = fields.problems().size();
    fields.onlyKeys(map, OUTBOUND_RULE_KEYS);
    String to = fields.requiredText(map, "to");
    if (to != null && !to.matches("[^.\\[\\]]+(\\.[^.\\[\\]]+)*")) {
      fields.add(
          map.get("to")
              .problem(
                  "'"
                      + to
                      + "' must be names separated by dots (such as comment.body); a record we"
                      + " write has no lists to index into"));
    }
    ValueTable table = table(map, tables, field, fields);
    List<Transform> transforms = transforms(map.get("transform"), fields);
    // Read backwards, a word for something that is not a status would never be sent.
    checkTypes(map, known.get(), table, null, null, List.of(), fields);
    if (fields.problems().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new OutboundRule(field, to, table, transforms, map.line()));
  }

  private Workflow workflow(YamlNode node, List<OutboundRule> rules, ConfigFields fields) {
    YamlNode.MapNode map = fields.map(node, "workflow");
    if (map == null) {
      return Workflow.ANY;
    }
    fields.onlyKeys(map, WORKFLOW_KEYS);
    Set<String> words = statusWords(rules);
    Map<String, Set<String>> transitions = new LinkedHashMap<>();
    YamlNode.MapNode transitionMap = fields.map(map.get("transitions"), "transitions");
    if (transitionMap != null) {
      transitionMap
          .entries()
          .forEach(
              (from, entry) -> {
                checkWord(from, entry.key(), words, fields);
                Set<String> next = new LinkedHashSet<>();
                for (String to : fields.texts(entry.value(), from)) {
                  checkWord(to, entry.value(), words, fields);
                  next.add(to);
                }
                transitions.put(from, next);
              });
    }
    Map<String, List<String>> requires = new LinkedHashMap<>();
    YamlNode.MapNode requireMap = fields.map(map.get("requires"), "requires");
    if (requireMap != null) {
      requireMap
          .entries()
          .forEach(
              (status, entry) -> {
                checkWord(status, entry.key(), words, fields);
                List<String> needed = fields.texts(entry.value(), status);
                for (String field : needed) {
                  Optional<CanonicalField> known = CanonicalField.byKey(field);
                  if (known.isEmpty()) {
                    fields.add(
                        entry
                            .value()
                            .problem(
                                "no canonical field '"
                                    + field
                                    + "'"
                                    + ConfigFields.didYouMean(field, CanonicalField.keys())));
                  } else if (known.get().isComment() || known.get() == CanonicalField.EXTERNAL_ID) {
                    fields.add(
                        entry
                            .value()
                            .problem(
                                "'"
                                    + field
                                    + "' is not a field of the ticket, so no status can require it"));
                  }
                }
                requires.put(status, needed);
              });
    }
    return new Workflow(transitions, requires, map.line());
  }

  /** The partner's status words, when its status goes through a table; null when any word goes. */
  private static Set<String> statusWords(List<OutboundRule> rules) {
    for (OutboundRule rule : rules) {
      if (rule.field().equals("status") && rule.table() != null) {
        return rule.table().partnerWords();
      }
    }
    return null;
  }

  private static void checkWord(String word, YamlNode at, Set<String> words, ConfigFields fields) {
    if (words != null && !words.contains(word)) {
      fields.add(
          at.problem(
              "'"
                  + word
                  + "' is not one of the partner's status words"
                  + ConfigFields.didYouMean(word, words)
                  + "; words: "
                  + String.join(", ", words)));
    }
  }
}
