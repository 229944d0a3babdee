package io.deskbridge.partner;

import io.deskbridge.config.ConfigFields;
import io.deskbridge.config.ConfigProblem;
import io.deskbridge.config.SecretReferences;
import io.deskbridge.config.YamlFiles;
import io.deskbridge.config.YamlNode;
import io.deskbridge.connector.ConnectorKind;
import io.deskbridge.connector.ConnectorKinds;
import io.deskbridge.connector.ConnectorSettings;
import io.deskbridge.connector.SettingDefinition;
import io.deskbridge.connector.SettingProblem;
import io.deskbridge.ticket.Side;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads one partner file into a {@link Partner}, reporting every problem with its location. */
public final class PartnerFileReader {

  private static final List<String> KEYS =
      List.of("id", "name", "connector", "mapping", "security", "settings");
  private static final List<String> SECURITY_KEYS = List.of("apiKeys");
  private static final List<String> API_KEY_KEYS = List.of("sha256", "secret");
  private static final String ID_SHAPE = "[a-z0-9][a-z0-9_-]{0,62}";

  private final ConnectorKinds kinds;
  private final SecretReferences secrets;

  public PartnerFileReader(ConnectorKinds kinds, SecretReferences secrets) {
    this.kinds = kinds;
    this.secrets = secrets;
  }

  /** A partner read from its file, with where its id stands (for "id used twice" problems). */
  public record Read(Partner partner, int idLine, int idColumn) {}

  /** The partner, or empty when the file has problems (all of them added). */
  public Optional<Read> read(Path file, List<ConfigProblem> problems) {
    int before = problems.size();
    ConfigFields fields = new ConfigFields(problems);
    YamlNode.MapNode root = fields.map(YamlFiles.read(file, problems), "a partner file");
    if (root == null) {
      return Optional.empty();
    }
    fields.onlyKeys(root, KEYS);
    String id = fields.requiredText(root, "id");
    if (id != null && !id.matches(ID_SHAPE)) {
      problems.add(
          root.get("id").problem("'" + id + "' must be lower-case letters, digits, '-' or '_'"));
    }
    if (Side.MANUFACTURER_ID.equals(id)) {
      problems.add(
          root.get("id").problem("'manufacturer' is the manufacturer's side, not a partner"));
    }
    String name = fields.text(root, "name");
    String kindId = fields.requiredText(root, "connector");
    String mapping = fields.text(root, "mapping");
    List<byte[]> keys = apiKeys(root, fields);
    ConnectorSettings settings = settings(root, kindId, fields);
    if (problems.size() > before) {
      return Optional.empty();
    }
    YamlNode idNode = root.get("id");
    return Optional.of(
        new Read(
            new Partner(id, name == null ? id : name, kindId, mapping, keys, settings, file),
            idNode.line(),
            idNode.column()));
  }

  private List<byte[]> apiKeys(YamlNode.MapNode root, ConfigFields fields) {
    List<byte[]> hashes = new ArrayList<>();
    YamlNode.MapNode security = fields.map(root.get("security"), "security");
    if (security == null) {
      return hashes;
    }
    fields.onlyKeys(security, SECURITY_KEYS);
    for (YamlNode item : fields.list(security.get("apiKeys"), "security.apiKeys")) {
      YamlNode.MapNode key = fields.map(item, "an API key");
      if (key == null) {
        continue;
      }
      fields.onlyKeys(key, API_KEY_KEYS);
      String sha256 = fields.text(key, "sha256");
      String secret = fields.text(key, "secret");
      if ((sha256 == null) == (secret == null)) {
        fields.add(
            key.problem(
                "give either sha256 (the key's SHA-256 in hex) or secret (${ENV_VAR} or file:/path)"));
      } else if (sha256 != null) {
        if (!sha256.matches("[0-9a-fA-F]{64}")) {
          fields.add(key.get("sha256").problem("must be 64 hex digits, the SHA-256 of the key"));
        } else {
          hashes.add(HexFormat.of().parseHex(sha256.toLowerCase()));
        }
      } else {
        try {
          hashes.add(ApiKeys.hash(secrets.resolve(secret)));
        } catch (IllegalArgumentException e) {
          fields.add(key.get("secret").problem(e.getMessage()));
        }
      }
    }
    return hashes;
  }

  private ConnectorSettings settings(YamlNode.MapNode root, String kindId, ConfigFields fields) {
    YamlNode.MapNode block = fields.map(root.get("settings"), "settings");
    Map<String, Object> values = new LinkedHashMap<>();
    if (block != null) {
      block.entries().forEach((k, e) -> values.put(k, e.value().plain()));
    }
    if (kindId == null) {
      return ConnectorSettings.none();
    }
    Optional<ConnectorKind> kind = kinds.find(kindId);
    if (kind.isEmpty()) {
      fields.add(
          root.get("connector")
              .problem(
                  "unknown connector kind '"
                      + kindId
                      + "'"
                      + ConfigFields.didYouMean(kindId, kinds.ids())
                      + "; known kinds: "
                      + String.join(", ", kinds.ids())));
      return ConnectorSettings.none();
    }
    resolveSecrets(kind.get(), block, values, fields);
    ConnectorSettings settings = new ConnectorSettings(values);
    for (SettingProblem problem : kind.get().validate(settings)) {
      YamlNode at = block == null ? null : block.get(problem.setting());
      YamlNode where = at != null ? at : block != null ? block : root;
      String field = "settings." + problem.setting();
      fields.add(
          new ConfigProblem(where.file(), where.line(), where.column(), field, problem.message()));
    }
    return settings;
  }

  private void resolveSecrets(
      ConnectorKind kind, YamlNode.MapNode block, Map<String, Object> values, ConfigFields fields) {
    for (SettingDefinition definition : kind.settings()) {
      Object value = values.get(definition.name());
      if (!definition.secret() || value == null) {
        continue;
      }
      try {
        values.put(definition.name(), secrets.resolve(String.valueOf(value)));
      } catch (IllegalArgumentException e) {
        fields.add(block.get(definition.name()).problem(e.getMessage()));
        values.remove(definition.name());
      }
    }
  }
}
