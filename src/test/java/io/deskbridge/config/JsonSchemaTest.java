package io.deskbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.deskbridge.connector.ConnectorKinds;
import io.deskbridge.mapping.MappingFileReader;
import io.deskbridge.partner.PartnerFileReader;
import io.deskbridge.queue.ManufacturerFileReader;
import io.deskbridge.routing.RoutingFileReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas in {@code src/main/resources/schemas} let editors check the files ops write, so
 * they must agree with the readers: every file a reader accepts passes its schema, and a broken
 * document is refused by the schema at the property at fault and by the reader as well. Checks that
 * need other files (queues, partners, table names) or compiled values (record paths, date patterns)
 * are left to the readers.
 */
class JsonSchemaTest {

  private static final String SCHEMA_BASE = "https://deskbridge.io/schemas/";
  private static final String HEADER = "# yaml-language-server: $schema=";
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(
          SpecVersion.VersionFlag.V202012,
          builder ->
              builder.schemaMappers(
                  mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
  private static final SchemaValidatorsConfig CONFIG =
      SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).locale(Locale.ROOT).build();
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Kind, JsonSchema> SCHEMAS = new EnumMap<>(Kind.class);
  private static final Set<String> CONDITIONS = Set.of("if", "then", "else", "not");

  private static final List<String> QUEUES = List.of("triage", "fire-panels-l2", "intrusion");
  private static final List<String> PARTNERS = List.of("acme-fire", "nordsec");
  private static final SecretReferences SECRETS =
      new SecretReferences(Map.of("ACME_API_KEY", "acme-key-for-schema-tests"));

  @TempDir Path dir;

  /** A kind of configuration file: its schema and its reader. */
  enum Kind {
    PARTNER("partner") {
      @Override
      boolean readerAccepts(Path file, List<ConfigProblem> problems) {
        return new PartnerFileReader(ConnectorKinds.discover(), SECRETS)
            .read(file, problems)
            .isPresent();
      }
    },
    MANUFACTURER("manufacturer") {
      @Override
      boolean readerAccepts(Path file, List<ConfigProblem> problems) {
        return new ManufacturerFileReader().read(file, problems).isPresent();
      }
    },
    ROUTING("routing") {
      @Override
      boolean readerAccepts(Path file, List<ConfigProblem> problems) {
        return new RoutingFileReader().read(file, QUEUES, PARTNERS, problems).isPresent();
      }
    },
    MAPPING("mapping") {
      @Override
      boolean readerAccepts(Path file, List<ConfigProblem> problems) {
        return new MappingFileReader().read("sample", file, problems).isPresent();
      }
    };

    final String schemaName;

    Kind(String schemaName) {
      this.schemaName = schemaName + ".schema.json";
    }

    abstract boolean readerAccepts(Path file, List<ConfigProblem> problems);

    JsonSchema schema() {
      synchronized (SCHEMAS) {
        return SCHEMAS.computeIfAbsent(
            this, k -> FACTORY.getSchema(SchemaLocation.of(SCHEMA_BASE + schemaName), CONFIG));
      }
    }

    /** The kind of a file in connectors/ or mappings/ by its name. */
    static Kind of(Path file) {
      String name = file.getFileName().toString();
      boolean connectors = file.getParent().getFileName().toString().equals("connectors");
      if (connectors) {
        return name.equals("manufacturer.yml") ? MANUFACTURER : PARTNER;
      }
      return name.equals("routing.yml") ? ROUTING : MAPPING;
    }
  }

  /** A document the schema must refuse, at the property {@code at}, by {@code keyword}. */
  record Broken(Kind kind, String what, String yaml, String at, String keyword) {
    @Override
    public String toString() {
      return kind.schemaName + ": " + what;
    }
  }

  /** A document the reader accepts although it is written in an unusual but allowed way. */
  record Accepted(Kind kind, String what, String yaml) {
    @Override
    public String toString() {
      return kind.schemaName + ": " + what;
    }
  }

  static Stream<Path> configurationFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder :
        List.of(
            "examples/connectors",
            "examples/mappings",
            "examples/email/connectors",
            "examples/email/mappings",
            "examples/csv/connectors",
            "examples/csv/mappings",
            "connectors",
            "mappings")) {
      Path path = Path.of(folder);
      if (Files.isDirectory(path)) {
        try (Stream<Path> list = Files.list(path)) {
          list.filter(f -> f.toString().endsWith(".yml")).sorted().forEach(files::add);
        }
      }
    }
    assertThat(files).as("configuration files to check").isNotEmpty();
    return files.stream();
  }

  static Stream<Path> exampleFiles() throws IOException {
    return configurationFiles().filter(f -> f.startsWith("examples"));
  }

  static Stream<Broken> brokenDocuments() {
    return Stream.of(
        new Broken(
            Kind.PARTNER,
            "unknown key",
            "id: acme\nconector: rest\n",
            "/conector",
            "additionalProperties"),
        new Broken(Kind.PARTNER, "missing connector", "id: acme\n", "/connector", "required"),
        new Broken(Kind.PARTNER, "id in capitals", "id: ACME\nconnector: rest\n", "/id", "pattern"),
        new Broken(
            Kind.PARTNER,
            "settings as a list",
            "id: acme\nconnector: rest\nsettings: [a]\n",
            "/settings",
            "type"),
        new Broken(
            Kind.PARTNER,
            "secret written inline",
            "id: acme\nconnector: rest\nsecurity:\n  apiKeys:\n    - secret: hunter2\n",
            "/security/apiKeys/0/secret",
            "pattern"),
        new Broken(
            Kind.PARTNER,
            "API key with both sha256 and secret",
            """
            id: acme
            connector: rest
            security:
              apiKeys:
                - sha256: 47d8b500819c146f6661ab6caddaca93acf2b3fb765a0b5662808123e3329985
                  secret: ${ACME_API_KEY}
            """,
            "/security/apiKeys/0",
            "oneOf"),
        new Broken(
            Kind.PARTNER,
            "signing secret written inline",
            "id: acme\nconnector: rest\nsecurity:\n  signing:\n    secret: hunter2\n",
            "/security/signing/secret",
            "pattern"),
        new Broken(
            Kind.PARTNER,
            "signing with both secret and secrets",
            """
            id: acme
            connector: rest
            security:
              signing:
                secret: ${ACME_API_KEY}
                secrets: ["${ACME_API_KEY}"]
            """,
            "/security/signing",
            "oneOf"),
        new Broken(
            Kind.PARTNER,
            "webhook scheme misspelt",
            "id: acme\nconnector: rest\nsecurity:\n  webhook:\n    scheme: hamc\n",
            "/security/webhook/scheme",
            "enum"),
        new Broken(
            Kind.PARTNER,
            "basic webhook without its password",
            "id: acme\nconnector: rest\nsecurity:\n  webhook:\n    scheme: basic\n    username: u\n",
            "/security/webhook/password",
            "required"),
        new Broken(
            Kind.MANUFACTURER,
            "unknown queue key",
            "name: M\nqueues:\n  - id: triage\n    title: Triage\n",
            "/queues/0/title",
            "additionalProperties"),
        new Broken(
            Kind.MANUFACTURER,
            "connector other than queues",
            "name: M\nconnector: jira\nqueues: []\n",
            "/connector",
            "enum"),
        new Broken(Kind.MANUFACTURER, "missing queues", "name: M\n", "/queues", "required"),
        new Broken(
            Kind.MANUFACTURER,
            "queues as a mapping",
            "name: M\nqueues: { triage: Triage }\n",
            "/queues",
            "type"),
        new Broken(
            Kind.ROUTING,
            "unknown rule key",
            "rules:\n  - name: d\n    queue: triage\n    target: PT1H\n",
            "/rules/0/target",
            "additionalProperties"),
        new Broken(
            Kind.ROUTING,
            "priority that does not exist",
            "rules:\n  - name: d\n    queue: triage\n    priority: URGENT\n",
            "/rules/0/priority",
            "enum"),
        new Broken(
            Kind.ROUTING,
            "condition on an unknown field",
            """
            rules:
              - name: panels
                when: { product.modell: "FP-*" }
                queue: fire-panels-l2
              - name: default
                queue: triage
            """,
            "/rules/0/when/product.modell",
            "additionalProperties"),
        new Broken(
            Kind.ROUTING,
            "response target in weeks",
            "rules:\n  - name: d\n    queue: triage\n    responseTarget: 1w\n",
            "/rules/0/responseTarget",
            "pattern"),
        new Broken(
            Kind.ROUTING,
            "rule without queue",
            "rules:\n  - name: d\n",
            "/rules/0/queue",
            "required"),
        new Broken(
            Kind.ROUTING,
            "no rule without conditions",
            "rules:\n  - name: panels\n    when: { category: fault }\n    queue: triage\n",
            "/rules",
            "minContains"),
        new Broken(Kind.ROUTING, "rules as text", "rules: triage\n", "/rules", "type"),
        new Broken(
            Kind.MAPPING,
            "unknown top-level key",
            "outbund: {}\ninbound: {}\n",
            "/outbund",
            "additionalProperties"),
        new Broken(
            Kind.MAPPING,
            "neither inbound nor outbound",
            "description: nothing\n",
            "/inbound",
            "required"),
        new Broken(
            Kind.MAPPING,
            "unknown canonical field",
            "inbound:\n  fields:\n    titel: title\n",
            "/inbound/fields/titel",
            "additionalProperties"),
        new Broken(
            Kind.MAPPING,
            "unknown rule keyword",
            "inbound:\n  fields:\n    subject: { form: title }\n",
            "/inbound/fields/subject/form",
            "additionalProperties"),
        new Broken(
            Kind.MAPPING,
            "unknown transform",
            "inbound:\n  fields:\n    subject: { from: title, transform: [strip] }\n",
            "/inbound/fields/subject/transform/0",
            "enum"),
        new Broken(
            Kind.MAPPING,
            "replace without pattern",
            "inbound:\n  fields:\n    subject: { from: title, transform: [{ replace: { with: x } }] }\n",
            "/inbound/fields/subject/transform/0/replace/pattern",
            "required"),
        new Broken(
            Kind.MAPPING,
            "status default that is no status",
            "inbound:\n  fields:\n    status: { from: state, default: DONE }\n",
            "/inbound/fields/status/default",
            "enum"),
        new Broken(
            Kind.MAPPING,
            "unknown unmapped policy",
            "inbound:\n  fields:\n    category: { from: type, values: { a: b }, unmapped: drop }\n",
            "/inbound/fields/category/unmapped",
            "enum"),
        new Broken(
            Kind.MAPPING,
            "unmapped keep on priority",
            "inbound:\n  fields:\n    priority: { from: p, values: { hi: HIGH }, unmapped: keep }\n",
            "/inbound/fields/priority/unmapped",
            "not"),
        new Broken(
            Kind.MAPPING,
            "required that is not true or false",
            "inbound:\n  fields:\n    subject: { from: title, required: maybe }\n",
            "/inbound/fields/subject/required",
            "type"),
        new Broken(
            Kind.MAPPING,
            "from and constant together",
            "inbound:\n  fields:\n    subject: { from: title, constant: Hello }\n",
            "/inbound/fields/subject/constant",
            "type"),
        new Broken(
            Kind.MAPPING,
            "outbound without allow",
            "outbound:\n  fields: {}\n",
            "/outbound/allow",
            "required"),
        new Broken(
            Kind.MAPPING,
            "allow item that cannot leave",
            "outbound:\n  allow: [status, internalComments]\n",
            "/outbound/allow/1",
            "enum"),
        new Broken(
            Kind.MAPPING,
            "outbound field without to",
            "outbound:\n  allow: [status]\n  fields:\n    status: { table: statuses }\n",
            "/outbound/fields/status/to",
            "required"),
        new Broken(
            Kind.MAPPING,
            "workflow requiring an unknown field",
            "outbound:\n  allow: [status]\n  workflow:\n    requires:\n      solved: [resolution]\n",
            "/outbound/workflow/requires/solved/0",
            "enum"));
  }

  static Stream<Accepted> acceptedVariants() {
    return Stream.of(
        new Accepted(
            Kind.PARTNER,
            "numbers as text, empty mapping, key by reference",
            """
            id: 0042
            name: 12
            connector: rest
            mapping:
            security:
              apiKeys:
                - secret: ${ACME_API_KEY}
                - sha256: 47D8B500819C146F6661AB6CADDACA93ACF2B3FB765A0B5662808123E3329985
            settings: {}
            """),
        new Accepted(
            Kind.PARTNER,
            "signing with rotated secrets, an HMAC webhook with one delivery header",
            """
            id: acme
            connector: rest
            security:
              signing:
                secrets: ["${ACME_API_KEY}", " ${ACME_API_KEY} "]
                required: false
              webhook:
                scheme: hmac
                header: X-Signature
                prefix: "sha256="
                secret: ${ACME_API_KEY}
                deliveryHeader: X-Request-Delivery
            """),
        new Accepted(
            Kind.MANUFACTURER,
            "no connector, queue with an id only",
            "name: M\nqueues:\n  - id: triage\n  - id: 7\n    name:\n"),
        new Accepted(
            Kind.ROUTING,
            "lower-case priorities, globs, lists, milliseconds",
            """
            rules:
              - name: 7
                when: { priority: [high, "*"], site.name: 5, partner: "acme-*" }
                queue: triage
                priority: " low "
                responseTarget: 250ms
              - name: default
                queue: triage
                priority:
                responseTarget: P1DT2H
            """),
        new Accepted(
            Kind.MAPPING,
            "short forms, lower-case values, yes, every transform shape",
            """
            description: { any: thing }
            tables:
              states: { new: new, done: Resolved }
            inbound:
              columns: [a, b, c, 5]
              fields:
                externalId: a
                subject: { from: [a, 5], join: " ", required: yes, transform: trim }
                description: { from: "@subject", transform: [] }
                status: { from: b, table: states, transform: [{ number: {} }] }
                priority: { constant: High, values: { high: HIGH } }
                category: { from: c, values: { x: y }, unmapped: Default, default: other }
                attributes.a.b: { from: c, transform: [{ regex: 5 }, { regex: { pattern: "(a)", group: "1" } }] }
                attributes.c: { from: c, transform: [{ split: "," }, { split: { separator: ",", index: 0 } }] }
                attributes.d: { from: c, transform: [{ join: "" }, { prefix: "" }, { suffix: x }, { truncate: "5" }] }
                attributes.e: { from: c, transform: { date: { formats: yyyy, zone: } } }
                attributes.f: { from: c, transform: { replace: { pattern: x, with: } } }
              comment:
                text: a
                visibility: { from: b, values: { x: public }, unmapped: default, default: Internal }
            outbound:
              allow: [attributes.x, attributes, publicComments]
              fields:
                comment.visibility: { to: vis }
                status: { to: s, values: { nouveau: NEW, fini: RESOLVED } }
                subject: { to: s, transform: [{ truncate: 5 }, upper] }
              workflow:
                transitions: { nouveau: fini, fini: }
                requires: { nouveau: subject, fini: [attributes.z] }
            """));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everySchemaIsAValidDraft202012Schema(Kind kind) {
    JsonSchema metaSchema = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012), CONFIG);

    JsonNode schema = schemaJson(kind);

    assertThat(metaSchema.validate(schema)).isEmpty();
    assertThat(schema.path("$id").asText()).isEqualTo(SCHEMA_BASE + kind.schemaName);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyPropertyOfEverySchemaIsDescribed(Kind kind) {
    List<String> undescribed = new ArrayList<>();

    collectUndescribed(schemaJson(kind), "", undescribed);

    assertThat(undescribed).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurationFiles")
  void configurationFileMatchesItsSchema(Path file) throws IOException {
    Set<ValidationMessage> errors = Kind.of(file).schema().validate(YAML.readTree(file.toFile()));

    assertThat(errors).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void exampleFileNamesItsSchemaOnItsFirstLine(Path file) throws IOException {
    String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);

    assertThat(first).startsWith(HEADER).endsWith("/" + Kind.of(file).schemaName);
    assertThat(file.getParent().resolve(first.substring(HEADER.length()))).isRegularFile();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenDocuments")
  void brokenDocumentIsRefusedAtTheProperty(Broken broken) throws IOException {
    Set<ValidationMessage> errors = broken.kind().schema().validate(YAML.readTree(broken.yaml()));

    assertThat(errors)
        .extracting(error -> where(error) + " " + error.getType())
        .contains(broken.at() + " " + broken.keyword());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenDocuments")
  void readerRefusesWhatTheSchemaRefuses(Broken broken) {
    List<ConfigProblem> problems = new ArrayList<>();

    boolean accepted = broken.kind().readerAccepts(file(broken.yaml()), problems);

    assertThat(accepted).isFalse();
    assertThat(problems).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedVariants")
  void schemaAcceptsWhatTheReaderAccepts(Accepted variant) throws IOException {
    List<ConfigProblem> problems = new ArrayList<>();
    assertThat(variant.kind().readerAccepts(file(variant.yaml()), problems))
        .as("the reader accepts it: %s", problems)
        .isTrue();

    Set<ValidationMessage> errors = variant.kind().schema().validate(YAML.readTree(variant.yaml()));

    assertThat(errors).isEmpty();
  }

  /** The instance path of an error, ending in the property for a missing or unknown key. */
  private static String where(ValidationMessage error) {
    String at = error.getInstanceLocation().toString();
    boolean namesKey =
        "required".equals(error.getType()) || "additionalProperties".equals(error.getType());
    return namesKey && error.getProperty() != null ? at + "/" + error.getProperty() : at;
  }

  private Path file(String yaml) {
    try {
      return Files.writeString(dir.resolve("sample.yml"), yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode schemaJson(Kind kind) {
    try (InputStream in = JsonSchemaTest.class.getResourceAsStream("/schemas/" + kind.schemaName)) {
      assertThat(in).as(kind.schemaName + " on the classpath").isNotNull();
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Paths of properties (fixed or by pattern) whose schema has no description. Properties under if,
   * then, else and not only tell documents apart; they are not what ops read.
   */
  private static void collectUndescribed(JsonNode node, String path, List<String> undescribed) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUndescribed(node.get(i), path + "/" + i, undescribed);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String key = entry.getKey();
      if (CONDITIONS.contains(key)) {
        continue;
      }
      String at = path + "/" + key;
      if ((key.equals("properties") || key.equals("patternProperties"))
          && entry.getValue().isObject()) {
        entry
            .getValue()
            .fields()
            .forEachRemaining(
                property -> {
                  if (!property.getValue().has("description")) {
                    undescribed.add(at + "/" + property.getKey());
                  }
                });
      }
      collectUndescribed(entry.getValue(), at, undescribed);
    }
  }
}
