package io.deskbridge.support;

import io.deskbridge.partner.ApiKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a configuration directory for tests: the manufacturer with three queues, routing rules,
 * and partners with freshly generated API keys.
 */
public final class GatewayConfigFiles {

  private final Path root;

  private GatewayConfigFiles(Path root) {
    this.root = root;
  }

  /**
   * A directory with the manufacturer's queues and the standard routing rules, and no partners yet.
   */
  public static GatewayConfigFiles standard(Path root) {
    GatewayConfigFiles files = new GatewayConfigFiles(root);
    files.write(
        "connectors/manufacturer.yml",
        """
        name: Example Alarm Systems
        queues:
          - id: triage
            name: Triage
          - id: fire-panels-l2
            name: Fire panels, second line
          - id: intrusion
            name: Intrusion
        """);
    files.write(
        "mappings/routing.yml",
        """
        rules:
          - name: fire-panel-down
            when:
              product.model: "FP-*"
              priority: CRITICAL
            queue: fire-panels-l2
            responseTarget: PT1H
          - name: intrusion
            when:
              product.model: ["IP-*", "KP-*"]
            queue: intrusion
          - name: default
            queue: triage
            responseTarget: P1D
        """);
    return files;
  }

  /** Adds a partner of the given kind and returns its new API key. */
  public String partner(String id, String kind) {
    return partner(id, kind, null);
  }

  /** Adds a partner of the given kind using the named mapping and returns its new API key. */
  public String partner(String id, String kind, String mapping) {
    return partner(id, kind, mapping, "");
  }

  /**
   * Adds a partner whose {@code security} block has more lines ({@code security}, each indented by
   * two, such as a {@code signing:} block) and returns its new API key.
   */
  public String partner(String id, String kind, String mapping, String security) {
    String key = ApiKeys.generate();
    write(
        "connectors/" + id + ".yml",
        "id: "
            + id
            + "\nname: Partner "
            + id
            + "\nconnector: "
            + kind
            + (mapping == null ? "" : "\nmapping: " + mapping)
            + "\nsecurity:\n  apiKeys:\n    - sha256: "
            + ApiKeys.hashHex(key)
            + "\n"
            + security);
    return key;
  }

  /** Writes a secret into a file of the directory and returns its reference, {@code file:...}. */
  public String secret(String name, String value) {
    write("secrets/" + name, value);
    return "file:" + root.resolve("secrets/" + name).toAbsolutePath();
  }

  /**
   * Adds the email partner {@code smallfire} (senders {@code @smallfire.example}) polling the
   * mailbox {@code support} on a local IMAP server without TLS and answering through a local SMTP
   * server; {@code extraSettings} are more lines of its settings block, each indented by two.
   */
  public void emailPartner(
      String support, int imapPort, int smtpPort, Path passwordFile, String extraSettings) {
    write(
        "connectors/smallfire.yml",
        """
        id: smallfire
        name: Small Fire Ltd
        connector: email
        settings:
          address: %s
          senders: ["@smallfire.example"]
          imapHost: 127.0.0.1
          imapPort: %d
          imapSecurity: none
          imapUser: %s
          imapPassword: "file:%s"
          smtpHost: 127.0.0.1
          smtpPort: %d
          smtpSecurity: none
        """
                .formatted(support, imapPort, support, passwordFile, smtpPort)
            + extraSettings);
  }

  /**
   * Adds a csv partner using the named mapping, with {@code settings} as the lines of its settings
   * block (each indented by two), and returns its new API key.
   */
  public String csvPartner(String id, String mapping, String settings) {
    return partner(id, "csv", mapping, "settings:\n" + settings);
  }

  public void write(String relative, String content) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }
}
