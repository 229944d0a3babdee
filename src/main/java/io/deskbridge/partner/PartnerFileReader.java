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
  private static final List<String> SECURITY_KEYS = List.of("apiKeys", "signing", "webhook");
  private static final List<String> SIGNING_KEYS = List.of("secret", "secrets", "required");
  private static final List<String> WEBHOOK_KEYS =
      List.of(
          "scheme",
          "header",
          "prefix",
          "secret",
          "username",
          "password",
          "token",
          "deliveryHeader");
  private static final Map<PartnerSecurity.Scheme, List<String>> WEBHOOK_SCHEME_KEYS =
      Map.of(
          PartnerSecurity.Scheme.HMAC, List.of("header", "prefix", "secret"),
          PartnerSecurity.Scheme.BASIC, List.of("username", "password"),
          PartnerSecurity.Scheme.BEARER, List.of("token"),
          PartnerSecurity.Scheme.API_KEY, List.of());
  private static final String HMAC_HEADER = "X-Hub-Signature-256";
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
    PartnerSecurity security = security(root, fields);
    ConnectorSettings settings = settings(root, kindId, fields);
    if (problems.size() > before) {
      return Optional.empty();
    }
    YamlNode idNode = root.get("id");
    return Optional.of(
        new Read(
            new Partner(
                id, name == null ? id : name, kindId, mapping, keys, settings, file, security),
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

  private PartnerSecurity security(YamlNode.MapNode root, ConfigFields fields) {
    if (!(root.get("security") instanceof YamlNode.MapNode security)) {
      return PartnerSecurity.NONE;
    }
    return new PartnerSecurity(
        signing(fields.map(security.get("signing"), "security.signing"), fields),
        webhook(fields.map(security.get("webhook"), "security.webhook"), fields));
  }

  private PartnerSecurity.Signing signing(YamlNode.MapNode signing, ConfigFields fields) {
    if (signing == null) {
      return null;
    }
    fields.onlyKeys(signing, SIGNING_KEYS);
    List<byte[]> secrets = new ArrayList<>();
    YamlNode one = signing.get("secret");
    YamlNode many = signing.get("secrets");
    if ((one == null) == (many == null)) {
      fields.add(
          signing.problem(
              "give either secret (${ENV_VAR} or file:/path) or secrets (a list of them, while a"
                  + " secret is rotated)"));
    }
    if (one != null) {
      byte[] secret = secret(signing, "secret", fields);
      if (secret != null) {
        secrets.add(secret);
      }
    }
    List<YamlNode> items = fields.list(many, "security.signing.secrets");
    for (YamlNode item : items) {
      if (item instanceof YamlNode.ScalarNode scalar && scalar.value() != null) {
        try {
          secrets.add(resolved(scalar.text()));
        } catch (IllegalArgumentException e) {
          fields.add(item.problem(e.getMessage()));
        }
      } else {
        fields.add(item.problem("must be a secret reference (${ENV_VAR} or file:/path)"));
      }
    }
    if (many != null && items.isEmpty() && many instanceof YamlNode.ListNode) {
      fields.add(many.problem("must name at least one secret"));
    }
    Boolean required = bool(signing, "required", fields);
    // A secret is given to be used: signing is required unless the file says otherwise.
    return new PartnerSecurity.Signing(secrets, required == null || required);
  }

  private PartnerSecurity.Webhook webhook(YamlNode.MapNode webhook, ConfigFields fields) {
    if (webhook == null) {
      return null;
    }
    fields.onlyKeys(webhook, WEBHOOK_KEYS);
    String schemeText = fields.requiredText(webhook, "scheme");
    if (schemeText == null) {
      return null;
    }
    List<String> names = List.of("hmac", "basic", "bearer", "apiKey");
    PartnerSecurity.Scheme scheme =
        switch (schemeText.trim()) {
          case "hmac" -> PartnerSecurity.Scheme.HMAC;
          case "basic" -> PartnerSecurity.Scheme.BASIC;
          case "bearer" -> PartnerSecurity.Scheme.BEARER;
          case "apiKey" -> PartnerSecurity.Scheme.API_KEY;
          default -> null;
        };
    if (scheme == null) {
      fields.add(
          webhook
              .get("scheme")
              .problem(
                  "'"
                      + schemeText
                      + "' is not one of "
                      + String.join(", ", names)
                      + ConfigFields.didYouMean(schemeText, names)));
      return null;
    }
    List<String> own = WEBHOOK_SCHEME_KEYS.get(scheme);
    for (String key : List.of("header", "prefix", "secret", "username", "password", "token")) {
      if (webhook.get(key) != null && !own.contains(key)) {
        fields.add(
            webhook.get(key).problem("is not used by scheme " + schemeText + forScheme(own)));
      }
    }
    String header = fields.text(webhook, "header");
    String prefix = fields.text(webhook, "prefix");
    String username = null;
    byte[] secret = null;
    switch (scheme) {
      case HMAC -> {
        secret = requiredSecret(webhook, "secret", fields);
        header = header == null ? HMAC_HEADER : header.trim();
        prefix = prefix == null ? "" : prefix;
      }
      case BASIC -> {
        username = fields.requiredText(webhook, "username");
        secret = requiredSecret(webhook, "password", fields);
      }
      case BEARER -> secret = requiredSecret(webhook, "token", fields);
      case API_KEY -> {}
    }
    List<String> delivery = fields.texts(webhook.get("deliveryHeader"), "deliveryHeader");
    for (String name : delivery) {
      if (!name.matches("[A-Za-z0-9-]+")) {
        fields.add(webhook.get("deliveryHeader").problem("'" + name + "' is not a header name"));
      }
    }
    return new PartnerSecurity.Webhook(
        scheme,
        header,
        prefix,
        username,
        secret,
        delivery.isEmpty() ? PartnerSecurity.Webhook.DEFAULT_DELIVERY_HEADERS : delivery);
  }

  private static String forScheme(List<String> own) {
    return own.isEmpty() ? "" : "; it takes " + String.join(", ", own);
  }

  private byte[] requiredSecret(YamlNode.MapNode map, String key, ConfigFields fields) {
    if (map.get(key) == null) {
      fields.requiredText(map, key);
      return null;
    }
    return secret(map, key, fields);
  }

  private byte[] secret(YamlNode.MapNode map, String key, ConfigFields fields) {
    String reference = fields.text(map, key);
    if (reference == null) {
      return null;
    }
    try {
      return resolved(reference);
    } catch (IllegalArgumentException e) {
      fields.add(map.get(key).problem(e.getMessage()));
      return null;
    }
  }

  private byte[] resolved(String reference) {
    return secrets.resolve(reference).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Boolean bool(YamlNode.MapNode map, String key, ConfigFields fields) {
    YamlNode node = map.get(key);
    if (node == null) {
      return null;
    }
    if (node instanceof YamlNode.ScalarNode scalar && scalar.value() instanceof Boolean value) {
      return value;
    }
    fields.add(node.problem("must be true or false"));
    return null;
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
